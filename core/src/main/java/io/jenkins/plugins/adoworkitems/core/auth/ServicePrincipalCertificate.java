package io.jenkins.plugins.adoworkitems.core.auth;

import java.util.Objects;

/** An Entra ID application (service principal) that signs in with a certificate and its private key. */
public record ServicePrincipalCertificate(String tenantId, String clientId, ClientCertificate certificate)
        implements Credentials {
    public ServicePrincipalCertificate {
        ServicePrincipalSecret.requireText(tenantId, "tenant id");
        ServicePrincipalSecret.requireText(clientId, "client id");
        Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public String describe() {
        return "service principal " + clientId + " (certificate " + certificate.thumbprint() + ") in tenant " + tenantId;
    }

    @Override
    public String toString() {
        return "ServicePrincipalCertificate[tenantId=" + tenantId + ", clientId=" + clientId + ", certificate="
                + certificate + "]";
    }
}
