package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;

/** The scanner that reported a finding. */
public record Tool(String name, String version) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Tool {
        name = Text.orEmpty(name);
        version = Text.orEmpty(version);
    }
}
