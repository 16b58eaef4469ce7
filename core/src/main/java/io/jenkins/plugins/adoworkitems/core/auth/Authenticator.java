package io.jenkins.plugins.adoworkitems.core.auth;

import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Produces the {@code Authorization} header value for each request to Azure DevOps. */
public interface Authenticator {
    /** The header value, e.g. {@code Basic …} or {@code Bearer …}; fetched or refreshed as needed. */
    String authorization() throws AuthenticationException;

    /**
     * Called when Azure DevOps answered 401 to the value last returned: drop any cached token.
     *
     * @return whether asking again may give a different value (worth one more try)
     */
    default boolean invalidate() {
        return false;
    }

    /** @param proxy how Entra ID is reached; null for {@link ProxySelector#getDefault()} */
    static Authenticator of(Credentials credentials, EntraSettings entra, ProxySelector proxy) {
        // Azure DevOps ignores the user name of a PAT's Basic authentication; an empty one is customary.
        if (credentials instanceof PersonalAccessToken pat) {
            return fixed("Basic " + Base64.getEncoder().encodeToString((":" + pat.token()).getBytes(StandardCharsets.UTF_8)));
        }
        if (credentials instanceof BearerToken bearer) {
            return fixed("Bearer " + bearer.token());
        }
        if (credentials instanceof ServicePrincipalSecret sp) {
            return new EntraAuthenticator(sp.tenantId(), sp.clientId(), EntraAuthenticator.secret(sp.clientSecret()), entra, proxy,
                    Redactor.of(sp));
        }
        if (credentials instanceof ManagedIdentity identity) {
            return new ManagedIdentityAuthenticator(identity, entra.managedIdentityEndpointOrEnvironment(), entra.timeout());
        }
        if (credentials instanceof WorkloadIdentity workload) {
            return new EntraAuthenticator(workload.tenantId(), workload.clientId(),
                    EntraAuthenticator.federated(workload.assertion()), entra, proxy, () -> Redactor.of(workload),
                    AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED);
        }
        ServicePrincipalCertificate sp = (ServicePrincipalCertificate) credentials;
        return new EntraAuthenticator(sp.tenantId(), sp.clientId(), EntraAuthenticator.certificate(sp.certificate()), entra,
                proxy, Redactor.none());
    }

    private static Authenticator fixed(String value) {
        return new Authenticator() {
            @Override
            public String authorization() {
                return value;
            }

            @Override
            public String toString() {
                return "Authenticator[****]";
            }
        };
    }
}
