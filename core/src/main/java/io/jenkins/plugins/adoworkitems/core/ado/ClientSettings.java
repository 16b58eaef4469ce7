package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything about how the client talks, apart from where to and as whom.
 *
 * @param proxy      null for {@link ProxySelector#getDefault()}, which follows the https.proxyHost/https.proxyPort
 *                   and http.nonProxyHosts system properties
 * @param proxyLogin null when the proxy asks for no login; given only to the proxy (HTTP 407), never to Azure DevOps
 * @param sslContext null for the JVM's default trust store
 */
public record ClientSettings(UrlPolicy urlPolicy, RetryPolicy retry, Duration connectTimeout, Duration requestTimeout,
        ProxySelector proxy, PasswordAuthentication proxyLogin, SSLContext sslContext, String userAgent, EntraSettings entra) {
    public static final String PRODUCT = "azure-devops-work-items";

    public ClientSettings {
        Objects.requireNonNull(urlPolicy, "urlPolicy");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(entra, "entra");
    }

    public static ClientSettings defaults() {
        return new ClientSettings(UrlPolicy.strict(), RetryPolicy.defaults(), Duration.ofSeconds(20),
                Duration.ofSeconds(60), null, null, null, PRODUCT + "/" + version(), EntraSettings.publicCloud());
    }

    private static String version() {
        String version = ClientSettings.class.getPackage().getImplementationVersion();
        return version == null ? "1.0" : version;
    }

    public ClientSettings withUrlPolicy(UrlPolicy policy) {
        return new ClientSettings(policy, retry, connectTimeout, requestTimeout, proxy, proxyLogin, sslContext, userAgent, entra);
    }

    public ClientSettings withRetry(RetryPolicy policy) {
        return new ClientSettings(urlPolicy, policy, connectTimeout, requestTimeout, proxy, proxyLogin, sslContext, userAgent, entra);
    }

    public ClientSettings withTimeouts(Duration connect, Duration request) {
        return new ClientSettings(urlPolicy, retry, connect, request, proxy, proxyLogin, sslContext, userAgent, entra);
    }

    /** @param login null when the proxy needs none */
    public ClientSettings withProxy(ProxySelector selector, PasswordAuthentication login) {
        return new ClientSettings(urlPolicy, retry, connectTimeout, requestTimeout, selector, login, sslContext, userAgent, entra);
    }

    public ClientSettings withSslContext(SSLContext context) {
        return new ClientSettings(urlPolicy, retry, connectTimeout, requestTimeout, proxy, proxyLogin, context, userAgent, entra);
    }

    public ClientSettings withEntra(EntraSettings settings) {
        return new ClientSettings(urlPolicy, retry, connectTimeout, requestTimeout, proxy, proxyLogin, sslContext, userAgent, settings);
    }

    ProxySelector proxyOrDefault() {
        return proxy != null ? proxy : ProxySelector.getDefault();
    }
}
