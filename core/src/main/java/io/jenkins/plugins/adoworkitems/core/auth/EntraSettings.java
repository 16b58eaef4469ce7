package io.jenkins.plugins.adoworkitems.core.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how service principals get their tokens.
 *
 * @param authorityHost   {@code https://login.microsoftonline.com} for the public cloud; sovereign clouds use their
 *                        own host (e.g. {@code https://login.microsoftonline.us}, {@code https://login.chinacloudapi.cn})
 * @param sslSocketFactory null for the JVM's trust store; tests pass one trusting their own certificate
 * @param timeout         for each call to the token endpoint (also the managed identity endpoint's)
 * @param managedIdentityEndpoint where managed identities get tokens; null to read it from this process's environment
 *                        when needed ({@link ManagedIdentityEndpoint#fromEnvironment}), as the Azure SDK does
 */
public record EntraSettings(URI authorityHost, SSLSocketFactory sslSocketFactory, Duration timeout,
        ManagedIdentityEndpoint managedIdentityEndpoint) {
    public static final URI PUBLIC_CLOUD = URI.create("https://login.microsoftonline.com");
    /** The Azure DevOps resource; {@code .default} asks for whatever the application was granted. */
    public static final String AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    private static final Set<String> MICROSOFT_HOSTS = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
            "login.chinacloudapi.cn", "login.microsoftonline.de", "login.windows.net", "login.partner.microsoftonline.cn");

    public EntraSettings {
        Objects.requireNonNull(authorityHost, "authorityHost");
        if (!"https".equalsIgnoreCase(authorityHost.getScheme())) {
            throw new IllegalArgumentException("The Entra ID authority host must use https: "
                    + Redactor.withoutUserInfo(authorityHost.toString()));
        }
        if (authorityHost.getRawUserInfo() != null) {
            // Entra ID takes no login in the URL; one there is a secret in the wrong place, bound for every log.
            throw new IllegalArgumentException("The Entra ID authority host must not contain a user name or password: "
                    + Redactor.withoutUserInfo(authorityHost.toString()));
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    public static EntraSettings publicCloud() {
        return new EntraSettings(PUBLIC_CLOUD, null, Duration.ofSeconds(30), null);
    }

    public EntraSettings withAuthorityHost(URI host) {
        return new EntraSettings(host, sslSocketFactory, timeout, managedIdentityEndpoint);
    }

    public EntraSettings withSslSocketFactory(SSLSocketFactory factory) {
        return new EntraSettings(authorityHost, factory, timeout, managedIdentityEndpoint);
    }

    /** Tests and callers that know better than the environment name the endpoint here. */
    public EntraSettings withManagedIdentityEndpoint(ManagedIdentityEndpoint endpoint) {
        return new EntraSettings(authorityHost, sslSocketFactory, timeout, endpoint);
    }

    public EntraSettings withTimeout(Duration value) {
        return new EntraSettings(authorityHost, sslSocketFactory, value, managedIdentityEndpoint);
    }

    /** The configured endpoint, else the one this process's environment names. */
    ManagedIdentityEndpoint managedIdentityEndpointOrEnvironment() {
        return managedIdentityEndpoint != null ? managedIdentityEndpoint : ManagedIdentityEndpoint.fromEnvironment(System.getenv());
    }

    /** Microsoft's sign-in hosts, sorted: the clouds whose authority MSAL validates by instance discovery. */
    public static List<String> microsoftHosts() {
        return MICROSOFT_HOSTS.stream().sorted().toList();
    }

    /**
     * Whether the authority host is one of Microsoft's; any other (a test or private authority) is taken as
     * configured, so only an administrator may name one and its error texts are not passed on.
     */
    public boolean isMicrosoftHost() {
        return MICROSOFT_HOSTS.contains(authorityHost.getHost().toLowerCase(java.util.Locale.ROOT));
    }

    String authority(String tenantId) {
        String base = authorityHost.toString();
        return (base.endsWith("/") ? base : base + "/") + tenantId + "/";
    }
}
