package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy that CI runners announce the way curl and git read it: {@code HTTPS_PROXY} (and {@code HTTP_PROXY} for
 * plain-http targets), {@code NO_PROXY}, lower-case names too. Java itself ignores these, so without this a job
 * behind a proxy would need JVM options its other tools do not. A login may sit in the URL
 * ({@code http://user:password@proxy:3128}); it is never printed.
 */
record ProxyFromEnvironment(URI https, URI http, List<String> noProxy, PasswordAuthentication login) {
    /** Empty when no proxy variable is set. */
    static Optional<ProxyFromEnvironment> read(Map<String, String> environment) {
        URI https = parse(environment, "HTTPS_PROXY");
        URI http = parse(environment, "HTTP_PROXY");
        if (https == null && http == null) {
            return Optional.empty();
        }
        String noProxy = variable(environment, "NO_PROXY");
        List<String> exclusions = noProxy == null ? List.of() : Arrays.stream(noProxy.split(","))
                .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .map(entry -> entry.startsWith("*.") ? entry.substring(2) : entry.startsWith(".") ? entry.substring(1) : entry)
                .filter(entry -> !entry.isEmpty())
                .toList();
        URI withLogin = https != null && https.getRawUserInfo() != null ? https : http;
        return Optional.of(new ProxyFromEnvironment(https, http, exclusions, login(withLogin)));
    }

    ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
                if (proxy == null || excluded(uri.getHost())) {
                    return List.of(Proxy.NO_PROXY);
                }
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHost(), port(proxy))));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // The client reports the failure with the URL and what to check.
            }
        };
    }

    /** Answers the proxy's 407 with the login and nothing else: no server ever gets it. */
    java.net.Authenticator authenticator() {
        return new java.net.Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? login : null;
            }
        };
    }

    /** For the console: where the proxy is, never who logs in to it or how. */
    String describe() {
        URI shown = https != null ? https : http;
        return shown.getHost() + ":" + port(shown) + (login == null ? "" : " (with a login)")
                + (noProxy.isEmpty() ? "" : ", not for " + String.join(", ", noProxy));
    }

    /** curl's rules: "*" excludes everything; "example.com" and ".example.com" exclude it and its subdomains. */
    boolean excluded(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String bare = entry.contains(":") && !entry.contains("]") ? entry.substring(0, entry.indexOf(':')) : entry;
            if (bare.equals("*") || name.equals(bare) || name.endsWith("." + bare)) {
                return true;
            }
        }
        return false;
    }

    private static URI parse(Map<String, String> environment, String name) {
        String value = variable(environment, name);
        if (value == null) {
            return null;
        }
        String withScheme = value.contains("://") ? value : "http://" + value;
        try {
            URI uri = new URI(withScheme);
            if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new URISyntaxException(redact(withScheme), "expected http://[user:password@]host[:port]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CommandFailure.badInput(name + " is not a proxy URL (" + redact(withScheme) + "): expected "
                    + "http://[user:password@]host[:port]");
        }
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get(name.toLowerCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static PasswordAuthentication login(URI proxy) {
        if (proxy == null || proxy.getRawUserInfo() == null) {
            return null;
        }
        String info = proxy.getRawUserInfo();
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? "" : decode(info.substring(colon + 1));
        return new PasswordAuthentication(user, password.toCharArray());
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int port(URI proxy) {
        return proxy.getPort() > 0 ? proxy.getPort() : 80;
    }

    /** A proxy URL fit for a message: the login, if any, replaced. */
    private static String redact(String url) {
        return Redactor.withoutUserInfo(url);
    }

    @Override
    public String toString() {
        return "ProxyFromEnvironment[" + describe() + "]";
    }
}
