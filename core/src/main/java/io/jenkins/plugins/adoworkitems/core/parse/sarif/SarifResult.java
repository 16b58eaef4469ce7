package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import io.jenkins.plugins.adoworkitems.core.finding.Location;

import java.util.List;
import java.util.Map;

/**
 * What {@link ResultConverter} needs of one SARIF {@code result}, read straight from its tokens by
 * {@link ResultReader}, as leniently as {@link SarifNodes} reads a tree: a missing or mistyped property is empty
 * text, -1 or no entry. Locations are already resolved against the run's artifacts and uri bases.
 *
 * @param ruleId {@code ruleId}, else {@code rule.id}
 * @param ruleIndex {@code ruleIndex}, else {@code rule.index}, else -1
 * @param component {@code rule.toolComponent}, or null when that is not an object
 * @param suppressed whether a suppression in force hides the result
 * @param properties the result's property bag, flattened as in {@link SarifNodes#eachProperty}
 * @param securitySeverity {@code properties.security-severity} as text, or empty
 * @param message the result's {@code message}
 * @param taxa the {@code taxa} references, for CWE ids
 * @param fingerprints {@code fingerprints}, else {@code partialFingerprints}, flattened, blank values left out
 */
record SarifResult(String kind, String baselineState, boolean suppressed, String ruleId, int ruleIndex,
                   ComponentReference component, String level, Map<String, String> properties,
                   String securitySeverity, Message message, List<Location> locations,
                   List<Location> relatedLocations, List<Taxonomies.Reference> taxa,
                   Map<String, String> fingerprints) {

    /** A {@code toolComponentReference}: by index into the run's extensions when it has one, else by name. */
    record ComponentReference(int index, String name) {
    }

    /**
     * A SARIF {@code message}.
     *
     * @param text its text, else its markdown
     * @param id the rule's message string it names
     * @param arguments its scalar arguments as text
     */
    record Message(String text, String id, List<String> arguments) {
        static final Message NONE = new Message("", "", List.of());
    }
}
