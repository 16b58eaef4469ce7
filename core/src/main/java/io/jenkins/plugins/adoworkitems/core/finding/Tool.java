package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The scanner that reported a finding. A known scanner has one spelling wherever it shows, whichever report it came
 * from: Semgrep's own JSON and its SARIF ({@code "semgrep"}) name the same tool.
 */
public record Tool(String name, String version) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * By lower-case name. Each differs from what the reports write in case only, so that
     * {@link Fingerprints#normaliseName}, which identities and fingerprints use, gives the same as before.
     */
    private static final Map<String, String> DISPLAY_NAMES = Stream.of("Trivy", "Grype", "Semgrep", "CodeQL", "Snyk",
                    "Dependency-Check", "Gitleaks", "ZAP", "npm audit", "GitLab")
            .collect(Collectors.toUnmodifiableMap(Fingerprints::normaliseName, Function.identity()));

    public Tool {
        name = displayName(name);
        version = Text.orEmpty(version);
    }

    /**
     * The name to show for a tool name in any case, e.g. {@code "semgrep"} as identities keep it: a known scanner's
     * one spelling, else the name as given ("" for null). Never changes what {@link Fingerprints#normaliseName} makes
     * of it.
     */
    public static String displayName(String anyCase) {
        String name = Text.orEmpty(anyCase);
        return DISPLAY_NAMES.getOrDefault(Fingerprints.normaliseName(name), name);
    }
}
