package io.jenkins.plugins.adoworkitems.core.finding;

import java.util.Locale;
import java.util.Optional;

/**
 * Severity normalised across scanners. Ordered from the most to the least severe, so that
 * {@link #isAtLeast(Severity)} reads naturally in thresholds.
 */
public enum Severity {
    CRITICAL("Critical"),
    HIGH("High"),
    MEDIUM("Medium"),
    LOW("Low"),
    INFO("Info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The display label, e.g. {@code High}. */
    public String label() {
        return label;
    }

    /** Whether this severity is the same as or more severe than {@code threshold}. */
    public boolean isAtLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /**
     * Maps a CVSS-like score (0.0–10.0) the way NVD and GitHub's {@code security-severity} do:
     * 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low, 0 info.
     */
    public static Severity fromScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        if (score > 0.0) {
            return LOW;
        }
        return INFO;
    }

    /**
     * Maps the labels scanners use (Trivy, Grype, Snyk, npm, GitLab, ZAP, Semgrep, SARIF levels…).
     * Empty when the label is unknown, so that the caller decides the fallback and can say so. {@code UNKNOWN}
     * (Trivy, Grype, GitLab: not yet rated) is deliberately not a label: an unrated vulnerability may be
     * severe, so it must not become Info; {@code none} is SARIF's level for a result that is not a problem.
     */
    public static Optional<Severity> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "critical":
            case "blocker":
                return Optional.of(CRITICAL);
            case "high":
            case "error":
            case "severe":
                return Optional.of(HIGH);
            case "medium":
            case "moderate":
            case "warning":
            case "major":
                return Optional.of(MEDIUM);
            case "low":
            case "note":
            case "minor":
                return Optional.of(LOW);
            case "info":
            case "informational":
            case "information":
            case "none":
            case "negligible":
            case "trivial":
                return Optional.of(INFO);
            default:
                return Optional.empty();
        }
    }

    /** Parses our own names ({@code high}, {@code HIGH}, {@code High}); for user input such as thresholds. */
    public static Severity parse(String name) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(name.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("Unknown severity '" + name + "': use critical, high, medium, low or info");
    }
}
