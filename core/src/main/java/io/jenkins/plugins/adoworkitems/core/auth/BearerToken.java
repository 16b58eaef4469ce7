package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * A token someone else obtained: a pipeline's System.AccessToken or an Entra ID token from workload identity
 * federation. It is sent as is and cannot be refreshed here.
 */
public record BearerToken(String token) implements Credentials {
    public BearerToken {
        SecretText.require(token, "bearer token");
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
