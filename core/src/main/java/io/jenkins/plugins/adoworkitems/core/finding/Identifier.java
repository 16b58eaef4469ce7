package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A public identifier of a weakness or vulnerability: {@code CVE-2021-44228}, {@code GHSA-jfh8-c2jp-5v3q},
 * {@code CWE-79}, or a tool's own advisory id.
 *
 * @param type upper-case scheme: CVE, GHSA, CWE, OSV, SNYK, NPM, … or OTHER
 */
public record Identifier(String type, String value) implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern CVE = Pattern.compile("(?i)CVE-\\d{4}-\\d{4,}");
    private static final Pattern GHSA = Pattern.compile("(?i)GHSA(-[0-9a-z]{4}){3}");
    private static final Pattern CWE = Pattern.compile("(?i)CWE-\\d+");

    public Identifier {
        type = Text.orEmpty(type).toUpperCase(Locale.ROOT);
        value = Text.orEmpty(value).trim();
    }

    /** Recognises CVE, GHSA and CWE ids by shape; anything else is typed {@code OTHER}. */
    public static Identifier of(String value) {
        return recognise(value).orElseGet(() -> new Identifier("OTHER", value));
    }

    /** The identifier when {@code value} is a CVE, GHSA or CWE id. */
    public static Optional<Identifier> recognise(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (CVE.matcher(trimmed).matches()) {
            return Optional.of(new Identifier("CVE", trimmed.toUpperCase(Locale.ROOT)));
        }
        if (GHSA.matcher(trimmed).matches()) {
            return Optional.of(new Identifier("GHSA", "GHSA" + trimmed.substring(4).toLowerCase(Locale.ROOT)));
        }
        if (CWE.matcher(trimmed).matches()) {
            return Optional.of(new Identifier("CWE", trimmed.toUpperCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** {@code CWE-79} from {@code 79}, {@code "CWE-79"} or {@code "CWE-79: Improper Neutralization…"}. */
    public static Optional<String> cwe(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (trimmed.matches("\\d+")) {
            return Optional.of("CWE-" + trimmed);
        }
        var matcher = CWE.matcher(trimmed);
        return matcher.find() ? Optional.of(matcher.group().toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
