package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An Azure DevOps work-item-tracking REST server on loopback: the ground truth for tests, the CLI demo and
 * benchmarks. Start with {@link #start(SimulatorConfig)}, point a client at {@link #organizationUrl(String)} or
 * {@link #collectionUrl(String)}, and close it when done.
 */
public final class AdoSimulator implements AutoCloseable {
    private static final int MAX_BODY = 32 * 1024 * 1024;
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private final SSLContext clientSslContext;
    private final X509Certificate certificate;
    private final Faults faults = new Faults();
    private final RequestLog requestLog = new RequestLog();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final TokenService tokens;
    private final OidcIssuer oidc;
    private final ManagedIdentityEndpoints managedIdentities;
    private final AdoApi api;

    private AdoSimulator(SimulatorConfig config) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port());
        if (config.https()) {
            SelfSignedCertificate cert = SelfSignedCertificate.create();
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
            server = https;
            clientSslContext = cert.clientContext();
            certificate = cert.certificate();
        } else {
            server = HttpServer.create(address, 64);
            clientSslContext = null;
            certificate = null;
        }
        baseUri = URI.create((config.https() ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
        for (SimulatorConfig.Account a : config.accounts()) {
            accounts.put(a.name().toLowerCase(Locale.ROOT), new Account(a, a.isServer() ? collectionUrl(a.name()) : organizationUrl(a.name())));
        }
        for (SimulatorConfig.ProjectSeed p : config.projects()) {
            accounts.get(p.account().toLowerCase(Locale.ROOT)).addProject(ProjectState.create(p.account(), p.name(), p.process()));
        }
        oidc = new OidcIssuer(baseUri::toString);
        tokens = new TokenService(config, oidc, baseUri::toString);
        managedIdentities = new ManagedIdentityEndpoints(config, tokens);
        api = new AdoApi(Map.copyOf(accounts), new Authenticator(config, tokens));
        AtomicInteger threadNumber = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "ado-simulator-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** Binds 127.0.0.1 (port 0 = ephemeral) and starts serving. */
    public static AdoSimulator start(SimulatorConfig config) throws IOException {
        return new AdoSimulator(config);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The Azure DevOps Services style URL of an organization: {@code baseUri/org}. */
    public String organizationUrl(String org) {
        return baseUri + "/" + org;
    }

    /** The Azure DevOps Server style URL of a collection: {@code baseUri/tfs/collection}. */
    public String collectionUrl(String collection) {
        return baseUri + "/tfs/" + collection;
    }

    /** The Entra-like token endpoint for a tenant. */
    public String tokenEndpoint(String tenant) {
        return baseUri + "/" + tenant + "/oauth2/v2.0/token";
    }

    /** Stands in for IMDS (VMs, scale sets): what AZURE_POD_IDENTITY_AUTHORITY_HOST would name is {@link #baseUri()}. */
    public String imdsEndpoint() {
        return baseUri + "/metadata/identity/oauth2/token";
    }

    /** Stands in for App Service's and Container Apps' IDENTITY_ENDPOINT; the header is the config's identityHeader. */
    public String appServiceIdentityEndpoint() {
        return baseUri + "/MSI/token";
    }

    /** The OIDC issuer that federated credentials of {@code issuer == null} trust; mints test ID tokens. */
    public OidcIssuer oidcIssuer() {
        return oidc;
    }

    /** Trusts the simulator's self-signed certificate; null when https is off. */
    public SSLContext clientSslContext() {
        return clientSslContext;
    }

    /**
     * The self-signed certificate in PEM, for clients that take a CA file instead of an SSLContext (curl --cacert,
     * the CLI's --ca-cert, a connection's trusted certificates); null when https is off.
     */
    public String certificatePem() {
        if (certificate == null) {
            return null;
        }
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("The simulator's own certificate cannot be encoded", e);
        }
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        Instant started = Instant.now();
        Request req;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            req = Request.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body);
            if (body.length > MAX_BODY) {
                send(exchange, Response.error(AdoException.webApi(413, "The request body exceeds the limit of " + MAX_BODY + " bytes.", "RequestContentTooLargeException")), Duration.ZERO);
                return;
            }
        }
        if (!req.segments().isEmpty() && req.segments().get(0).equals("_simulator")) {
            send(exchange, admin(req), Duration.ZERO);
            return;
        }
        boolean write = AdoApi.isWrite(req);
        // Logged before answering, so that a client never sees an answer before the log shows its request.
        boolean logged = false;
        try {
            sleep(faults.latency());
            if (faults.takeReset()) {
                logged = log(req, -1, write, started);
                exchange.close();
                return;
            }
            Response response = process(req);
            if (write && response.status() < 400 && faults.takeLostWrite()) {
                logged = log(req, -1, write, started);
                exchange.close();
                return;
            }
            logged = log(req, response.status(), write, started);
            send(exchange, response, faults.slowBodyDuration());
        } finally {
            if (!logged) {
                log(req, -1, write, started);
            }
        }
    }

    private boolean log(Request req, int status, boolean write, Instant started) {
        requestLog.add(new LoggedRequest(req.method(), req.path(), req.rawQuery(), status, write, started));
        return true;
    }

    private Response process(Request req) {
        if (faults.takeEchoAuthorization()) {
            return Response.error(AdoException.badRequest("VS403403: The request was rejected by the gateway. Request "
                    + "headers: {Authorization=" + req.header("Authorization") + ", Accept=" + req.header("Accept") + "}"));
        }
        int failure = faults.takeFailure();
        if (failure != 0) {
            return Response.error(failure == 503
                    ? AdoException.webApi(503, "TF400898: The service is temporarily unavailable. Please try again later.", "ServiceUnavailableException")
                    : AdoException.webApi(500, "TF400898: An Internal Error Occurred. Activity Id: " + java.util.UUID.randomUUID() + ".", "InternalServerErrorException"));
        }
        RateLimiter.Decision limit = faults.admit(Instant.now());
        Response response;
        if (limit != null && limit.blocked()) {
            response = Response.error(AdoException.webApi(429, "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'Core' in namespace 'User'.",
                    "RequestBlockedException"));
        } else {
            response = route(req);
        }
        if (limit != null && (limit.blocked() || limit.near())) {
            response = response.withHeader("Retry-After", String.valueOf(limit.retryAfterSeconds()))
                    .withHeader("X-RateLimit-Resource", "Core")
                    .withHeader("X-RateLimit-Delay", "0.5")
                    .withHeader("X-RateLimit-Limit", String.valueOf(limit.limit()))
                    .withHeader("X-RateLimit-Remaining", String.valueOf(limit.remaining()))
                    .withHeader("X-RateLimit-Reset", String.valueOf(limit.reset().getEpochSecond()));
        }
        return response;
    }

    private Response route(Request req) {
        try {
            Response identity = req.segments().size() >= 2 ? tokens.handle(req) : null;
            if (identity == null) {
                identity = managedIdentities.handle(req);
            }
            if (identity == null) {
                identity = oidc.handle(req);
            }
            return identity != null ? identity : api.handle(req);
        } catch (AdoException e) {
            return Response.error(e);
        } catch (Authenticator.AuthFailure e) {
            return e.response();
        } catch (RuntimeException e) {
            return Response.error(AdoException.webApi(500, "TF400898: An Internal Error Occurred: " + e.getClass().getSimpleName(), "InternalServerErrorException"));
        }
    }

    private Response admin(Request req) {
        String what = req.segments().size() == 2 ? req.segments().get(1) : "";
        switch (req.method() + " " + what) {
            case "GET requests": {
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (LoggedRequest e : requestLog.entries()) {
                    list.addObject().put("method", e.method()).put("path", e.path()).put("query", e.query()).put("status", e.status())
                            .put("isWrite", e.isWrite()).put("timestamp", e.timestamp().toString());
                }
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("count", list.size());
                n.set("value", list);
                return Response.ok(n);
            }
            case "GET counters": {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("requests", requestLog.count());
                n.put("writes", requestLog.writes());
                ObjectNode by = n.putObject("byMethodAndPath");
                requestLog.countsByMethodAndPath().forEach(by::put);
                return Response.ok(n);
            }
            case "POST oidc-token": {
                // For shells and the CLI demo: an ID token of the simulator's issuer, as a CI system would hand out.
                String subject = req.param("sub");
                if (subject == null || subject.isBlank()) {
                    return Response.error(AdoException.badRequest("Give the token's subject: POST /_simulator/oidc-token?sub=SUBJECT[&aud=AUDIENCE][&lifetime=SECONDS]"));
                }
                String audience = req.param("aud") == null ? SimulatorConfig.FederatedCredential.DEFAULT_AUDIENCE : req.param("aud");
                long seconds;
                try {
                    seconds = req.param("lifetime") == null ? 600 : Long.parseLong(req.param("lifetime"));
                } catch (NumberFormatException e) {
                    return Response.error(AdoException.badRequest("lifetime must be a number of seconds"));
                }
                return Response.text(200, "application/jwt", oidc.mint(subject, audience, Duration.ofSeconds(seconds)));
            }
            case "POST reset":
                requestLog.reset();
                faults.clear();
                return new Response(204, "application/json", new byte[0], Map.of());
            default:
                return Response.error(AdoException.webApi(404, "Unknown simulator admin endpoint; use GET /_simulator/requests, GET /_simulator/counters, POST /_simulator/oidc-token or POST /_simulator/reset.",
                        "VssResourceNotFoundException"));
        }
    }

    private static void send(HttpExchange exchange, Response response, Duration slowBody) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("ActivityId", java.util.UUID.randomUUID().toString());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (slowBody.isZero() || body.length == 0) {
                out.write(body);
                return;
            }
            int chunks = Math.min(10, body.length);
            int size = (body.length + chunks - 1) / chunks;
            for (int off = 0; off < body.length; off += size) {
                out.write(body, off, Math.min(size, body.length - off));
                out.flush();
                sleep(slowBody.dividedBy(chunks));
            }
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
