package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.BearerToken;
import io.jenkins.plugins.adoworkitems.core.auth.ClientCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import io.jenkins.plugins.adoworkitems.core.auth.FederatedAssertion;
import io.jenkins.plugins.adoworkitems.core.auth.ManagedIdentity;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;
import io.jenkins.plugins.adoworkitems.core.auth.WorkloadIdentity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks the credentials from files and environment variables, never from the command line, where other users of
 * the machine can read them (ps, shell history, CI logs that echo commands). The first that is set wins:
 * {@code --pat-file}, {@code AZURE_DEVOPS_EXT_PAT}, a service principal ({@code AZURE_CLIENT_ID} with
 * {@code AZURE_CLIENT_SECRET} or {@code AZURE_CLIENT_CERTIFICATE_PATH}), a workload identity
 * ({@code AZURE_FEDERATED_TOKEN_FILE} with {@code AZURE_CLIENT_ID} and {@code AZURE_TENANT_ID}, as AKS sets them),
 * {@code SYSTEM_ACCESSTOKEN}. A managed identity only when asked for ({@code --managed-identity} or the Azure SDK's
 * {@code AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential}), and then before all the others: asking IMDS
 * unasked would make a machine without credentials wait for an address that is not there.
 */
final class CredentialsFromEnvironment {
    static final String PAT = "AZURE_DEVOPS_EXT_PAT";
    static final String ACCESS_TOKEN = "SYSTEM_ACCESSTOKEN";
    static final String TENANT = "AZURE_TENANT_ID";
    static final String CLIENT = "AZURE_CLIENT_ID";
    static final String SECRET = "AZURE_CLIENT_SECRET";
    static final String CERTIFICATE = "AZURE_CLIENT_CERTIFICATE_PATH";
    static final String CERTIFICATE_PASSWORD = "AZURE_CLIENT_CERTIFICATE_PASSWORD";
    static final String FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
    /** The Azure SDK's switch for DefaultAzureCredential (azure-identity 1.16+): one credential's class name. */
    static final String TOKEN_CREDENTIALS = "AZURE_TOKEN_CREDENTIALS";
    static final String MANAGED_IDENTITY_CREDENTIAL = "ManagedIdentityCredential";
    static final String WORKLOAD_IDENTITY_CREDENTIAL = "WorkloadIdentityCredential";
    static final String ENVIRONMENT_CREDENTIAL = "EnvironmentCredential";
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    /**
     * What the command line says about managed identity: whether to use one and which user-assigned one.
     * {@code clientId} and {@code resourceId} imply {@code use}.
     */
    record ManagedIdentityOptions(boolean use, String clientId, String resourceId) {
        static final ManagedIdentityOptions NONE = new ManagedIdentityOptions(false, null, null);

        boolean requested() {
            return use || clientId != null || resourceId != null;
        }
    }

    /** The credentials and where they came from, for the console; {@code source} never holds the secret. */
    record Chosen(Credentials credentials, String source) {
    }

    private CredentialsFromEnvironment() {
    }

    static Chosen choose(Map<String, String> environment, Path patFile) {
        return choose(environment, patFile, ManagedIdentityOptions.NONE);
    }

    static Chosen choose(Map<String, String> environment, Path patFile, ManagedIdentityOptions managed) {
        String only = value(environment, TOKEN_CREDENTIALS);
        if (!only.isEmpty() && !List.of(MANAGED_IDENTITY_CREDENTIAL, WORKLOAD_IDENTITY_CREDENTIAL, ENVIRONMENT_CREDENTIAL)
                .contains(only)) {
            throw new CommandFailure(ExitCode.CREDENTIALS, TOKEN_CREDENTIALS + "=" + only + " is not one this tool "
                    + "follows; use " + MANAGED_IDENTITY_CREDENTIAL + ", " + WORKLOAD_IDENTITY_CREDENTIAL + " or "
                    + ENVIRONMENT_CREDENTIAL + ", or unset it.");
        }
        if (managed.requested() || only.equals(MANAGED_IDENTITY_CREDENTIAL)) {
            return managedIdentity(environment, managed);
        }
        if (only.equals(WORKLOAD_IDENTITY_CREDENTIAL)) {
            return workloadIdentity(environment).orElseThrow(() -> new CommandFailure(ExitCode.CREDENTIALS,
                    TOKEN_CREDENTIALS + "=" + WORKLOAD_IDENTITY_CREDENTIAL + " needs " + FEDERATED_TOKEN_FILE + ", "
                            + CLIENT + " and " + TENANT + "."));
        }
        if (patFile != null) {
            String token = new String(read(patFile, "--pat-file"), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CommandFailure(ExitCode.CREDENTIALS, "The PAT file " + patFile + " is empty.");
            }
            String source = "personal access token from " + patFile;
            return new Chosen(checked(source, () -> new PersonalAccessToken(token)), source);
        }
        String pat = value(environment, PAT);
        if (!pat.isEmpty()) {
            return new Chosen(checked(PAT, () -> new PersonalAccessToken(pat)), "personal access token from " + PAT);
        }
        String client = value(environment, CLIENT);
        // As DefaultAzureCredential: a secret or certificate (EnvironmentCredential) before a federated token file.
        if (!client.isEmpty() && (!value(environment, SECRET).isEmpty() || !value(environment, CERTIFICATE).isEmpty()
                || value(environment, FEDERATED_TOKEN_FILE).isEmpty())) {
            return servicePrincipal(environment, client);
        }
        Optional<Chosen> workload = workloadIdentity(environment);
        if (workload.isPresent()) {
            return workload.get();
        }
        String accessToken = value(environment, ACCESS_TOKEN);
        if (!accessToken.isEmpty()) {
            return new Chosen(checked(ACCESS_TOKEN, () -> new BearerToken(accessToken)), "bearer token from " + ACCESS_TOKEN);
        }
        throw new CommandFailure(ExitCode.CREDENTIALS, "No credentials: set " + PAT + " (a personal access token), "
                + ACCESS_TOKEN + " (the pipeline's token), or " + CLIENT + " and " + TENANT + " with " + SECRET + ", "
                + CERTIFICATE + " (a service principal) or " + FEDERATED_TOKEN_FILE + " (workload identity); or pass "
                + "--pat-file FILE, or --managed-identity on an Azure machine.");
    }

