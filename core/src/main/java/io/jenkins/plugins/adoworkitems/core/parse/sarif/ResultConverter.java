package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;

import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns one SARIF {@code result} into a {@link Finding}, using its run's metadata. Stateless. */
final class ResultConverter {
    private static final String SECURITY_SEVERITY = "security-severity";
    /** The result's fields read here; {@link ResultReader} builds no tree for the others. Keep in step. */
    static final Set<String> FIELDS = Set.of("kind", "baselineState", "suppressions", "rule", "ruleId", "ruleIndex",
            "level", "properties", "message", "locations", "relatedLocations", "taxa", "fingerprints",
            "partialFingerprints");

    private ResultConverter() {
    }

    /** Whether a result is a finding at all: {@code pass} and {@code notApplicable} say nothing is wrong. */
    static boolean isNoProblem(JsonNode result) {
        String kind = SarifNodes.text(result, "kind");
        return "pass".equals(kind) || "notApplicable".equals(kind);
    }

    /**
     * Suppressed when any suppression is in force: its {@code status} is absent or {@code accepted}.
     * {@code underReview} and {@code rejected} suppressions do not hide a result.
     */
    static boolean isSuppressed(JsonNode result) {
        JsonNode suppressions = result.get("suppressions");
        if (suppressions == null || !suppressions.isArray()) {
            return false;
        }
        for (JsonNode suppression : suppressions) {
            String status = SarifNodes.text(suppression, "status");
            if (suppression.isObject() && (status.isEmpty() || "accepted".equals(status))) {
                return true;
            }
        }
        return false;
    }

    static Finding convert(JsonNode result, RunMetadata run, boolean suppressed, ParseSummary.Counter counter) {
        JsonNode ruleReference = result.get("rule");
        String ruleId = SarifNodes.text(result, "ruleId");
        if (ruleId.isEmpty()) {
            ruleId = SarifNodes.text(ruleReference, "id");
        }
        int ruleIndex = SarifNodes.integer(result, "ruleIndex", SarifNodes.integer(ruleReference, "index", -1));
        SarifRule sarifRule = run.rule(ruleId, ruleIndex,
                ruleReference == null ? null : ruleReference.get("toolComponent"));
        Rule rule = rule(ruleId, sarifRule);

        Finding.Builder finding = Finding.builder().tool(run.tool()).rule(rule).suppressed(suppressed)
                .baselineState(BaselineState.parse(SarifNodes.text(result, "baselineState")));
        String kind = SarifNodes.text(result, "kind");
        String level = level(result, kind, sarifRule);
        finding.kind(kind).level(level);

        JsonNode resultProperties = result.get("properties");
        String securitySeverity = SarifNodes.text(resultProperties, SECURITY_SEVERITY);
        if (securitySeverity.isEmpty() && sarifRule != null) {
            securitySeverity = sarifRule.securitySeverity();
        }
        Double score = score(securitySeverity);
        if (score != null) {
            finding.score(score).severity(Severity.fromScore(score)).originalSeverity(securitySeverity);
        } else {
            finding.severity(counter.severity(level)).originalSeverity(level);
        }

        finding.message(message(result.get("message"), sarifRule, rule));
        for (JsonNode location : result.path("locations")) {
            Location converted = location(location, run);
            if (converted != null) {
                finding.location(converted);
            }
        }
        for (JsonNode location : result.path("relatedLocations")) {
            Location converted = location(location, run);
            if (converted != null) {
                finding.relatedLocation(converted);
            }
        }

        for (String cwe : rule.cwes()) {
            finding.identifier(new Identifier("CWE", cwe));
        }
        for (JsonNode taxon : result.path("taxa")) {
            run.taxonomies().cwe(taxon).ifPresent(cwe -> finding.identifier(new Identifier("CWE", cwe)));
        }
        Identifier ruleIdentifier = sarifRule != null && rule == sarifRule.rule() ? sarifRule.identifier()
                : SarifRule.identifier(rule.id());
        if (ruleIdentifier != null) {
            finding.identifier(ruleIdentifier);
        }

        if (sarifRule != null) {
            sarifRule.properties().forEach(finding::property);
        }
        SarifNodes.eachProperty(resultProperties, finding::property);
        fingerprints(result, finding);
        return finding.build();
    }

