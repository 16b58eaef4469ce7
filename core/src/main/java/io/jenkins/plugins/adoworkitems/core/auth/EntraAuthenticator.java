package io.jenkins.plugins.adoworkitems.core.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client-credentials flow through MSAL4J. One {@link ConfidentialClientApplication} per authenticator, so MSAL's
 * in-memory cache serves the token until shortly before it expires and then fetches a new one.
 */
final class EntraAuthenticator implements Authenticator {
    /** Entra's error number, the one part of another host's answer that is passed on: a code, not content. */
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{4,7}");
    private static final Logger LOG = Logger.getLogger(EntraAuthenticator.class.getName());

    private final String tenantId;
    private final String clientId;
    private final IClientCredential credential;
    private final EntraSettings settings;
    private final ProxySelector proxy;
    /**
     * MSAL's messages quote Entra ID's answers, which should never hold the secret; masked in case one does. A
     * supplier, since a workload identity's token is only known once read.
     */
    private final Supplier<Redactor> redactor;
    /** What a refusal by Entra ID means: a bad secret or certificate, or a federated token it does not trust. */
    private final AuthenticationException.Reason refusal;
    private ConfidentialClientApplication application;
    private boolean skipCacheOnce;

    EntraAuthenticator(String tenantId, String clientId, IClientCredential credential, EntraSettings settings,
            ProxySelector proxy, Redactor redactor) {
        this(tenantId, clientId, credential, settings, proxy, () -> redactor, AuthenticationException.Reason.REFUSED);
    }

    EntraAuthenticator(String tenantId, String clientId, IClientCredential credential, EntraSettings settings,
            ProxySelector proxy, Supplier<Redactor> redactor, AuthenticationException.Reason refusal) {
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.credential = credential;
        this.settings = settings;
        this.proxy = proxy;
        this.redactor = redactor;
        this.refusal = refusal;
    }

    /**
     * MSAL asks for the assertion on each request to Entra ID (not for tokens it serves from its cache), so a
     * rotated token file or a new build's token is picked up. A failure to read it travels through MSAL as the
     * cause and is unwrapped in {@link #refused}.
     */
    static IClientCredential federated(FederatedAssertion assertion) {
        return ClientCredentialFactory.createFromCallback(assertion::read);
    }

    static IClientCredential secret(String secret) {
        return ClientCredentialFactory.createFromSecret(secret);
    }

    static IClientCredential certificate(ClientCertificate certificate) {
        return ClientCredentialFactory.createFromCertificateChain(certificate.privateKey(), certificate.chain());
    }

    @Override
    public synchronized String authorization() throws AuthenticationException {
        ClientCredentialParameters parameters = ClientCredentialParameters
                .builder(Set.of(EntraSettings.AZURE_DEVOPS_SCOPE))
                .skipCache(skipCacheOnce)
                .build();
        try {
            IAuthenticationResult result = application().acquireToken(parameters)
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            skipCacheOnce = false;
            return "Bearer " + result.accessToken();
        } catch (ExecutionException e) {
            throw refused(e.getCause());
        } catch (TimeoutException e) {
            throw new AuthenticationException("Entra ID did not issue a token within " + settings.timeout().toSeconds()
                    + " s at " + settings.authorityHost());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("Interrupted while waiting for an Entra ID token");
        }
    }

    @Override
    public synchronized boolean invalidate() {
        skipCacheOnce = true;
        return true;
    }

    private AuthenticationException refused(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof AuthenticationException own) {
                // Our own assertion source failed (token file missing); its message is already fit to show.
                return new AuthenticationException(own.reason(), own.getMessage());
            }
        }
        String who = refusal == AuthenticationException.Reason.REFUSED ? "service principal "
                : "the federated token of workload identity ";
        // Another host's text is not ours to repeat: a form that signs in to any URL must not become a way to read
        // one. Its error code and AADSTS number are codes, not content.
        if (!settings.isMicrosoftHost()) {
            String code = cause instanceof MsalServiceException service ? service.errorCode() + ", HTTP " + service.statusCode()
                    : cause instanceof MsalException msal ? msal.errorCode()
                    : cause == null ? "unknown error" : cause.getClass().getSimpleName();
            Matcher aadsts = AADSTS.matcher(cause == null || cause.getMessage() == null ? "" : cause.getMessage());
            String message = "No Entra ID token for " + who + clientId + " in tenant " + tenantId + " from "
                    + settings.authorityHost() + " (" + code + (aadsts.find() ? ", " + aadsts.group() : "")
                    + "); the rest of the answer of a host other than Microsoft's is not shown";
            return cause instanceof MsalServiceException ? new AuthenticationException(refusal, message)
                    : new AuthenticationException(message);
        }
        // MSAL's messages carry Entra's AADSTS text and correlation id but never the secret; keep only those.
        if (cause instanceof MsalServiceException service) {
            LOG.fine(() -> "Entra ID refused client " + clientId + ": " + service.errorCode());
            return new AuthenticationException(refusal, "Entra ID refused " + who + clientId + " in tenant " + tenantId
                    + " (" + service.errorCode() + ", HTTP " + service.statusCode() + "): " + firstLine(service.getMessage()));
        }
        if (cause instanceof MsalException msal) {
            return new AuthenticationException("No Entra ID token for service principal " + clientId + " ("
                    + msal.errorCode() + "): " + firstLine(msal.getMessage()));
        }
        return new AuthenticationException("No Entra ID token for service principal " + clientId + " from "
                + settings.authorityHost() + ": " + (cause == null ? "unknown error" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + firstLine(cause.getMessage()))));
    }

    private String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return redactor.get().redact(newline < 0 ? message : message.substring(0, newline));
    }

    private ConfidentialClientApplication application() throws AuthenticationException {
        if (application == null) {
            try {
                ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(clientId, credential)
                        .authority(settings.authority(tenantId))
                        .logPii(false)
                        .connectTimeoutForDefaultHttpClient((int) settings.timeout().toMillis())
                        .readTimeoutForDefaultHttpClient((int) settings.timeout().toMillis());
                if (!settings.isMicrosoftHost()) {
                    // A private or test authority is not in Microsoft's instance discovery list.
                    builder.validateAuthority(false).instanceDiscovery(false);
                }
                if (settings.sslSocketFactory() != null) {
                    builder.sslSocketFactory(settings.sslSocketFactory());
                }
                // MSAL4J connects with HttpURLConnection: a proxy login can only come from the JVM-wide
                // java.net.Authenticator (Authenticator.setDefault), not from these settings.
                Proxy chosen = proxyFor(settings.authorityHost());
                if (chosen != null) {
                    builder.proxy(chosen);
                }
                application = builder.build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new AuthenticationException("The Entra ID authority " + settings.authority(tenantId)
                        + " is not a valid URL");
            }
        }
        return application;
    }

    private Proxy proxyFor(URI uri) {
        ProxySelector selector = proxy != null ? proxy : ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies = selector.select(uri);
        return proxies.isEmpty() || proxies.get(0).type() == Proxy.Type.DIRECT ? null : proxies.get(0);
    }

    @Override
    public String toString() {
        return "EntraAuthenticator[tenantId=" + tenantId + ", clientId=" + clientId + ", credential=****]";
    }
}
