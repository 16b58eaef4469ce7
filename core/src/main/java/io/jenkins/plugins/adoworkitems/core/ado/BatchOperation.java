package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.Map;

/**
 * One request inside {@code PATCH _apis/wit/$batch}. {@code path} is relative to the organization or collection URL
 * and without api-version, which the client adds.
 */
public record BatchOperation(String method, String path, Map<String, String> headers, JsonPatch body) {
    private static final Map<String, String> PATCH_JSON = Map.of("Content-Type", "application/json-patch+json");

    public BatchOperation {
        headers = Map.copyOf(headers);
    }

    /** Creates a work item; in a batch, creates are PATCH requests to {@code $Type}. */
    public static BatchOperation create(String project, String type, JsonPatch patch) {
        return new BatchOperation("PATCH", AdoClient.segment(project) + "/_apis/wit/workitems/$" + AdoClient.segment(type),
                PATCH_JSON, patch);
    }

    public static BatchOperation update(int id, JsonPatch patch) {
        return new BatchOperation("PATCH", "_apis/wit/workitems/" + id, PATCH_JSON, patch);
    }
}
