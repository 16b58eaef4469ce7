package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;

/**
 * A finding's identity across runs: 32 lower-case hex characters, so that it can travel in a work item tag
 * and in WIQL without any escaping. See docs/fingerprints.md; the scheme is a compatibility contract.
 *
 * @param value the identity, 32 hex characters
 * @param basis what it was computed from: {@code tool:<key>} when the scanner gave its own fingerprint,
 *              {@code package}, {@code endpoint}, {@code snippet}, {@code line} or {@code message} otherwise
 */
public record Fingerprint(String value, String basis) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Fingerprint {
        if (!isHex32(value)) {
            throw new IllegalArgumentException("A fingerprint is 32 lower-case hex characters, got: " + value);
        }
        basis = Text.orEmpty(basis);
    }

    /** A loop, not a regular expression: this runs once per finding of million-result reports. */
    static boolean isHex32(String value) {
        if (value == null || value.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
