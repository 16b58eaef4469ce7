package io.jenkins.plugins.adoworkitems.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.adoworkitems.core.auth.ManagedIdentityEndpoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Azure tells the controller's process about its identity: the managed identity endpoint and the workload
 * identity token file. Read as the Azure SDK reads its configuration, a JVM system property first and then the
 * environment variable of the same name, and only on the controller (builds sign in there). Nothing a form or a job
 * can set reaches it: only whoever starts the controller's JVM decides where its identity's tokens come from. Tests
 * point it at the simulator with system properties.
 */
public final class AzureEnvironment {
    /** Where AKS workload identity (and our docs, for any OIDC issuer) put the federated token. */
    public static final String FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
    /** The variables {@link ManagedIdentityEndpoint#fromEnvironment} reads. */
    private static final List<String> MANAGED_IDENTITY = List.of("IDENTITY_ENDPOINT", "IDENTITY_HEADER",
            "IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT", "IMDS_ENDPOINT", "AZURE_POD_IDENTITY_AUTHORITY_HOST");

    private AzureEnvironment() {
    }

    /** The value of {@code name}, or null when neither the system property nor the variable is set (or blank). */
    @CheckForNull
    public static String get(String name) {
        String property = System.getProperty(name);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String variable = System.getenv(name);
        return variable == null || variable.isBlank() ? null : variable.strip();
    }

    /** This controller's managed identity endpoint: App Service's, IMDS, or a platform named as unsupported. */
    public static ManagedIdentityEndpoint managedIdentityEndpoint() {
        Map<String, String> values = new HashMap<>();
        for (String name : MANAGED_IDENTITY) {
            String value = get(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return ManagedIdentityEndpoint.fromEnvironment(values);
    }
}
