package io.jenkins.plugins.adoworkitems.core.ado;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A work item at one revision. {@code fields} maps reference names to values as Azure DevOps sent them (strings,
 * numbers, booleans, or maps for identities); null values are kept out.
 */
public record WorkItem(int id, int rev, Map<String, Object> fields, List<WorkItemRelation> relations, String url) {
    public WorkItem {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        relations = List.copyOf(relations);
    }

    public String field(String referenceName) {
        Object value = fields.get(referenceName);
        return value == null ? null : String.valueOf(value);
    }

    /** An identity field's display name (Azure DevOps sends identities as objects), or its text; null when unset. */
    public String person(String referenceName) {
        Object value = fields.get(referenceName);
        if (value instanceof Map<?, ?> identity) {
            Object name = identity.get("displayName");
            return name == null ? String.valueOf(identity.get("uniqueName")) : String.valueOf(name);
        }
        return value == null ? null : String.valueOf(value);
    }

    public String state() {
        return field("System.State");
    }

    public String type() {
        return field("System.WorkItemType");
    }

    static WorkItem from(JsonNode json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Json.map(json.get("fields")).forEach((name, value) -> {
            if (value != null) {
                fields.put(name, value);
            }
        });
        List<WorkItemRelation> relations = new ArrayList<>();
        for (JsonNode relation : json.path("relations")) {
            relations.add(new WorkItemRelation(Json.text(relation, "rel"), Json.text(relation, "url"),
                    Json.map(relation.get("attributes"))));
        }
        return new WorkItem(json.path("id").asInt(), json.path("rev").asInt(), fields, relations, Json.text(json, "url"));
    }
}
