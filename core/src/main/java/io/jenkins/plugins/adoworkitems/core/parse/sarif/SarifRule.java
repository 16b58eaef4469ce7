package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;

import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SARIF {@code reportingDescriptor} as the results need it, converted once per run.
 *
 * @param defaultLevel {@code defaultConfiguration.level}, or empty
 * @param messageStrings message templates by id ({@code messageStrings.<id>.text}, else markdown)
 * @param properties the rule's property bag, flattened as in {@link SarifNodes#eachProperty}
 * @param securitySeverity GitHub's {@code security-severity} score text, or empty
 * @param score that text as a {@link #score(String)}, once per rule rather than per result, or null
 * @param identifier the CVE or GHSA id the rule's id is, or null; once per rule, not per result, as it takes
 *                   three regular expressions
 */
record SarifRule(Rule rule, String defaultLevel, Map<String, String> messageStrings,
                 Map<String, String> properties, String securitySeverity, Double score,
                 Identifier identifier) {

    /** The CVE or GHSA id a rule id is; a CWE id is left out, since the rule's CWEs are listed already. */
    static Identifier identifier(String ruleId) {
        return Identifier.recognise(ruleId).filter(id -> !"CWE".equals(id.type())).orElse(null);
    }

    static SarifRule of(JsonNode descriptor, Taxonomies taxonomies) {
        JsonNode properties = descriptor.path("properties");
        List<String> tags = SarifNodes.strings(properties, "tags");
        List<String> cwes = new ArrayList<>();
        for (String tag : tags) {
            // Only tags naming CWE: a bare number tag ("2021") is not a weakness id.
            if (tag.toLowerCase(Locale.ROOT).contains("cwe")) {
                Taxonomies.normalisedCwe(tag).ifPresent(cwe -> addOnce(cwes, cwe));
            }
        }
        for (String cwe : SarifNodes.strings(properties, "cwe")) {
            Taxonomies.normalisedCwe(cwe).ifPresent(value -> addOnce(cwes, value));
        }
        for (JsonNode relationship : descriptor.path("relationships")) {
            taxonomies.cwe(relationship.get("target")).ifPresent(cwe -> addOnce(cwes, cwe));
        }
        JsonNode help = descriptor.get("help");
        Rule rule = new Rule(SarifNodes.text(descriptor, "id"), SarifNodes.text(descriptor, "name"),
                SarifNodes.messageText(descriptor.get("shortDescription")),
                SarifNodes.messageText(descriptor.get("fullDescription")),
                SarifNodes.text(descriptor, "helpUri"), SarifNodes.messageText(help), tags, cwes);

        Map<String, String> messageStrings = new LinkedHashMap<>();
        JsonNode strings = descriptor.get("messageStrings");
        if (strings != null && strings.isObject()) {
            for (Map.Entry<String, JsonNode> entry : strings.properties()) {
                messageStrings.put(entry.getKey(), SarifNodes.messageText(entry.getValue()));
            }
        }
        String securitySeverity = SarifNodes.text(properties, "security-severity");
        Map<String, String> bag = new LinkedHashMap<>();
        SarifNodes.eachProperty(properties, bag::put);
        return new SarifRule(rule, SarifNodes.text(descriptor.path("defaultConfiguration"), "level"),
                Map.copyOf(messageStrings), Collections.unmodifiableMap(bag), securitySeverity,
                score(securitySeverity), identifier(rule.id()));
    }

    /** GitHub's {@code security-severity}: a number from 0 to 10, usually written as a string. */
    static Double score(String text) {
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

    private static void addOnce(List<String> values, String value) {
        if (!values.contains(value)) {
            values.add(value);
        }
    }
}
