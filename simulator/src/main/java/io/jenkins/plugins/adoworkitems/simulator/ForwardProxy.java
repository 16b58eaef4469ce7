package io.jenkins.plugins.adoworkitems.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A forward proxy on loopback, optionally demanding Basic proxy authentication: what sits between a corporate build
 * agent and Azure DevOps, so tests can show that a client really goes through the proxy it is given and answers a
 * 407. It tunnels {@code CONNECT host:port} (how https is proxied) and forwards absolute-form requests
 * ({@code GET http://host/path}) over keep-alive connections.
 */
public final class ForwardProxy implements AutoCloseable {
    private static final int MAX_HEADER_LINE = 16 * 1024;
    // Hop-by-hop headers, and those java.net.http sets itself and refuses from callers.
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private final ServerSocket socket;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ado-simulator-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient upstream = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String expectedLogin;
    private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    private ForwardProxy(String user, String password) throws IOException {
        expectedLogin = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    /** A proxy that passes every request on. */
    public static ForwardProxy open() throws IOException {
        return new ForwardProxy(null, null);
    }

    /** A proxy that answers 407 to any request without this Basic login. */
    public static ForwardProxy requiringLogin(String user, String password) throws IOException {
        return new ForwardProxy(user, password);
    }

    public String host() {
        return socket.getInetAddress().getHostAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Sends every http and https URI here. */
    public ProxySelector selector() {
        return ProxySelector.of(new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort()));
    }

    /** The request line of each request passed on ({@code CONNECT host:port} or {@code GET http://…}), in order. */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** The request line of each request answered 407. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        executor.shutdownNow();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                executor.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                String line = readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                Map<String, List<String>> headers = readHeaders(in);
                String[] parts = line.split(" ");
                if (parts.length != 3) {
                    answer(out, 400, Map.of(), "Bad request line");
                    return;
                }
                byte[] body = in.readNBytes(contentLength(headers));
                if (expectedLogin != null && !expectedLogin.equals(first(headers, "proxy-authorization"))) {
                    refused.add(parts[0] + " " + parts[1]);
                    answer(out, 407, Map.of("Proxy-Authenticate", "Basic realm=\"simulator-proxy\""), "");
                    continue;
                }
                forwarded.add(parts[0] + " " + parts[1]);
                if (parts[0].equals("CONNECT")) {
                    tunnel(client, in, out, parts[1]);
                    return;
                }
                forward(out, parts[0], URI.create(parts[1]), headers, body);
            }
        } catch (IOException e) {
            // the client went away; nothing to tell anyone
        }
    }

    private void tunnel(Socket client, InputStream in, OutputStream out, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket server = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            executor.execute(() -> pipe(in, server));
            server.getInputStream().transferTo(out);
        } finally {
            client.close();
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // either side closed the tunnel
        }
    }

    private void forward(OutputStream out, String method, URI target, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (IOException e) {
            answer(out, 502, Map.of(), "Upstream unreachable: " + e.getMessage());
            return;
        }
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                answerHeaders.put(name, String.join(", ", values));
            }
        });
        answer(out, response.statusCode(), answerHeaders, response.body());
    }

    private static void answer(OutputStream out, int status, Map<String, String> headers, String body) throws IOException {
        answer(out, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(OutputStream out, int status, Map<String, String> headers, byte[] bytes) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Proxy\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static int contentLength(Map<String, List<String>> headers) {
        String value = first(headers, "content-length");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    /** One CRLF-terminated line in ISO-8859-1, as HTTP/1.1 heads are; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_HEADER_LINE) {
                throw new IOException("Header line too long");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
