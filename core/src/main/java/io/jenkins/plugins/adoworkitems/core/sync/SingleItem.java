package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.template.Html;
import io.jenkins.plugins.adoworkitems.core.template.SeverityMapping;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.List;
import java.util.Map;

/**
 * Creates one work item from given fields, outside any scan: the ad-hoc item of a pipeline ("open a Task for the
 * on-call team"). The template supplies project, type, area, iteration, tags and assignee; arguments override.
 * Without a dedup key each call creates an item, as the caller asked; with one, there is at most one open item per
 * key and template: a call while it is open comments on it instead ("seen again"), and after it is closed a call
 * creates a new one.
 */
public final class SingleItem {
    private SingleItem() {
    }

    /**
     * @param descriptionHtml HTML as given by the pipeline author (trusted like the Jenkinsfile itself); plain text
     *                        is fine too
     * @param priority 1–4, or null for the type's default
     * @param fields extra fields by reference name; they win over the template's
     */
    public static CreatedItem create(AdoClient client, Template template, String title, String descriptionHtml,
                                     Integer priority, Map<String, String> fields) throws AdoException {
        return create(client, template, title, descriptionHtml, priority, fields, "");
    }

    /**
     * @param dedupKey empty for none; else a key the caller chooses ("deploy-failed-prod"), kept on the item as a
     *                 fingerprint of the template and key, so the item is found again like a finding's
     */
    public static CreatedItem create(AdoClient client, Template template, String title, String descriptionHtml,
                                     Integer priority, Map<String, String> fields, String dedupKey) throws AdoException {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A work item needs a title");
        }
        if (priority != null && (priority < 1 || priority > 4)) {
            throw new IllegalArgumentException("A priority is 1 to 4, got " + priority);
        }
        WorkItemType type = client.workItemType(template.project(), template.workItemType());
        String fingerprint = dedupKey == null || dedupKey.isBlank() ? ""
                : Fingerprints.group("single", List.of(template.name(), dedupKey.strip())).value();
        if (!fingerprint.isEmpty()) {
            for (WorkItem open : new ExistingItems(client).byFingerprint(template, List.of(fingerprint))
                    .getOrDefault(fingerprint, List.of())) {
                if (!Planner.isClosed(type, open.state())) {
                    client.addComment(template.project(), open.id(), "Asked for again: "
                            + Html.escape(Planner.oneLineTitle(title)));
                    return new CreatedItem(open.id(), client.webUrl(template.project(), open.id()), false);
                }
            }
        }
        JsonPatch patch = JsonPatch.create().setField("System.Title", Planner.oneLineTitle(title));
        if (descriptionHtml != null && !descriptionHtml.isEmpty()) {
            patch.setField(Planner.descriptionField(type), descriptionHtml);
        }
        Planner.placement(patch, template);
        List<String> tags = new java.util.ArrayList<>(template.tags());
        if (!fingerprint.isEmpty()) {
            if (template.fingerprintField().isEmpty()) {
                tags.add(Identity.fingerprintTag(fingerprint));
            } else {
                patch.setField(template.fingerprintField(), fingerprint);
            }
        }
        if (!tags.isEmpty()) {
            patch.setField("System.Tags", String.join("; ", tags));
        }
        if (priority != null && type.field(SeverityMapping.PRIORITY_FIELD).isPresent()) {
            patch.setField(SeverityMapping.PRIORITY_FIELD, priority);
        }
        for (Map.Entry<String, String> field : template.fields().entrySet()) {
            if (fields == null || !fields.containsKey(field.getKey())) {
                patch.setField(field.getKey(), field.getValue());
            }
        }
        if (fields != null) {
            fields.forEach(patch::setField);
        }
        WorkItem item = client.create(template.project(), template.workItemType(), patch, WriteOptions.DEFAULT);
        return new CreatedItem(item.id(), client.webUrl(template.project(), item.id()));
    }

    /** Escapes plain text for the description, for callers that hold text rather than HTML. */
    public static String textAsHtml(String text) {
        return "<p>" + String.join("<br>", List.of(Html.escape(text).split("\n", -1))) + "</p>";
    }
}
