package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.Authenticator;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;

/**
 * One HTTP exchange with Azure DevOps including authentication, redirects, retries and error mapping. Nothing here
 * logs or reports a header value or a body, and server texts that make it into a message lose the request's
 * credentials first: a proxy or server that echoes the request would otherwise hand them to the build log.
 */
final class AdoHttp {
    private static final Logger LOG = Logger.getLogger(AdoHttp.class.getName());
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    /** How safe a request is to send again when its answer did not arrive. */
    enum Replay {
        /** Reads: always safe. */
        SAFE,
        /** Updates guarded by a {@code test /rev}: a repeat after success fails with a conflict instead of applying twice. */
        GUARDED,
        /** Creates and other writes: repeated only when Azure DevOps certainly did not apply them (429, no connection). */
        UNSAFE
    }

    record Request(String method, URI uri, String contentType, byte[] body, Replay replay, String action,
            ErrorCode notFound) {
        static Request get(URI uri, String action, ErrorCode notFound) {
            return new Request("GET", uri, null, null, Replay.SAFE, action, notFound);
        }
    }

    /** @param redactor knows the credentials the request carried, for any server text the caller quotes */
    record Response(int status, HttpHeaders headers, byte[] body, Redactor redactor) {
    }

    private final HttpClient http;
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private final Authenticator authenticator;
    private final ClientSettings settings;
    private final ProxySelector proxy;
    private final String proxyAuthorization;
    /** The secrets known before any request: the proxy's password; each request adds its own Authorization. */
    private final Redactor secrets;

