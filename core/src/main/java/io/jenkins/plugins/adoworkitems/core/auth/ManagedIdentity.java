package io.jenkins.plugins.adoworkitems.core.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The managed identity of the Azure machine this runs on: the system-assigned one (both ids empty) or a
 * user-assigned one, named by its client id or by its Azure resource id. It holds no secret: the machine's token
 * endpoint ({@link ManagedIdentityEndpoint}) only answers processes on the machine itself.
 *
 * @param clientId   of a user-assigned identity (its "Client ID", an application id GUID)
 * @param resourceId of a user-assigned identity:
 *                   {@code /subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME}
 */
public record ManagedIdentity(Optional<String> clientId, Optional<String> resourceId) implements Credentials {
    public ManagedIdentity {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(resourceId, "resourceId");
        clientId = clientId.map(String::strip).filter(id -> !id.isEmpty());
        resourceId = resourceId.map(String::strip).filter(id -> !id.isEmpty());
        if (clientId.isPresent() && resourceId.isPresent()) {
            throw new IllegalArgumentException("Name a user-assigned managed identity by its client id or by its resource "
                    + "id, not both");
        }
    }

    public static ManagedIdentity systemAssigned() {
        return new ManagedIdentity(Optional.empty(), Optional.empty());
    }

    public static ManagedIdentity userAssignedClientId(String clientId) {
        ServicePrincipalSecret.requireText(clientId, "client id");
        return new ManagedIdentity(Optional.of(clientId), Optional.empty());
    }

    public static ManagedIdentity userAssignedResourceId(String resourceId) {
        ServicePrincipalSecret.requireText(resourceId, "resource id");
        return new ManagedIdentity(Optional.empty(), Optional.of(resourceId));
    }

    public boolean isSystemAssigned() {
        return clientId.isEmpty() && resourceId.isEmpty();
    }

    @Override
    public String describe() {
        return clientId.map(id -> "user-assigned managed identity " + id)
                .or(() -> resourceId.map(id -> "user-assigned managed identity " + id))
                .orElse("system-assigned managed identity");
    }
}
