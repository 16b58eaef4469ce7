package io.jenkins.plugins.adoworkitems.core.auth;

import java.util.Objects;

/**
 * An Entra ID application that signs in with no secret of its own: it presents an OIDC token from a trusted issuer
 * (AKS, a CI system) as its client assertion, and Entra ID accepts it when the token's issuer, subject and audience
 * match a federated credential of the application (workload identity federation).
 */
public record WorkloadIdentity(String tenantId, String clientId, FederatedAssertion assertion) implements Credentials {
    /** The audience Entra ID expects in the token unless the federated credential says otherwise. */
    public static final String DEFAULT_AUDIENCE = "api://AzureADTokenExchange";

    public WorkloadIdentity {
        ServicePrincipalSecret.requireText(tenantId, "tenant id");
        ServicePrincipalSecret.requireText(clientId, "client id");
        Objects.requireNonNull(assertion, "assertion");
    }

    @Override
    public String describe() {
        return "workload identity " + clientId + " (federated token from " + assertion.describe() + ") in tenant " + tenantId;
    }

    @Override
    public String toString() {
        return "WorkloadIdentity[tenantId=" + tenantId + ", clientId=" + clientId + ", assertion=" + assertion.describe()
                + ", ****]";
    }
}
