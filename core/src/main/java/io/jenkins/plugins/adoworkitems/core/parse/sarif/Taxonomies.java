package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;

import io.jenkins.plugins.adoworkitems.core.finding.Identifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's taxonomies, kept only as far as needed to recognise CWE references: a rule's
 * {@code relationships} or a result's {@code taxa} that point into the CWE taxonomy.
 */
final class Taxonomies {
    static final Taxonomies NONE = new Taxonomies(List.of());

    private record Taxonomy(String name, List<String> taxonIds) {
    }

    private final List<Taxonomy> taxonomies;

    private Taxonomies(List<Taxonomy> taxonomies) {
        this.taxonomies = taxonomies;
    }

    /** From {@code run.taxonomies}; null or anything but an array gives none. */
    static Taxonomies of(JsonNode array) {
        if (array == null || !array.isArray()) {
            return NONE;
        }
        List<Taxonomy> taxonomies = new ArrayList<>();
        for (JsonNode taxonomy : array) {
            List<String> ids = new ArrayList<>();
            for (JsonNode taxon : taxonomy.path("taxa")) {
                ids.add(SarifNodes.text(taxon, "id"));
            }
            taxonomies.add(new Taxonomy(SarifNodes.text(taxonomy, "name"), List.copyOf(ids)));
        }
        return new Taxonomies(List.copyOf(taxonomies));
    }

    /**
     * A {@code reportingDescriptorReference} as far as CWE ids need it.
     *
     * @param componentName {@code toolComponent.name}, or empty
     * @param componentIndex {@code toolComponent.index}, or -1
     */
    record Reference(String id, int index, String componentName, int componentIndex) {
    }

    /** The CWE a reference in a tree names (a rule's relationship target); see {@link #cwe(Reference)}. */
    Optional<String> cwe(JsonNode reference) {
        if (reference == null || !reference.isObject()) {
            return Optional.empty();
        }
        JsonNode component = reference.get("toolComponent");
        return cwe(new Reference(SarifNodes.text(reference, "id"), SarifNodes.integer(reference, "index", -1),
                SarifNodes.text(component, "name"), SarifNodes.integer(component, "index", -1)));
    }

    /**
     * The CWE a reference names, when its {@code toolComponent} is the CWE taxonomy, found by index into
     * {@code run.taxonomies} or by name. Flawfinder names a CWE component without shipping the taxonomy, so
     * the name alone suffices.
     */
    Optional<String> cwe(Reference reference) {
        String componentName = reference.componentName();
        int componentIndex = reference.componentIndex();
        Taxonomy taxonomy = null;
        if (componentIndex >= 0 && componentIndex < taxonomies.size()) {
            taxonomy = taxonomies.get(componentIndex);
        } else if (!componentName.isEmpty()) {
            taxonomy = taxonomies.stream().filter(t -> t.name().equalsIgnoreCase(componentName)).findFirst()
                    .orElse(null);
        }
        String name = taxonomy == null ? componentName : taxonomy.name();
        if (!"CWE".equals(name.trim().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String id = reference.id();
        int index = reference.index();
        if (id.isEmpty() && taxonomy != null && index >= 0 && index < taxonomy.taxonIds().size()) {
            id = taxonomy.taxonIds().get(index);
        }
        return normalisedCwe(id);
    }

    /** {@code CWE-79} from {@code 79}, {@code CWE-079} or {@code external/cwe/cwe-079}. */
    static Optional<String> normalisedCwe(String text) {
        return Identifier.cwe(text).map(cwe -> {
            String digits = cwe.substring("CWE-".length());
            int start = 0;
            while (start < digits.length() - 1 && digits.charAt(start) == '0') {
                start++;
            }
            return "CWE-" + digits.substring(start);
        });
    }
}
