package io.jenkins.plugins.adoworkitems.core.ado;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.adoworkitems.core.auth.Authenticator;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The Azure DevOps work item tracking calls this product needs, over {@link java.net.http.HttpClient}. Works against
 * Services organizations and Server collections; api-versions per {@link ApiVersions}. Thread-safe.
 */
public final class AdoClient {
    /** Azure DevOps' limit for ids per workitemsbatch call and operations per $batch call. */
    public static final int MAX_BATCH = 200;
    private static final Logger LOG = Logger.getLogger(AdoClient.class.getName());
    private static final String JSON = "application/json";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final AdoTarget target;
    private final AdoHttp http;
    private volatile ApiVersions versions;

    private AdoClient(AdoTarget target, AdoHttp http) {
        this.target = target;
        this.http = http;
    }

    public static AdoClient create(AdoTarget target, Credentials credentials, ClientSettings settings) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        return create(target, Authenticator.of(credentials, settings.entra(), settings.proxy()), settings);
    }

    public static AdoClient create(AdoTarget target, Authenticator authenticator, ClientSettings settings) {
        return new AdoClient(target, new AdoHttp(settings, authenticator));
    }

    public AdoTarget target() {
        return target;
    }

    /** A work item's page for people, e.g. {@code https://dev.azure.com/org/Project/_workitems/edit/42}. */
    public String webUrl(String project, int id) {
        String base = target.url().toString();
        return (base.endsWith("/") ? base : base + "/") + segment(project) + "/_workitems/edit/" + id;
    }

    /** HTTP requests this client has sent, retries and redirects included. */
    public int requestCount() {
        return http.requestCount();
    }

    /** The api-versions for this target; on Server the first call asks the server ({@code OPTIONS _apis}). */
    public ApiVersions apiVersions() throws AdoException {
        ApiVersions known = versions;
        if (known == null) {
            if (target.flavour() == AdoTarget.Flavour.SERVICES) {
                known = ApiVersions.services(target.apiVersion());
            } else {
                AdoHttp.Response response = http.send(new AdoHttp.Request("OPTIONS", target.resolve("_apis"), null, null,
                        AdoHttp.Replay.SAFE, "the api-version negotiation (OPTIONS _apis)", ErrorCode.NETWORK));
                known = ApiVersions.negotiate(json(response), target.apiVersion());
                ApiVersions negotiated = known;
                LOG.fine(() -> "Negotiated api-version " + negotiated.general() + " with " + target.url());
            }
            versions = known;
        }
        return known;
    }

    public Project project(String project) throws AdoException {
        JsonNode json = get("_apis/projects/" + segment(project), Map.of(), "reading project " + project,
                ErrorCode.PROJECT_NOT_FOUND);
        return new Project(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "state"), Json.text(json, "url"));
    }

    public List<String> workItemTypeNames(String project) throws AdoException {
        JsonNode json = get(segment(project) + "/_apis/wit/workitemtypes", Map.of(),
                "listing work item types of " + project, ErrorCode.PROJECT_NOT_FOUND);
        List<String> names = new ArrayList<>();
        json.path("value").forEach(type -> names.add(Json.text(type, "name")));
        return names;
    }

    /** The type with its fields (and their allowed values) and its states with categories: three calls. */
    public WorkItemType workItemType(String project, String type) throws AdoException {
        String base = segment(project) + "/_apis/wit/workitemtypes/" + segment(type);
        JsonNode json = get(base, Map.of(), "reading work item type " + type + " of " + project, ErrorCode.TYPE_NOT_FOUND);
        JsonNode fieldsJson = get(base + "/fields", Map.of("$expand", "allowedValues"),
                "reading the fields of " + type, ErrorCode.TYPE_NOT_FOUND);
        List<WorkItemField> fields = new ArrayList<>();
        for (JsonNode field : fieldsJson.path("value")) {
            fields.add(new WorkItemField(Json.text(field, "referenceName"), Json.text(field, "name"),
                    field.path("alwaysRequired").asBoolean(false), Json.text(field, "defaultValue"),
                    Json.strings(field.get("allowedValues"))));
        }
        URI statesUri = URI.create(target.url() + "/" + base + "/states?api-version=" + apiVersions().states());
        JsonNode statesJson = json(http.send(AdoHttp.Request.get(statesUri, "reading the states of " + type,
                ErrorCode.TYPE_NOT_FOUND)));
        List<WorkItemState> states = new ArrayList<>();
        for (JsonNode state : statesJson.path("value")) {
            states.add(new WorkItemState(Json.text(state, "name"), Json.text(state, "color"), Json.text(state, "category")));
        }
        Map<String, List<String>> transitions = new LinkedHashMap<>();
        json.path("transitions").fields().forEachRemaining(entry -> {
            List<String> targets = new ArrayList<>();
            entry.getValue().forEach(transition -> targets.add(Json.text(transition, "to")));
            transitions.put(entry.getKey(), targets);
        });
        return new WorkItemType(Json.text(json, "name"), Json.text(json, "referenceName"), Json.text(json, "description"),
                fields, states, transitions);
    }

    /**
     * Creates a work item. Never repeated after a lost answer: that surfaces as {@link ErrorCode#OUTCOME_UNKNOWN},
     * and the caller looks for the item (by fingerprint) before creating again.
     */
    public WorkItem create(String project, String type, JsonPatch patch, WriteOptions options) throws AdoException {
        URI uri = uri(segment(project) + "/_apis/wit/workitems/$" + segment(type), flags(options));
        try {
            AdoHttp.Response response = http.send(new AdoHttp.Request("POST", uri, JSON_PATCH, Json.write(patch.toJson()),
                    AdoHttp.Replay.UNSAFE, "creating a " + type + " in " + project, ErrorCode.TYPE_NOT_FOUND));
            return WorkItem.from(json(response));
        } catch (AdoException e) {
            throw withAllowedValues(e, project, type);
        }
    }

    /** Azure DevOps names the rejected field but not what it accepts; one more read tells the user. */
    private AdoException withAllowedValues(AdoException e, String project, String type) {
        if (e.code() != ErrorCode.FIELD_REJECTED || e.field().isEmpty() || !e.allowedValues().isEmpty()) {
            return e;
        }
        try {
            JsonNode field = get(segment(project) + "/_apis/wit/workitemtypes/" + segment(type) + "/fields/"
                    + segment(e.field().get()), Map.of("$expand", "allowedValues"), "reading field " + e.field().get(),
                    ErrorCode.FIELD_REJECTED);
            List<String> allowed = Json.strings(field.get("allowedValues"));
            return allowed.isEmpty() ? e : e.withAllowedValues(allowed);
        } catch (AdoException lookupFailed) {
            return e;
        }
    }

    /**
     * Updates a work item. With {@link JsonPatch#testRevision(int)} the update is repeated after a lost answer; if
     * the repeat finds the revision moved on, the item is read back and accepted when it holds the patch's values.
     */
    public WorkItem update(int id, JsonPatch patch, WriteOptions options) throws AdoException {
        URI uri = uri("_apis/wit/workitems/" + id, flags(options));
        AdoHttp.Replay replay = patch.testsRevision() ? AdoHttp.Replay.GUARDED : AdoHttp.Replay.UNSAFE;
        try {
            AdoHttp.Response response = http.send(new AdoHttp.Request("PATCH", uri, JSON_PATCH, Json.write(patch.toJson()),
                    replay, "updating work item " + id, ErrorCode.WORK_ITEM_NOT_FOUND));
            return WorkItem.from(json(response));
        } catch (AdoException e) {
            if (e.code() == ErrorCode.OUTCOME_UNKNOWN && replay == AdoHttp.Replay.GUARDED) {
                WorkItem current = workItems(List.of(id)).stream().findFirst().orElseThrow(() -> e);
                if (holds(current, patch)) {
                    LOG.info(() -> "The lost update of work item " + id + " had been applied (now at revision "
                            + current.rev() + ")");
                    return current;
                }
            }
            throw e;
        }
    }

    /** Whether the item is one revision past the tested one and carries every field value the patch set. */
    private static boolean holds(WorkItem item, JsonPatch patch) {
        boolean revisionMatches = false;
        for (JsonPatch.Operation operation : patch.operations()) {
            if (operation.op().equals("test") && operation.path().equals("/rev")) {
                revisionMatches = String.valueOf(item.rev() - 1).equals(String.valueOf(operation.value()));
            }
            if ((operation.op().equals("add") || operation.op().equals("replace"))
                    && operation.path().startsWith("/fields/") && !operation.path().equals("/fields/System.History")) {
                String field = operation.path().substring("/fields/".length()).replace("~1", "/").replace("~0", "~");
                if (!String.valueOf(operation.value()).equals(item.field(field))) {
                    return false;
                }
            }
        }
        return revisionMatches;
    }

    /** Reads work items by id with their relations, through {@code workitemsbatch} in chunks of 200; missing ids are skipped. */
    public List<WorkItem> workItems(Collection<Integer> ids) throws AdoException {
        List<Integer> all = List.copyOf(ids);
        List<WorkItem> items = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_BATCH) {
            List<Integer> chunk = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ids", chunk);
            body.put("$expand", "relations");
            body.put("errorPolicy", "omit");
            AdoHttp.Response response = http.send(new AdoHttp.Request("POST", uri("_apis/wit/workitemsbatch", Map.of()),
                    JSON, Json.write(body), AdoHttp.Replay.SAFE, "reading " + chunk.size() + " work items",
                    ErrorCode.WORK_ITEM_NOT_FOUND));
            for (JsonNode item : json(response).path("value")) {
                if (!item.isNull()) {
                    items.add(WorkItem.from(item));
                }
            }
        }
        return items;
    }

    /** Reads one work item with {@code GET _apis/wit/workitems/{id}}. */
    public WorkItem workItem(int id) throws AdoException {
        return WorkItem.from(get("_apis/wit/workitems/" + id, Map.of("$expand", "relations"), "reading work item " + id,
                ErrorCode.WORK_ITEM_NOT_FOUND));
    }

    /** The revisions of a work item, oldest first, with {@code GET _apis/wit/workitems/{id}/revisions}. */
    public List<WorkItem> revisions(int id) throws AdoException {
        List<WorkItem> revisions = new ArrayList<>();
        for (JsonNode revision : get("_apis/wit/workitems/" + id + "/revisions", Map.of(),
                "reading the history of work item " + id, ErrorCode.WORK_ITEM_NOT_FOUND).path("value")) {
            revisions.add(WorkItem.from(revision));
        }
        return revisions;
    }

    /**
     * Sends creates and updates through {@code PATCH _apis/wit/$batch}, 200 per call, and returns one result per
     * operation in order. A batch is not repeated after a lost answer ({@link ErrorCode#OUTCOME_UNKNOWN}). Where
     * the server has no {@code $batch} the call fails with {@link ErrorCode#BAD_REQUEST} and
     * {@link AdoException#httpStatus()} 404 or 405.
     */
    public List<BatchResult> batch(List<BatchOperation> operations) throws AdoException {
        String version = apiVersions().general().toString();
        List<BatchResult> results = new ArrayList<>();
        for (int from = 0; from < operations.size(); from += MAX_BATCH) {
            List<BatchOperation> chunk = operations.subList(from, Math.min(operations.size(), from + MAX_BATCH));
            List<Map<String, Object>> body = new ArrayList<>();
            for (BatchOperation operation : chunk) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("method", operation.method());
                request.put("uri", "/" + operation.path() + (operation.path().contains("?") ? "&" : "?")
                        + "api-version=" + version);
                request.put("headers", operation.headers());
                request.put("body", operation.body().toJson());
                body.add(request);
            }
            // A server without $batch answers 404 (405 behind some proxies): BAD_REQUEST with that httpStatus tells
            // callers to fall back to single requests; nothing was written.
            AdoHttp.Response response = http.send(new AdoHttp.Request("PATCH", uri("_apis/wit/$batch", Map.of()), JSON,
                    Json.write(body), AdoHttp.Replay.UNSAFE, "a batch of " + chunk.size() + " work item changes",
                    ErrorCode.BAD_REQUEST));
            for (JsonNode item : json(response).path("value")) {
                results.add(batchResult(item, response.redactor()));
            }
        }
        return results;
    }

    private static BatchResult batchResult(JsonNode item, Redactor redactor) {
        int code = item.path("code").asInt();
        JsonNode body = item.get("body");
        JsonNode parsed = body;
        if (body != null && body.isTextual()) {
            try {
                parsed = Json.parse(body.asText().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                parsed = null;
            }
        }
        if (code >= 200 && code < 300 && parsed != null && parsed.has("id")) {
            return new BatchResult(code, WorkItem.from(parsed), null);
        }
        String message = parsed == null ? null : Json.text(parsed, "message");
        if (message == null && parsed != null) {
            message = Json.text(parsed.path("value"), "Message");
        }
        // TF401320 names the field by its display name ("Priority"); mappings use reference names.
        String field = parsed == null ? null : Json.text(parsed.path("customProperties"), "FieldReferenceName");
        if (message != null && field != null && !message.contains(field)) {
            message = message + " (field " + field + ")";
        }
        return new BatchResult(code, null, message == null ? "HTTP " + code : AdoErrors.shorten(redactor.redact(message)));
    }

    /** Runs a WIQL query and returns the ids of matching work items, at most {@code top}. */
    public List<Integer> wiql(String project, String query, int top) throws AdoException {
        Map<String, String> parameters = Map.of("$top", String.valueOf(top));
        AdoHttp.Response response = http.send(new AdoHttp.Request("POST", uri(segment(project) + "/_apis/wit/wiql",
                parameters), JSON, Json.write(Map.of("query", query)), AdoHttp.Replay.SAFE, "a WIQL query in " + project,
                ErrorCode.PROJECT_NOT_FOUND));
        List<Integer> ids = new ArrayList<>();
        json(response).path("workItems").forEach(item -> ids.add(item.path("id").asInt()));
        return ids;
    }

    /**
     * Adds a discussion comment. Where the server has no comments API the text goes into {@code System.History},
     * which shows in the same discussion.
     */
    public Comment addComment(String project, int workItemId, String text) throws AdoException {
        String version = apiVersions().comments();
        if (version == null) {
            update(workItemId, JsonPatch.create().setField("System.History", text), WriteOptions.DEFAULT);
            return new Comment(0, workItemId, text);
        }
        URI uri = URI.create(target.url() + "/" + segment(project) + "/_apis/wit/workItems/" + workItemId
                + "/comments?api-version=" + version);
        AdoHttp.Response response = http.send(new AdoHttp.Request("POST", uri, JSON, Json.write(Map.of("text", text)),
                AdoHttp.Replay.UNSAFE, "commenting on work item " + workItemId, ErrorCode.WORK_ITEM_NOT_FOUND));
        JsonNode json = json(response);
        return new Comment(json.path("id").asInt(), json.path("workItemId").asInt(workItemId), Json.text(json, "text"));
    }

    public List<Comment> comments(String project, int workItemId) throws AdoException {
        String version = apiVersions().comments();
        if (version == null) {
            return List.of();
        }
        URI uri = URI.create(target.url() + "/" + segment(project) + "/_apis/wit/workItems/" + workItemId
                + "/comments?api-version=" + version);
        JsonNode json = json(http.send(AdoHttp.Request.get(uri, "reading the comments of work item " + workItemId,
                ErrorCode.WORK_ITEM_NOT_FOUND)));
        List<Comment> comments = new ArrayList<>();
        json.path("comments").forEach(comment -> comments.add(new Comment(comment.path("id").asInt(), workItemId,
                Json.text(comment, "text"))));
        return comments;
    }

    private JsonNode get(String path, Map<String, String> parameters, String action, ErrorCode notFound)
            throws AdoException {
        return json(http.send(AdoHttp.Request.get(uri(path, parameters), action, notFound)));
    }

    private URI uri(String path, Map<String, String> parameters) throws AdoException {
        StringBuilder query = new StringBuilder("api-version=").append(apiVersions().general());
        parameters.forEach((name, value) -> query.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return URI.create(target.url() + "/" + path + "?" + query);
    }

    private static Map<String, String> flags(WriteOptions options) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (options.validateOnly()) {
            flags.put("validateOnly", "true");
        }
        if (options.bypassRules()) {
            flags.put("bypassRules", "true");
        }
        if (options.suppressNotifications()) {
            flags.put("suppressNotifications", "true");
        }
        return flags;
    }

    private static JsonNode json(AdoHttp.Response response) throws AdoException {
        try {
            return Json.parse(response.body());
        } catch (IOException e) {
            throw new AdoException(ErrorCode.SERVER_ERROR, "Azure DevOps sent JSON that cannot be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
    }

    /** Percent-encodes one path segment (project or type names may hold spaces and other characters). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "AdoClient[" + target + "]";
    }
}
