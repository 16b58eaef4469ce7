package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON Patch document (RFC 6902) as Azure DevOps takes it for work item creates and updates. Field names become
 * JSON Pointer tokens, so {@code ~} and {@code /} in them are escaped as {@code ~0} and {@code ~1}.
 */
public final class JsonPatch {
    /** One operation; {@code value} is null for {@code remove}. */
    public record Operation(String op, String path, Object value) {
        public Operation {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(path, "path");
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("op", op);
            json.put("path", path);
            if (!op.equals("remove")) {
                json.put("value", value);
            }
            return json;
        }
    }

    private final List<Operation> operations = new ArrayList<>();

    public static JsonPatch create() {
        return new JsonPatch();
    }

    public JsonPatch add(String path, Object value) {
        operations.add(new Operation("add", path, value));
        return this;
    }

    public JsonPatch replace(String path, Object value) {
        operations.add(new Operation("replace", path, value));
        return this;
    }

    public JsonPatch remove(String path) {
        operations.add(new Operation("remove", path, null));
        return this;
    }

    public JsonPatch test(String path, Object value) {
        operations.add(new Operation("test", path, value));
        return this;
    }

    /** Sets a field; Azure DevOps treats {@code add} on an existing field as replace. */
    public JsonPatch setField(String referenceName, Object value) {
        return add(fieldPath(referenceName), value);
    }

    public JsonPatch removeField(String referenceName) {
        return remove(fieldPath(referenceName));
    }

    /**
     * Makes the update apply only to revision {@code rev}; Azure DevOps refuses it if someone changed the item since.
     * It also makes an update safe to repeat when its answer was lost.
     */
    public JsonPatch testRevision(int rev) {
        return test("/rev", rev);
    }

    /** Adds a link, e.g. {@code Hyperlink} with a URL, or {@code System.LinkTypes.Related} with a work item URL. */
    public JsonPatch addRelation(String rel, String url, Map<String, Object> attributes) {
        Map<String, Object> relation = new LinkedHashMap<>();
        relation.put("rel", rel);
        relation.put("url", url);
        if (attributes != null && !attributes.isEmpty()) {
            relation.put("attributes", attributes);
        }
        return add("/relations/-", relation);
    }

    public static String fieldPath(String referenceName) {
        return "/fields/" + escape(referenceName);
    }

    /** JSON Pointer token escaping (RFC 6901): {@code ~} first, then {@code /}. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    public boolean testsRevision() {
        return operations.stream().anyMatch(operation -> operation.op().equals("test") && operation.path().equals("/rev"));
    }

    List<Map<String, Object>> toJson() {
        return operations.stream().map(Operation::toJson).toList();
    }

    @Override
    public String toString() {
        // Values are finding text, not secrets, but can be long: list operations and paths only.
        StringBuilder text = new StringBuilder("JsonPatch[");
        for (Operation operation : operations) {
            text.append(operation.op()).append(' ').append(operation.path()).append("; ");
        }
        return text.append(']').toString();
    }
}
