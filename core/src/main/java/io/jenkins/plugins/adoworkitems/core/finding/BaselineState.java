package io.jenkins.plugins.adoworkitems.core.finding;

import java.util.Locale;

/** SARIF's {@code result.baselineState}; {@link #NONE} when the tool did not compare with a baseline. */
public enum BaselineState {
    NONE, NEW, UNCHANGED, UPDATED, ABSENT;

    public static BaselineState parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return NONE;
        }
    }
}
