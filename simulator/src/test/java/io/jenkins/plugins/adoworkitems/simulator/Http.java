package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A tiny real-HTTP client for the tests: Basic auth with a PAT, JSON in and out. */
final class Http {
    record Answer(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient client;
    private final String pat;

    Http(AdoSimulator sim, String pat) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (sim.clientSslContext() != null) {
            b.sslContext(sim.clientSslContext());
        }
        this.client = b.build();
        this.pat = pat;
    }

    Answer send(String method, String url, String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (pat != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((":" + pat).getBytes(StandardCharsets.UTF_8)));
        }
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> resp = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(""), resp.body(), resp);
    }

    Answer get(String url, String... headers) throws IOException, InterruptedException {
        return send("GET", url, null, null, headers);
    }

    Answer post(String url, String json) throws IOException, InterruptedException {
        return send("POST", url, "application/json", json);
    }

    Answer patch(String url, String patch) throws IOException, InterruptedException {
        return send("PATCH", url, "application/json-patch+json", patch);
    }

    Answer create(String url, String patch) throws IOException, InterruptedException {
        return send("POST", url, "application/json-patch+json", patch);
    }
}
