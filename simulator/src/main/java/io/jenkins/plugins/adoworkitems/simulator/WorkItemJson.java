package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders work items, revisions and comments in ADO's JSON shapes. */
final class WorkItemJson {
    /** What the client asked for: a field list (null = all) and the $expand level. */
    record View(List<String> fields, String expand) {
        static View of(String fieldsParam, String expandParam) {
            if (fieldsParam != null && !fieldsParam.isBlank() && expandParam != null && !expandParam.isBlank() && !expandParam.equalsIgnoreCase("none")) {
                throw AdoException.witServer(400, "VS403437: The expand parameter can not be used with the fields parameter.", "ConflictingParametersException");
            }
            return new View(fieldsParam == null || fieldsParam.isBlank() ? null : split(fieldsParam), expandParam == null ? "none" : expandParam.toLowerCase(Locale.ROOT));
        }

        static List<String> split(String csv) {
            List<String> list = new ArrayList<>();
            for (String f : csv.split(",")) {
                if (!f.isBlank()) {
                    list.add(canonicalField(f.trim()));
                }
            }
            return list;
        }

        boolean relations() {
            return expand.equals("relations") || expand.equals("all");
        }

        boolean links() {
            return expand.equals("links") || expand.equals("all");
        }
    }

    private WorkItemJson() {
    }

    static String canonicalField(String name) {
        FieldDef f = ProcessTemplates.field(name);
        if (f == null) {
            throw AdoException.witServer(400, "TF51535: Cannot find field " + name + ".", "WorkItemTrackingFieldDefinitionNotFoundException");
        }
        return f.referenceName();
    }

    static String url(Account account, int id) {
        return account.url() + "/_apis/wit/workItems/" + id;
    }

    static ObjectNode workItem(Account account, WorkItem item, WorkItem.Revision revision, View view, boolean linksByDefault) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", item.id());
        n.put("rev", revision.rev());
        n.set("fields", fields(item.id(), revision, view.fields()));
        if (view.relations() && !revision.relations().isEmpty()) {
            n.set("relations", Json.MAPPER.valueToTree(revision.relations()));
        }
        if (linksByDefault || view.links()) {
            n.set("_links", links(account, item));
        }
        n.put("url", url(account, item.id()));
        return n;
    }

    static ObjectNode fields(int id, WorkItem.Revision revision, List<String> only) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        if (only == null) {
            revision.fields().forEach(fields::set);
            return fields;
        }
        for (String ref : only) {
            JsonNode v = value(id, revision, ref);
            if (v != null) {
                fields.set(ref, v);
            }
        }
        return fields;
    }

    /** A field's value including the computed System.Id and System.Rev, or null when unset. */
    static JsonNode value(int id, WorkItem.Revision revision, String ref) {
        if (ref.equals("System.Id")) {
            return IntNode.valueOf(id);
        }
        if (ref.equals("System.Rev")) {
            return IntNode.valueOf(revision.rev());
        }
        return revision.fields().get(ref);
    }

    private static ObjectNode links(Account account, WorkItem item) {
        ObjectNode links = Json.MAPPER.createObjectNode();
        String self = url(account, item.id());
        Map.of("self", self, "workItemUpdates", self + "/updates", "workItemRevisions", self + "/revisions",
                "workItemComments", self + "/comments", "workItemHistory", self + "/history", "html", account.url() + "/web/wi.aspx?id=" + item.id(),
                "workItemType", account.url() + "/_apis/wit/workItemTypes/" + item.type().replace(" ", "%20"),
                "fields", account.url() + "/_apis/wit/fields").entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> links.putObject(e.getKey()).put("href", e.getValue()));
        return links;
    }

    static ObjectNode revision(Account account, WorkItem item, WorkItem.Revision revision) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", item.id());
        n.put("rev", revision.rev());
        n.set("fields", fields(item.id(), revision, null));
        if (!revision.relations().isEmpty()) {
            n.set("relations", Json.MAPPER.valueToTree(revision.relations()));
        }
        n.put("url", url(account, item.id()) + "/revisions/" + revision.rev());
        return n;
    }

    static ObjectNode comment(Account account, ProjectState project, WorkItem item, WorkItem.Comment c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("workItemId", item.id());
        n.put("commentId", c.id());
        n.put("version", c.version());
        n.put("text", c.text());
        n.set("createdBy", c.createdBy().toJson(account.url()));
        n.put("createdDate", Json.date(c.createdDate()));
        n.set("modifiedBy", c.createdBy().toJson(account.url()));
        n.put("modifiedDate", Json.date(c.modifiedDate()));
        n.put("isDeleted", false);
        n.put("url", account.url() + "/" + project.id() + "/_apis/wit/workItems/" + item.id() + "/comments/" + c.id());
        return n;
    }

    static ObjectNode list(List<? extends JsonNode> values) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("count", values.size());
        n.set("value", Json.MAPPER.valueToTree(values));
        return n;
    }
}
