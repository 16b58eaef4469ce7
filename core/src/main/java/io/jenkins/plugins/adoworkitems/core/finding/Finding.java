package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One security finding, normalised across scanners. Immutable and {@link Serializable}: it travels from a
 * Jenkins agent, where reports are parsed, to the controller, which talks to Azure DevOps.
 *
 * <p>Absent text is {@code ""}, absent lists are empty, {@link #score()} is {@code null} when the tool gives
 * no numeric score.
 *
 * @param originalSeverity the severity or level exactly as the tool wrote it
 * @param score a CVSS score or SARIF {@code security-severity}, 0.0–10.0, or {@code null}
 * @param level SARIF level ({@code error}, {@code warning}, {@code note}, {@code none}) or empty
 * @param kind SARIF kind ({@code fail}, {@code review}…) or empty
 * @param suppressed whether the tool marked it suppressed (parsers skip these unless asked to keep them)
 * @param properties raw tool properties kept for title and description templates
 * @param target the scan target the report names for it ({@link ScanTarget}), or empty; not part of the fingerprint:
 *               the same finding in two targets is one item, open while any target still reports it
 */
public record Finding(Tool tool, Rule rule, Severity severity, String originalSeverity, Double score,
                      String level, String kind, String message, List<Location> locations,
                      List<Location> relatedLocations, Asset asset, List<Identifier> identifiers,
                      boolean suppressed, BaselineState baselineState, Fingerprint fingerprint,
                      Map<String, String> properties, String target) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Finding {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(fingerprint, "fingerprint");
        originalSeverity = Text.orEmpty(originalSeverity);
        level = Text.orEmpty(level);
        kind = Text.orEmpty(kind);
        message = Text.orEmpty(message);
        locations = Text.copy(locations);
        relatedLocations = Text.copy(relatedLocations);
        asset = asset == null ? Asset.NONE : asset;
        identifiers = Text.copy(identifiers);
        baselineState = baselineState == null ? BaselineState.NONE : baselineState;
        properties = Text.copy(properties);
        target = Text.orEmpty(target);
    }

    /** This finding in another scan target, e.g. the one a step names when the report names none. */
    public Finding withTarget(String newTarget) {
        return new Finding(tool, rule, severity, originalSeverity, score, level, kind, message, locations,
                relatedLocations, asset, identifiers, suppressed, baselineState, fingerprint, properties, newTarget);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first location, or an empty one. */
    public Location primaryLocation() {
        return locations.isEmpty() ? Location.of("", 0) : locations.get(0);
    }

    /** The first identifier of the given type ({@code CVE}, {@code GHSA}…), or empty. */
    public String identifier(String type) {
        return identifiers.stream().filter(id -> id.type().equals(type)).map(Identifier::value)
                .findFirst().orElse("");
    }

    /**
     * Collects a finding's parts while a parser reads them; {@link #build()} computes the fingerprint.
     * Not thread-safe, like any builder.
     */
    public static final class Builder {
        private Tool tool = new Tool("", "");
        private Rule rule = Rule.of("");
        private Severity severity = Severity.MEDIUM;
        private String originalSeverity = "";
        private Double score;
        private String level = "";
        private String kind = "";
        private String message = "";
        private final List<Location> locations = new ArrayList<>();
        private final List<Location> relatedLocations = new ArrayList<>();
        private Asset asset = Asset.NONE;
        private final List<Identifier> identifiers = new ArrayList<>();
        private boolean suppressed;
        private BaselineState baselineState = BaselineState.NONE;
        private final Map<String, String> toolFingerprints = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String target = "";

        private Builder() {
        }

        public Builder tool(Tool value) {
            this.tool = value;
            return this;
        }

        public Builder rule(Rule value) {
            this.rule = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder originalSeverity(String value) {
            this.originalSeverity = value;
            return this;
        }

        public Builder score(Double value) {
            this.score = value;
            return this;
        }

        public Builder level(String value) {
            this.level = value;
            return this;
        }

        public Builder kind(String value) {
            this.kind = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder location(Location value) {
            this.locations.add(value);
            return this;
        }

        public Builder relatedLocation(Location value) {
            this.relatedLocations.add(value);
            return this;
        }

        public Builder asset(Asset value) {
            this.asset = value;
            return this;
        }

        /** Adds an identifier unless an equal one is there already. */
        public Builder identifier(Identifier value) {
            if (!value.value().isEmpty() && !identifiers.contains(value)) {
                identifiers.add(value);
            }
            return this;
        }

        public Builder suppressed(boolean value) {
            this.suppressed = value;
            return this;
        }

        public Builder baselineState(BaselineState value) {
            this.baselineState = value;
            return this;
        }

        /** A fingerprint the tool computed itself (SARIF {@code fingerprints}, Gitleaks' {@code Fingerprint}…). */
        public Builder toolFingerprint(String key, String value) {
            if (value != null && !value.isBlank()) {
                toolFingerprints.put(key, value);
            }
            return this;
        }

        public Builder property(String key, String value) {
            if (value != null && !value.isEmpty()) {
                properties.put(key, value);
            }
            return this;
        }

        /** The scan target, as {@link ScanTarget} names it. */
        public Builder target(String value) {
            this.target = value;
            return this;
        }

        public Finding build() {
            Fingerprint fingerprint = Fingerprints.of(tool, rule, asset, locations, message, toolFingerprints);
            return new Finding(tool, rule, severity, originalSeverity, score, level, kind, message, locations,
                    relatedLocations, asset, identifiers, suppressed, baselineState, fingerprint, properties, target);
        }
    }
}
