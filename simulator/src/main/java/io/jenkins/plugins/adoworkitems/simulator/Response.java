package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers; headers are added by the pipeline (rate limit, activity id). */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Response json(int status, JsonNode body) {
        return new Response(status, "application/json; charset=utf-8; api-version=7.1", Json.bytes(body), new LinkedHashMap<>());
    }

    static Response ok(JsonNode body) {
        return json(200, body);
    }

    static Response error(AdoException e) {
        return json(e.status(), e.toJson());
    }

    static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }
}
