package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;
import java.util.regex.Pattern;

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
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    public Fingerprint {
        if (value == null || !HEX32.matcher(value).matches()) {
            throw new IllegalArgumentException("A fingerprint is 32 lower-case hex characters, got: " + value);
        }
        basis = Text.orEmpty(basis);
    }

    @Override
    public String toString() {
        return value;
    }
}
