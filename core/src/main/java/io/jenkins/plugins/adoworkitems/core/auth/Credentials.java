package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * How the client proves who it is to Azure DevOps. Every implementation holds a secret, so each one overrides
 * {@code toString()} to print nothing of it.
 */
public sealed interface Credentials
        permits PersonalAccessToken, ServicePrincipalSecret, ServicePrincipalCertificate, BearerToken {
    /** A short description safe for logs and validation reports, e.g. {@code personal access token}. */
    String describe();
}
