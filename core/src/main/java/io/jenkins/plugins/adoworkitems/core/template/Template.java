package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Severity;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where and how findings become work items. One model for the Jenkins plugin, the CLI and template files
 * (docs/templates.md).
 *
 * @param connection name of the connection (organization or collection plus credentials) to use
 * @param project project name or id
 * @param workItemType e.g. {@code Bug}, {@code Task}, {@code Issue}
 * @param areaPath empty for the project's default area
 * @param iterationPath empty for the project's default iteration
 * @param tags added on create; the fingerprint tag is added separately (docs/sync.md)
 * @param assignedTo set on create only, so a person's reassignment stands
 * @param threshold findings below it are skipped with a reason
 * @param title placeholder template for the title; empty for the default title
 * @param description placeholder template for the HTML description; empty for the default description
 * @param fields extra fields: reference name to placeholder template
 * @param routing which findings this template takes
 * @param maxNewItems cap on items created per run, 0 for no cap
 * @param resolveFixed resolve items whose finding is gone from a complete scan of this template's scope
 * @param fingerprintField a custom field holding the fingerprint, instead of the default tag; empty for the tag
 * @param triage the decisions of people a sync leaves alone ({@link Triage#DEFAULT} when null)
 * @param pullRequests whether syncs of pull-request builds write; by default they only plan
 */
public record Template(String name, String connection, String project, String workItemType, String areaPath,
                       String iterationPath, List<String> tags, String assignedTo, Severity threshold,
                       SeverityMapping severityMapping, String title, String description,
                       Map<String, String> fields, Routing routing, Grouping grouping, int maxNewItems,
                       boolean resolveFixed, String fingerprintField, Triage triage, boolean pullRequests)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Template {
        name = required(name, "name");
        connection = orEmpty(connection);
        project = required(project, "project");
        workItemType = required(workItemType, "workItemType");
        areaPath = orEmpty(areaPath);
        iterationPath = orEmpty(iterationPath);
        tags = tags == null ? List.of() : List.copyOf(tags);
        assignedTo = orEmpty(assignedTo);
        threshold = threshold == null ? Severity.INFO : threshold;
        severityMapping = severityMapping == null ? SeverityMapping.DEFAULT : severityMapping;
        title = orEmpty(title);
        description = orEmpty(description);
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
        routing = routing == null ? Routing.ANY : routing;
        grouping = grouping == null ? Grouping.FINDING : grouping;
        if (maxNewItems < 0) {
            throw new IllegalArgumentException("maxNewItems must be 0 (no cap) or more, got " + maxNewItems);
        }
        fingerprintField = orEmpty(fingerprintField);
        triage = triage == null ? Triage.DEFAULT : triage;
        for (String tag : tags) {
            if (tag.contains(";")) {
                throw new IllegalArgumentException("A tag cannot contain ';' (Azure DevOps separates tags with it): '" + tag + "'");
            }
        }
    }

    /** A template with only what is required; everything else takes its default. */
    public static Template of(String name, String project, String workItemType) {
        return new Template(name, "", project, workItemType, "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), Routing.ANY, Grouping.FINDING, 0, false, "", Triage.DEFAULT, false);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A template needs a " + field);
        }
        return value.trim();
    }

    private static String orEmpty(String value) {
        return Objects.requireNonNullElse(value, "").trim();
    }
}
