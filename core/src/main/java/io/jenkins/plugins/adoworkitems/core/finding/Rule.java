package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;
import java.util.List;

/**
 * The check that produced a finding: a SARIF rule, a vulnerability advisory, a ZAP alert type.
 *
 * @param cwes CWE ids as {@code CWE-79}
 */
public record Rule(String id, String name, String shortDescription, String fullDescription,
                   String helpUri, String helpText, List<String> tags, List<String> cwes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Rule {
        id = Text.orEmpty(id);
        name = Text.orEmpty(name);
        shortDescription = Text.orEmpty(shortDescription);
        fullDescription = Text.orEmpty(fullDescription);
        helpUri = Text.orEmpty(helpUri);
        helpText = Text.orEmpty(helpText);
        tags = Text.copy(tags);
        cwes = Text.copy(cwes);
    }

    /** A rule known only by its id. */
    public static Rule of(String id) {
        return new Rule(id, "", "", "", "", "", List.of(), List.of());
    }
}