    AdoHttp(ClientSettings settings, Authenticator authenticator) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.proxy = settings.proxyOrDefault();
        this.proxyAuthorization = basic(settings.proxyLogin());
        this.secrets = settings.proxyLogin() == null ? Redactor.none()
                : Redactor.none().withSecret(new String(settings.proxyLogin().getPassword()));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Redirects are followed by hand: the JDK would resend Authorization to whatever host a 302 names.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
    }

    /** HTTP requests sent so far, retries and redirects included: what benchmarks and users count. */
    int requestCount() {
        return requests.get();
    }

    Response send(Request request) throws AdoException {
        settings.urlPolicy().check(request.uri(), proxyFor(request.uri()).isPresent());
        RetryPolicy retry = settings.retry();
        URI uri = request.uri();
        Duration spent = Duration.ZERO;
        int attempts = 0;
        int redirects = 0;
        boolean reauthenticated = false;
        boolean lostAnswer = false;
        while (true) {
            attempts++;
            AdoException failure;
            Duration wait = null;
            long started = System.nanoTime();
            String authorization = authorization();
            Redactor redactor = secrets.withAuthorization(authorization);
            try {
                requests.incrementAndGet();
                HttpResponse<InputStream> response = http.send(build(request, uri, authorization),
                        HttpResponse.BodyHandlers.ofInputStream());
                byte[] body = read(response.body());
                spent = spent.plusNanos(System.nanoTime() - started);
                int status = response.statusCode();
                LOG.fine(() -> request.method() + " " + request.uri().getRawPath() + " -> " + status);
                if (status >= 300 && status < 400 && status != 304) {
                    uri = redirect(request, uri, response.headers());
                    if (++redirects > MAX_REDIRECTS) {
                        throw new AdoException(ErrorCode.NETWORK, "Too many redirects for " + request.action() + ".");
                    }
                    attempts--;
                    continue;
                }
                if (status == 401 && !reauthenticated && authenticator.invalidate()) {
                    reauthenticated = true;
                    attempts--;
                    continue;
                }
                if (status == 429) {
                    failure = new AdoException(ErrorCode.RATE_LIMITED, "Azure DevOps throttled " + request.action()
                            + " (HTTP 429)", 429, null, List.of(), null);
                    wait = serverDelay(response.headers()).orElse(null);
                } else if (status >= 500 && status != 501 && status != 505) {
                    if (request.replay() == Replay.UNSAFE) {
                        throw new AdoException(ErrorCode.OUTCOME_UNKNOWN, "Azure DevOps answered HTTP " + status + " to "
                                + request.action() + "; it may have been applied.", status, null, List.of(), null);
                    }
                    failure = AdoErrors.fromResponse(request, status, body, redactor);
                    wait = serverDelay(response.headers()).orElse(null);
                } else {
                    Response result = new Response(status, response.headers(), body, redactor);
                    if (status < 300 && status != 203 && isJsonOrEmpty(result)) {
                        return result;
                    }
                    AdoException error = status < 300 || status == 203 ? signInPage(request, status)
                            : AdoErrors.fromResponse(request, status, body, redactor);
                    if (lostAnswer && request.replay() == Replay.GUARDED && error.code() == ErrorCode.CONFLICT) {
                        throw new AdoException(ErrorCode.OUTCOME_UNKNOWN, "The answer to an earlier attempt of "
                                + request.action() + " was lost and the repeat found the work item changed; the "
                                + "earlier attempt was probably applied.", error.httpStatus(), null, List.of(), error);
                    }
                    throw error;
                }
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // Never reached the server, so even a create may be sent again.
                spent = spent.plusNanos(System.nanoTime() - started);
                failure = new AdoException(ErrorCode.NETWORK, "Cannot connect to " + connectsTo(uri) + " for "
                        + request.action() + " (" + e.getClass().getSimpleName() + ")", e);
            } catch (IOException e) {
                String untrusted = e instanceof SSLHandshakeException handshake ? certificateProblem(handshake) : null;
                if (untrusted != null) {
                    // Nothing reached Azure DevOps, and no retry changes a certificate: say so at once.
                    throw new AdoException(ErrorCode.NETWORK, "The TLS certificate of " + uri.getHost() + " is not "
                            + "trusted for " + request.action() + " (" + untrusted + "); add its CA to the trusted "
                            + "certificates.", e);
                }
                spent = spent.plusNanos(System.nanoTime() - started);
                if (request.replay() == Replay.UNSAFE) {
                    throw new AdoException(ErrorCode.OUTCOME_UNKNOWN, "The answer to " + request.action()
                            + " was lost (" + e.getClass().getSimpleName() + "); it may have been applied.", e);
                }
                lostAnswer = true;
                failure = new AdoException(ErrorCode.NETWORK, "No answer from " + uri.getHost() + " for "
                        + request.action() + " (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdoException(ErrorCode.NETWORK, "Interrupted during " + request.action() + ".", e);
            }
            Duration delay = wait != null ? wait : retry.backoff(attempts);
            if (attempts >= retry.maxAttempts() || spent.plus(delay).compareTo(retry.totalBudget()) > 0) {
                throw gaveUp(failure, attempts, spent);
            }
            AdoException reason = failure;
            int next = attempts + 1;
            LOG.info(() -> reason.getMessage().replaceAll("\\.$", "") + "; retrying in " + delay.toMillis() + " ms (attempt " + next + ")");
            try {
                retry.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdoException(ErrorCode.NETWORK, "Interrupted while waiting to retry " + request.action() + ".", e);
            }
            spent = spent.plus(delay);
        }
    }

    private String authorization() throws AdoException {
        String authorization;
        try {
            authorization = authenticator.authorization();
        } catch (AuthenticationException e) {
            throw new AdoException(switch (e.reason()) {
                case MANAGED_IDENTITY_UNAVAILABLE -> ErrorCode.MANAGED_IDENTITY_UNAVAILABLE;
                case FEDERATED_ASSERTION_REFUSED -> ErrorCode.FEDERATED_ASSERTION_REFUSED;
                case REFUSED -> ErrorCode.AUTH_REQUIRED;
            }, e.getMessage(), e);
        }
        // The JDK refuses such a header by quoting its whole value; credentials are checked when made, so only a
        // token fetched from elsewhere (Entra ID) can get here.
        if (authorization.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AdoException(ErrorCode.CREDENTIALS_MALFORMED, "The Authorization header would contain a "
                    + "control character, which HTTP cannot carry; nothing was sent.");
        }
        return authorization;
    }

    private HttpRequest build(Request request, URI uri, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", settings.userAgent())
                // Without it a bad credential gets a 302/203 to the sign-in page instead of a 401.
                .header("X-TFS-FedAuthRedirect", "Suppress");
        // Never hand the proxy's login to a server reached directly.
        if (proxyAuthorization != null && proxyFor(uri).isPresent()) {
            // Sent up front, not through a java.net.Authenticator: with one set, the JDK drops our own Authorization
            // header (JDK-8326949), so Azure DevOps would see no credentials at all.
            builder.header("Proxy-Authorization", proxyAuthorization);
        }
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", request.contentType());
            builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        return builder.build();
    }

    /** Follows a redirect only within the same scheme, host and port, where the credentials were meant to go. */
    private URI redirect(Request request, URI from, HttpHeaders headers) throws AdoException {
        String location = headers.firstValue("Location").orElse(null);
        if (location == null) {
            throw new AdoException(ErrorCode.NETWORK, "Azure DevOps redirected " + request.action() + " without a Location.");
        }
        URI to = from.resolve(location);
        boolean sameOrigin = from.getScheme().equalsIgnoreCase(String.valueOf(to.getScheme()))
                && from.getHost().equalsIgnoreCase(String.valueOf(to.getHost())) && port(from) == port(to);
        if (!sameOrigin) {
            if (to.getPath() != null && to.getPath().toLowerCase(Locale.ROOT).contains("signin")) {
                throw signInPage(request, 302);
            }
            throw new AdoException(ErrorCode.BASE_URL_BLOCKED, "Azure DevOps redirected " + request.action() + " to "
                    + UrlPolicy.redact(to) + ", another host; not followed so the credentials stay with the configured URL. "
                    + "Configure that URL instead if it is the right one.");
        }
        settings.urlPolicy().check(to, proxyFor(to).isPresent());
        return to;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static AdoException signInPage(Request request, int status) {
        return new AdoException(ErrorCode.AUTH_REQUIRED, "Azure DevOps answered " + request.action() + " with a sign-in "
                + "page (HTTP " + status + ") instead of data: the credentials are missing, wrong or expired.", status,
                null, List.of(), null);
    }

    private static boolean isJsonOrEmpty(Response response) {
        if (response.body().length == 0) {
            return true;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return type.contains("json");
    }

    /** Retry-After (seconds or HTTP date) or X-RateLimit-Delay (seconds, may be fractional), the longer of both. */
    static Optional<Duration> serverDelay(HttpHeaders headers) {
        Duration retryAfter = headers.firstValue("Retry-After").map(AdoHttp::parseRetryAfter).orElse(null);
        Duration rateLimitDelay = headers.firstValue("X-RateLimit-Delay").map(AdoHttp::parseSeconds).orElse(null);
        if (retryAfter == null) {
            return Optional.ofNullable(rateLimitDelay);
        }
        if (rateLimitDelay == null) {
            return Optional.of(retryAfter);
        }
        return Optional.of(retryAfter.compareTo(rateLimitDelay) >= 0 ? retryAfter : rateLimitDelay);
    }

    private static Duration parseRetryAfter(String value) {
        Duration seconds = parseSeconds(value);
        if (seconds != null) {
            return seconds;
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(),
                    DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Duration parseSeconds(String value) {
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds < 0 || Double.isNaN(seconds) ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static AdoException gaveUp(AdoException last, int attempts, Duration spent) {
        String after = " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " over "
                + spent.toSeconds() + " s";
        if (last.code() == ErrorCode.RATE_LIMITED) {
            return new AdoException(ErrorCode.RATE_LIMITED, last.getMessage() + "; gave up" + after + ".",
                    last.httpStatus(), null, List.of(), null);
        }
        return new AdoException(last.code(), last.getMessage() + (last.getMessage().endsWith(".") ? "" : ".")
                + " Gave up" + after + ".", last.httpStatus(), last.field().orElse(null), last.allowedValues(),
                last.getCause());
    }

    /** The certificate check's own words when that is why the handshake failed, else null. */
    private static String certificateProblem(SSLHandshakeException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof GeneralSecurityException) {
                Throwable innermost = cause;
                while (innermost.getCause() != null) {
                    innermost = innermost.getCause();
                }
                return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
            }
        }
        return null;
    }

    /** Whom the connection goes to: through a proxy, a refused connection is the proxy's, not Azure DevOps'. */
    private String connectsTo(URI uri) {
        return proxyFor(uri)
                .map(p -> "the proxy " + (p.address() instanceof InetSocketAddress a ? a.getHostString() + ":" + a.getPort()
                        : String.valueOf(p.address())) + " (on the way to " + uri.getHost() + ")")
                .orElse(uri.getHost());
    }

    /** The proxy a request to {@code uri} goes through; empty when it goes direct. */
    private Optional<Proxy> proxyFor(URI uri) {
        return proxy == null ? Optional.empty()
                : proxy.select(uri).stream().filter(p -> p.type() != Proxy.Type.DIRECT).findFirst();
    }

    private static String basic(PasswordAuthentication login) {
        if (login == null) {
            return null;
        }
        String pair = login.getUserName() + ":" + new String(login.getPassword());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(InputStream in) throws IOException {
        if (in == null) {
            // What the JDK hands back for a proxy's 407 to CONNECT: a status without a body.
            return new byte[0];
        }
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }
}
