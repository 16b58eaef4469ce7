package io.jenkins.plugins.adoworkitems.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Gets Azure DevOps tokens for a managed identity from the machine's endpoint (IMDS or App Service, see
 * {@link ManagedIdentityEndpoint} for why not through MSAL4J) and keeps each until five minutes before it expires.
 */
final class ManagedIdentityAuthenticator implements Authenticator {
    private static final Logger LOG = Logger.getLogger(ManagedIdentityAuthenticator.class.getName());
    /** Azure DevOps as a resource: the scope without "/.default", which these endpoints do not take. */
    static final String AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** IMDS asks callers to retry these (410 while the VM's identity is being set up, 429 when throttled). */
    private static final Set<Integer> RETRIED = Set.of(404, 410, 429, 500, 502, 503, 504);
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManagedIdentity identity;
    private final ManagedIdentityEndpoint endpoint;
    private final Duration timeout;
    private final Redactor redactor;
    private final HttpClient http;
    private String token;
    private Instant refreshAt = Instant.MIN;

    ManagedIdentityAuthenticator(ManagedIdentity identity, ManagedIdentityEndpoint endpoint, Duration timeout) {
        this.identity = identity;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.redactor = Redactor.none().withSecret(endpoint.header());
        // The endpoint is on this machine (link-local IMDS, App Service's localhost): no proxy can reach it.
        this.http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public synchronized String authorization() throws AuthenticationException {
        if (token == null || !Instant.now().isBefore(refreshAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized boolean invalidate() {
        token = null;
        return true;
    }

    private void fetch() throws AuthenticationException {
        if (endpoint.kind() == ManagedIdentityEndpoint.Kind.UNSUPPORTED) {
            throw unavailable("This machine's managed identity is provided by " + endpoint.describe()
                    + ", which this client does not support; use IMDS (VM, scale set), App Service or Container Apps, "
                    + "or workload identity federation", null);
        }
        HttpRequest request = request();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw unavailable("No managed identity endpoint answered at " + endpoint.describe() + " ("
                        + e.getClass().getSimpleName() + "); is this an Azure VM, scale set, App Service or Container App "
                        + "with a managed identity?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException(AuthenticationException.Reason.MANAGED_IDENTITY_UNAVAILABLE,
                        "Interrupted while waiting for a managed identity token");
            }
            if (response.statusCode() == 200) {
                accept(response.body());
                return;
            }
            if (!RETRIED.contains(response.statusCode()) || attempt >= ATTEMPTS) {
                throw unavailable(endpoint.describe() + " has no token for the " + identity.describe() + " (HTTP "
                        + response.statusCode() + "): " + errorText(response.body()), null);
            }
            int waited = attempt;
            LOG.fine(() -> endpoint.describe() + " answered HTTP " + response.statusCode() + "; asking again in " + waited + " s");
            try {
                Thread.sleep(Duration.ofSeconds(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException(AuthenticationException.Reason.MANAGED_IDENTITY_UNAVAILABLE,
                        "Interrupted while waiting for a managed identity token");
            }
        }
    }

    private HttpRequest request() {
        boolean imds = endpoint.kind() == ManagedIdentityEndpoint.Kind.IMDS;
        StringBuilder query = new StringBuilder("api-version=").append(imds ? "2018-02-01" : "2019-08-01")
                .append("&resource=").append(encode(AZURE_DEVOPS_RESOURCE));
        identity.clientId().ifPresent(id -> query.append("&client_id=").append(encode(id)));
        identity.resourceId().ifPresent(id -> query.append("&mi_res_id=").append(encode(id)));
        String base = endpoint.uri().toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + (base.contains("?") ? "&" : "?") + query))
                .timeout(timeout).GET().header("Accept", "application/json");
        if (imds) {
            // IMDS refuses requests without it, which keeps a server-side request forgery from reaching it.
            builder.header("Metadata", "true");
        } else {
            builder.header("X-IDENTITY-HEADER", endpoint.header());
        }
        return builder.build();
    }

    private void accept(String body) throws AuthenticationException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        String accessToken = json == null ? "" : json.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw unavailable(endpoint.describe() + " answered without an access token", null);
        }
        Instant expires = expiry(json);
        token = accessToken;
        Instant early = expires.minus(REFRESH_BEFORE_EXPIRY);
        // A short-lived token is used for half its life rather than never.
        refreshAt = early.isAfter(Instant.now()) ? early : Instant.now().plus(Duration.between(Instant.now(), expires).dividedBy(2));
    }

    /** {@code expires_on} in epoch seconds (both endpoints), else {@code expires_in}, else an hour. */
    private static Instant expiry(JsonNode json) {
        String on = json.path("expires_on").asText("");
        if (on.matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(on));
        }
        String in = json.path("expires_in").asText("");
        return Instant.now().plusSeconds(in.matches("\\d+") ? Long.parseLong(in) : 3600);
    }

    /** IMDS's {@code error_description}, App Service's {@code message}, else the first line of the text. */
    private String errorText(String body) {
        String text;
        try {
            JsonNode json = JSON.readTree(body);
            text = json.hasNonNull("error_description") ? json.path("error").asText() + ": " + json.path("error_description").asText()
                    : json.hasNonNull("message") ? json.path("message").asText() : body;
        } catch (IOException | RuntimeException e) {
            text = body;
        }
        text = text == null ? "" : text.strip();
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return redactor.redact(text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private AuthenticationException unavailable(String message, Throwable cause) {
        return new AuthenticationException(AuthenticationException.Reason.MANAGED_IDENTITY_UNAVAILABLE, message, cause);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ManagedIdentityAuthenticator[" + identity.describe() + ", " + endpoint.describe() + "]";
    }
}
