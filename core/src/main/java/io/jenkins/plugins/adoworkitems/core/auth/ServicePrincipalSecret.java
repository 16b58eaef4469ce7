package io.jenkins.plugins.adoworkitems.core.auth;

import java.util.Objects;

/** An Entra ID application (service principal) that signs in with a client secret. */
public record ServicePrincipalSecret(String tenantId, String clientId, String clientSecret) implements Credentials {
    public ServicePrincipalSecret {
        requireText(tenantId, "tenant id");
        requireText(clientId, "client id");
        SecretText.require(clientSecret, "service principal's client secret");
    }

    static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("The service principal's " + name + " is empty");
        }
    }

    @Override
    public String describe() {
        return "service principal " + clientId + " (client secret) in tenant " + tenantId;
    }

    @Override
    public String toString() {
        return "ServicePrincipalSecret[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=****]";
    }
}
