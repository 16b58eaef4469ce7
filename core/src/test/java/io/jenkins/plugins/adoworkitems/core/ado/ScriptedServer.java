package io.jenkins.plugins.adoworkitems.core.ado;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server answering from a script, for the transport behaviour (retries, lost answers, redirects)
 * that needs exact control over each answer. Records every request it receives.
 */
final class ScriptedServer implements AutoCloseable {
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    synchronized ScriptedServer then(Answer answer) {
        script.add(answer);
        return this;
    }

    ScriptedServer thenJson(int status, String json, String... headers) {
        return then(exchange -> reply(exchange, status, "application/json; charset=utf-8", json, headers));
    }

    /** Closes the connection without answering: the request arrived, its answer is lost. */
    ScriptedServer thenLoseAnswer() {
        // The JDK server drops the connection when a handler throws before answering.
        return then(exchange -> {
            throw new IllegalStateException("answer deliberately lost");
        });
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    static void reply(HttpExchange exchange, int status, String contentType, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            answer = script.isEmpty() ? null : script.poll();
        }
        if (answer == null) {
            reply(exchange, 500, "text/plain", "script exhausted");
        } else {
            answer.answer(exchange);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
