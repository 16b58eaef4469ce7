package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $batch} ("Work Item Batch Update"): an array of {method, uri, headers, body} sub-requests, each run on
 * its own (not atomic), answered as {count, value:[{code, headers, body}]} where body is the JSON as a string.
 */
final class BatchRoutes {
    static final int MAX_REQUESTS = 200;

    private BatchRoutes() {
    }

    static Response batch(Call call, AdoApi api) {
        JsonNode body = Json.parse(call.request().body());
        if (!body.isArray()) {
            throw AdoException.badRequest("The $batch body must be a JSON array of {method, uri, headers, body} requests.");
        }
        if (body.size() > MAX_REQUESTS) {
            throw AdoException.witServer(400, "VS403474: You requested " + body.size() + " work items which exceeds the limit of " + MAX_REQUESTS + ".",
                    "WorkItemTrackingTooManyWorkItemsRequestedException");
        }
        String accountPath = URI.create(call.account().url()).getPath();
        ArrayNode values = Json.MAPPER.createArrayNode();
        for (JsonNode sub : body) {
            values.add(run(call, api, accountPath, sub));
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("count", values.size());
        n.set("value", values);
        return Response.ok(n);
    }

    private static ObjectNode run(Call call, AdoApi api, String accountPath, JsonNode sub) {
        Response r;
        try {
            String method = sub.path("method").asText("");
            String uri = sub.path("uri").asText("");
            if (method.isEmpty() || !uri.startsWith("/")) {
                throw AdoException.badRequest("Each $batch request needs a method and a uri relative to the organization, starting with '/'.");
            }
            URI parsed = URI.create(uri.replace("$", "%24"));
            Map<String, String> headers = new LinkedHashMap<>();
            sub.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            String auth = call.request().header("authorization");
            if (auth != null) {
                headers.put("Authorization", auth);
            }
            byte[] payload = sub.has("body") && !sub.get("body").isNull() ? Json.bytes(sub.get("body")) : new byte[0];
            Request req = Request.of(method, accountPath + parsed.getRawPath(), parsed.getRawQuery(), headers, payload);
            if (req.segments().stream().anyMatch(s -> s.equalsIgnoreCase("$batch"))) {
                throw AdoException.badRequest("A $batch request cannot contain another $batch request.");
            }
            r = api.handle(req);
        } catch (AdoException e) {
            r = Response.error(e);
        } catch (Authenticator.AuthFailure e) {
            r = e.response();
        } catch (IllegalArgumentException e) {
            r = Response.error(AdoException.badRequest("The $batch request uri is not valid: " + e.getMessage()));
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("code", r.status());
        out.putObject("headers").put("Content-Type", r.contentType());
        out.put("body", new String(r.body(), StandardCharsets.UTF_8));
        return out;
    }
}
