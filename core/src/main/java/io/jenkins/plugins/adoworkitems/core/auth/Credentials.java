package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * How the client proves who it is to Azure DevOps. Every implementation that holds a secret overrides
 * {@code toString()} to print nothing of it; a managed identity holds none.
 */
public sealed interface Credentials permits PersonalAccessToken, ServicePrincipalSecret, ServicePrincipalCertificate,
        BearerToken, ManagedIdentity, WorkloadIdentity {
    /** A short description safe for logs and validation reports, e.g. {@code personal access token}. */
    String describe();
}
