package io.jenkins.plugins.adoworkitems.core.auth;

import java.util.Objects;

/**
 * A token someone else obtained: a pipeline's System.AccessToken or an Entra ID token from workload identity
 * federation. It is sent as is and cannot be refreshed here.
 */
public record BearerToken(String token) implements Credentials {
    public BearerToken {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("The bearer token is empty");
        }
    }

    @Override
    public String describe() {
        return "pre-issued bearer token";
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