    /** The run's rule, under the result's own id when that is more specific (a hierarchical sub-rule). */
    private static Rule rule(String ruleId, SarifRule sarifRule) {
        if (sarifRule == null) {
            return Rule.of(ruleId);
        }
        Rule rule = sarifRule.rule();
        if (ruleId.isEmpty() || ruleId.equals(rule.id())) {
            return rule;
        }
        return new Rule(ruleId, rule.name(), rule.shortDescription(), rule.fullDescription(), rule.helpUri(),
                rule.helpText(), rule.tags(), rule.cwes());
    }

    /** SARIF §3.27.10: the result's level, else the rule's default, else by kind. */
    private static String level(JsonNode result, String kind, SarifRule rule) {
        String level = SarifNodes.text(result, "level");
        if (level.isEmpty() && rule != null) {
            level = rule.defaultLevel();
        }
        if (level.isEmpty()) {
            level = kind.isEmpty() || "fail".equals(kind) ? "warning" : "none";
        }
        return level;
    }

    /** GitHub's {@code security-severity}: a number from 0 to 10, usually written as a string. */
    private static Double score(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return value >= 0.0 && value <= 10.0 ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * The message's text or markdown, else the rule's message string its {@code id} names; arguments fill
     * the placeholders. Text without arguments is left alone: many tools write literal braces into it.
     * Without any message the rule's short, then full description stands in.
     */
    private static String message(JsonNode message, SarifRule sarifRule, Rule rule) {
        String text = SarifNodes.messageText(message);
        List<String> arguments = SarifNodes.strings(message, "arguments");
        boolean template = !arguments.isEmpty();
        if (text.isEmpty() && sarifRule != null) {
            text = sarifRule.messageStrings().getOrDefault(SarifNodes.text(message, "id"), "");
            template = true;
        }
        if (text.isEmpty()) {
            return rule.shortDescription().isEmpty() ? rule.fullDescription() : rule.shortDescription();
        }
        return template ? MessageTemplate.format(text, arguments) : text;
    }

    /** A physical location, else the first logical one by name; null when the location names neither. */
    private static Location location(JsonNode location, RunMetadata run) {
        String message = SarifNodes.messageText(location.get("message"));
        JsonNode physical = location.get("physicalLocation");
        if (physical != null && physical.isObject()) {
            String path = run.paths().path(physical.get("artifactLocation"));
            JsonNode region = physical.get("region");
            int startLine = SarifNodes.integer(region, "startLine", 0);
            String snippet = SarifNodes.text(region == null ? null : region.get("snippet"), "text");
            if (snippet.isEmpty()) {
                JsonNode context = physical.get("contextRegion");
                snippet = SarifNodes.text(context == null ? null : context.get("snippet"), "text");
            }
            return new Location(path, startLine, SarifNodes.integer(region, "startColumn", 0),
                    SarifNodes.integer(region, "endLine", startLine), SarifNodes.integer(region, "endColumn", 0),
                    snippet, message);
        }
        JsonNode logical = location.path("logicalLocations").path(0);
        String name = SarifNodes.text(logical, "fullyQualifiedName");
        if (name.isEmpty()) {
            name = run.logicalLocation(SarifNodes.integer(logical, "index", -1));
        }
        if (name.isEmpty()) {
            name = SarifNodes.text(logical, "name");
        }
        return name.isEmpty() ? null : new Location(name, 0, 0, 0, 0, "", message);
    }

    /** The tool's {@code fingerprints}, else its {@code partialFingerprints}; never a mix of both. */
    private static void fingerprints(JsonNode result, Finding.Builder finding) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String field : new String[] {"fingerprints", "partialFingerprints"}) {
            JsonNode bag = result.get(field);
            if (bag != null && bag.isObject()) {
                for (Map.Entry<String, JsonNode> entry : bag.properties()) {
                    SarifNodes.flatten(entry.getKey(), entry.getValue(), (key, value) -> {
                        if (!value.isBlank()) {
                            entries.put(key, value);
                        }
                    });
                }
            }
            if (!entries.isEmpty()) {
                break;
            }
        }
        entries.forEach(finding::toolFingerprint);
    }
}