    /**
     * The machine's managed identity: user-assigned when a client id or resource id is given (the option, else
     * AZURE_CLIENT_ID as the Azure SDK reads it), else system-assigned.
     */
    private static Chosen managedIdentity(Map<String, String> environment, ManagedIdentityOptions managed) {
        if (managed.clientId() != null && managed.resourceId() != null) {
            throw CommandFailure.badInput("Name the user-assigned managed identity by --managed-identity-client-id or by "
                    + "--managed-identity-resource-id, not both.");
        }
        ManagedIdentity identity;
        String source;
        if (managed.resourceId() != null) {
            identity = ManagedIdentity.userAssignedResourceId(managed.resourceId());
            source = "--managed-identity-resource-id";
        } else if (managed.clientId() != null) {
            identity = ManagedIdentity.userAssignedClientId(managed.clientId());
            source = "--managed-identity-client-id";
        } else if (!value(environment, CLIENT).isEmpty()) {
            identity = ManagedIdentity.userAssignedClientId(value(environment, CLIENT));
            source = CLIENT;
        } else {
            return new Chosen(ManagedIdentity.systemAssigned(), "the system-assigned managed identity of this machine");
        }
        return new Chosen(identity, identity.describe() + " (from " + source + ")");
    }

    /** AKS's workload identity webhook sets these three (and AZURE_AUTHORITY_HOST) in every pod it serves. */
    private static Optional<Chosen> workloadIdentity(Map<String, String> environment) {
        String file = value(environment, FEDERATED_TOKEN_FILE);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String client = value(environment, CLIENT);
        String tenant = value(environment, TENANT);
        if (client.isEmpty() || tenant.isEmpty()) {
            throw new CommandFailure(ExitCode.CREDENTIALS, FEDERATED_TOKEN_FILE + " is set but " + (client.isEmpty()
                    ? CLIENT : TENANT) + " is not; a workload identity needs " + CLIENT + " and " + TENANT + " too.");
        }
        Path path = Path.of(file);
        FederatedAssertion assertion = FederatedAssertion.fromFile(path);
        try {
            // Read once now: a missing file fails before anything is sent, and the run's redactor learns the token.
            assertion.read();
        } catch (AuthenticationException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, ErrorCode.FEDERATED_ASSERTION_REFUSED + ": " + e.getMessage() + ".");
        }
        return Optional.of(new Chosen(new WorkloadIdentity(tenant, client, assertion), "workload identity " + client
                + " in tenant " + tenant + " with the federated token from " + path + " (" + FEDERATED_TOKEN_FILE
                + ", read again for each new Entra ID token)"));
    }

    private static Chosen servicePrincipal(Map<String, String> environment, String client) {
        String tenant = value(environment, TENANT);
        if (tenant.isEmpty()) {
            throw new CommandFailure(ExitCode.CREDENTIALS, CLIENT + " is set but " + TENANT + " is not; a service "
                    + "principal needs both.");
        }
        String secret = value(environment, SECRET);
        if (!secret.isEmpty()) {
            return new Chosen(checked(SECRET, () -> new ServicePrincipalSecret(tenant, client, secret)),
                    "service principal " + client + " in tenant " + tenant + " with the client secret from " + SECRET);
        }
        String certificatePath = value(environment, CERTIFICATE);
        if (certificatePath.isEmpty()) {
            throw new CommandFailure(ExitCode.CREDENTIALS, CLIENT + " is set but neither " + SECRET + " nor "
                    + CERTIFICATE + "; a service principal signs in with one of them.");
        }
        Path path = Path.of(certificatePath);
        byte[] data = read(path, CERTIFICATE);
        ClientCertificate certificate;
        try {
            String text = new String(data, StandardCharsets.UTF_8);
            certificate = text.contains("-----BEGIN")
                    ? ClientCertificate.fromPem(text)
                    : ClientCertificate.fromPkcs12(data, value(environment, CERTIFICATE_PASSWORD).toCharArray());
        } catch (AuthenticationException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, CERTIFICATE + " " + path + ": " + e.getMessage());
        }
        return new Chosen(new ServicePrincipalCertificate(tenant, client, certificate), "service principal " + client
                + " in tenant " + tenant + " with the certificate " + certificate.thumbprint() + " from " + path);
    }

    /**
     * The credentials, or a failure naming where they came from when they cannot be sent (a line break inside a
     * token): the credentials' own message names the character, never the secret.
     */
    private static Credentials checked(String source, Supplier<Credentials> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, ErrorCode.CREDENTIALS_MALFORMED + ": " + source + ": "
                    + e.getMessage() + ".");
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CommandFailure(ExitCode.CREDENTIALS, what + " " + file + " is larger than 1 MiB; is it the right file?");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, "Cannot read " + what + " " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null ? "" : value.strip();
    }
}
