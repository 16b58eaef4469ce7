package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;

import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What results refer to in their run: the tool, its rules (driver and extensions), taxonomies, artifacts,
 * uri bases and logical locations. Read in the first pass, so that its size depends on the rules and
 * artifacts, never on the number of results.
 */
final class RunMetadata {
    private final Tool tool;
    /** Index 0 is the driver, index i + 1 is {@code tool.extensions[i]}. */
    private final List<List<SarifRule>> componentRules;
    private final Map<String, Integer> extensionsByName;
    private final Map<String, SarifRule> rulesById;
    private final Taxonomies taxonomies;
    private final ArtifactPaths paths;
    private final List<String> logicalLocations;
    private final String target;

    private RunMetadata(Tool tool, List<List<SarifRule>> componentRules, Map<String, Integer> extensionsByName,
                        Map<String, SarifRule> rulesById, Taxonomies taxonomies, ArtifactPaths paths,
                        List<String> logicalLocations, String target) {
        this.tool = tool;
        this.componentRules = componentRules;
        this.extensionsByName = extensionsByName;
        this.rulesById = rulesById;
        this.taxonomies = taxonomies;
        this.paths = paths;
        this.logicalLocations = logicalLocations;
        this.target = target;
    }

    /**
     * Converts the run's metadata once its object has been read completely, since {@code taxonomies} may
     * follow the rules that refer to them.
     *
     * @param toolNode {@code run.tool}, or null
     * @param taxonomiesNode {@code run.taxonomies}, or null
     * @param basesNode {@code run.originalUriBaseIds}, or null
     * @param artifacts {@code run.artifacts[*].location}, in order
     * @param logicalLocations {@code run.logicalLocations[*]} fully qualified names, in order
     * @param target the run's scan target ({@link #target(String, String)})
     */
    static RunMetadata of(JsonNode toolNode, JsonNode taxonomiesNode, JsonNode basesNode,
                          List<ArtifactPaths.UriReference> artifacts, List<String> logicalLocations, String target) {
        Taxonomies taxonomies = Taxonomies.of(taxonomiesNode);
        JsonNode driver = toolNode == null ? null : toolNode.get("driver");
        String name = SarifNodes.text(driver, "name");
        String version = SarifNodes.text(driver, "version");
        Tool tool = new Tool(name.isEmpty() ? SarifNodes.text(driver, "fullName") : name,
                version.isEmpty() ? SarifNodes.text(driver, "semanticVersion") : version);

        List<List<SarifRule>> components = new ArrayList<>();
        Map<String, SarifRule> byId = new HashMap<>();
        components.add(rules(driver, taxonomies, byId));
        Map<String, Integer> extensionsByName = new HashMap<>();
        JsonNode extensions = toolNode == null ? null : toolNode.get("extensions");
        if (extensions != null && extensions.isArray()) {
            for (JsonNode extension : extensions) {
                extensionsByName.putIfAbsent(SarifNodes.text(extension, "name"), components.size());
                components.add(rules(extension, taxonomies, byId));
            }
        }
        Map<String, ArtifactPaths.UriReference> bases = new HashMap<>();
        if (basesNode != null && basesNode.isObject()) {
            for (Map.Entry<String, JsonNode> base : basesNode.properties()) {
                bases.put(base.getKey(), new ArtifactPaths.UriReference(SarifNodes.text(base.getValue(), "uri"),
                        SarifNodes.text(base.getValue(), "uriBaseId")));
            }
        }
        return new RunMetadata(tool, List.copyOf(components), Map.copyOf(extensionsByName), Map.copyOf(byId),
                taxonomies, new ArtifactPaths(bases, artifacts), List.copyOf(logicalLocations), target);
    }

    /**
     * The run's scan target: the repository of {@code versionControlProvenance}, followed by the category of
     * {@code automationDetails.id} (SARIF §3.17.4: the part before its last {@code /}; GitHub keeps the analyses
     * of one repository apart by it), so that two categories of one repository are two targets:
     * {@code repo:https://github.com/o/a#codeql/javascript}. A category alone is {@code category:…}; neither,
     * or an id without {@code /} (a run's own id, new every run), gives none.
     *
     * @param repositoryUri the first {@code versionControlProvenance[*].repositoryUri}, or empty
     * @param automationId {@code automationDetails.id}, or empty
     */
    static String target(String repositoryUri, String automationId) {
        int slash = automationId.lastIndexOf('/');
        String category = slash < 0 ? "" : automationId.substring(0, slash).trim();
        if (repositoryUri.isBlank()) {
            return ScanTarget.of("category", category);
        }
        String repository = ScanTarget.repository(repositoryUri);
        return category.isEmpty() ? repository : repository + "#" + category;
    }

    /** A component's rules in order; the first rule with an id wins the lookup by id (driver first). */
    private static List<SarifRule> rules(JsonNode component, Taxonomies taxonomies, Map<String, SarifRule> byId) {
        JsonNode rules = component == null ? null : component.get("rules");
        if (rules == null || !rules.isArray()) {
            return List.of();
        }
        List<SarifRule> converted = new ArrayList<>(rules.size());
        for (JsonNode descriptor : rules) {
            SarifRule rule = SarifRule.of(descriptor, taxonomies);
            converted.add(rule);
            if (!rule.rule().id().isEmpty()) {
                byId.putIfAbsent(rule.rule().id(), rule);
            }
        }
        return converted;
    }

    Tool tool() {
        return tool;
    }

    /** The scan target of every result of the run, or empty. */
    String target() {
        return target;
    }

    Taxonomies taxonomies() {
        return taxonomies;
    }

    ArtifactPaths paths() {
        return paths;
    }

    /**
     * The rule a result refers to: by index into the driver or the extension its {@code toolComponent}
     * names, else by id. An index whose rule has another id than the result's {@code ruleId} is a broken
     * reference, so the id decides then. Null when the run does not describe the rule.
     */
    SarifRule rule(String ruleId, int ruleIndex, SarifResult.ComponentReference toolComponent) {
        int component = 0;
        if (toolComponent != null) {
            if (toolComponent.index() >= 0) {
                component = toolComponent.index() + 1;
            } else {
                component = extensionsByName.getOrDefault(toolComponent.name(), 0);
            }
        }
        if (ruleIndex >= 0 && component < componentRules.size() && ruleIndex < componentRules.get(component).size()) {
            SarifRule byIndex = componentRules.get(component).get(ruleIndex);
            if (ruleId.isEmpty() || matches(byIndex.rule().id(), ruleId)) {
                return byIndex;
            }
        }
        if (ruleId.isEmpty()) {
            return null;
        }
        SarifRule byId = rulesById.get(ruleId);
        if (byId == null && ruleId.indexOf('/') > 0) {
            // Hierarchical ids (SARIF §3.27.5): "CA2000/1" is a sub-rule of "CA2000".
            byId = rulesById.get(ruleId.substring(0, ruleId.indexOf('/')));
        }
        return byId;
    }

    private static boolean matches(String descriptorId, String ruleId) {
        return descriptorId.isEmpty() || ruleId.equals(descriptorId)
                || ruleId.startsWith(descriptorId) && ruleId.length() > descriptorId.length()
                && ruleId.charAt(descriptorId.length()) == '/';
    }

    /** The fully qualified name of {@code run.logicalLocations[index]}, or empty. */
    String logicalLocation(int index) {
        return index >= 0 && index < logicalLocations.size() ? logicalLocations.get(index) : "";
    }
}
