package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.auth.BearerToken;
import io.jenkins.plugins.adoworkitems.core.auth.ManagedIdentity;
import io.jenkins.plugins.adoworkitems.core.auth.WorkloadIdentity;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsFromEnvironmentTest {
    @TempDir
    Path work;

    @Test
    void aPatFileWinsOverTheEnvironmentAndIsTrimmed() throws Exception {
        Path file = work.resolve("pat");
        Files.writeString(file, "  from-file\n");

        CredentialsFromEnvironment.Chosen chosen = CredentialsFromEnvironment.choose(
                Map.of("AZURE_DEVOPS_EXT_PAT", "from-env", "SYSTEM_ACCESSTOKEN", "bearer"), file);

        assertThat(chosen.credentials()).isEqualTo(new PersonalAccessToken("from-file"));
        assertThat(chosen.source()).isEqualTo("personal access token from " + file).doesNotContain("from-file");
    }

    @Test
    void thePatComesBeforeAServicePrincipalWhichComesBeforeTheSystemAccessToken() {
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_DEVOPS_EXT_PAT", "pat", "AZURE_CLIENT_ID", "c",
                "AZURE_TENANT_ID", "t", "AZURE_CLIENT_SECRET", "s", "SYSTEM_ACCESSTOKEN", "b"), null).credentials())
                .isInstanceOf(PersonalAccessToken.class);
        CredentialsFromEnvironment.Chosen principal = CredentialsFromEnvironment.choose(Map.of("AZURE_CLIENT_ID", "c",
                "AZURE_TENANT_ID", "t", "AZURE_CLIENT_SECRET", "the-secret", "SYSTEM_ACCESSTOKEN", "b"), null);
        assertThat(principal.credentials()).isEqualTo(new ServicePrincipalSecret("t", "c", "the-secret"));
        assertThat(principal.source()).contains("service principal c in tenant t").doesNotContain("the-secret");
        CredentialsFromEnvironment.Chosen bearer = CredentialsFromEnvironment.choose(Map.of("SYSTEM_ACCESSTOKEN", "tok"), null);
        assertThat(bearer.credentials()).isEqualTo(new BearerToken("tok"));
        assertThat(bearer.source()).isEqualTo("bearer token from SYSTEM_ACCESSTOKEN");
    }

    @Test
    void blankVariablesCountAsUnset() {
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_DEVOPS_EXT_PAT", "  ", "SYSTEM_ACCESSTOKEN", "tok"), null)
                .credentials()).isInstanceOf(BearerToken.class);
    }

    @Test
    void anIncompleteServicePrincipalSaysWhatIsMissing() {
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of("AZURE_CLIENT_ID", "c"), null))
                .isInstanceOf(CommandFailure.class).hasMessageContaining("AZURE_TENANT_ID")
                .satisfies(e -> assertThat(((CommandFailure) e).exitCode()).isEqualTo(ExitCode.CREDENTIALS));
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of("AZURE_CLIENT_ID", "c", "AZURE_TENANT_ID", "t"), null))
                .hasMessageContaining("AZURE_CLIENT_SECRET").hasMessageContaining("AZURE_CLIENT_CERTIFICATE_PATH");
    }

    @Test
    void aCertificateFileThatIsNotOneIsACredentialsError() throws Exception {
        Path file = work.resolve("cert.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of("AZURE_CLIENT_ID", "c", "AZURE_TENANT_ID", "t",
                "AZURE_CLIENT_CERTIFICATE_PATH", file.toString()), null))
                .isInstanceOf(CommandFailure.class).hasMessageContaining(file.toString());
    }

    @Test
    void nothingSetNamesEverySource() {
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of(), null))
                .hasMessageContaining("AZURE_DEVOPS_EXT_PAT").hasMessageContaining("SYSTEM_ACCESSTOKEN")
                .hasMessageContaining("AZURE_CLIENT_ID").hasMessageContaining("--pat-file");
    }

    @Test
    void aMissingOrEmptyPatFileIsNamed() throws Exception {
        Path empty = work.resolve("empty");
        Files.writeString(empty, "\n");

        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of(), empty)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of(), work.resolve("missing")))
                .hasMessageContaining("missing").hasMessageContaining("NoSuchFileException");
    }

    @Test
    void managedIdentityOnlyWhenAskedForAndThenFirst() {
        CredentialsFromEnvironment.ManagedIdentityOptions asked = new CredentialsFromEnvironment.ManagedIdentityOptions(true, null, null);
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_DEVOPS_EXT_PAT", "pat"), null, asked).credentials())
                .isEqualTo(ManagedIdentity.systemAssigned());
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_CLIENT_ID", "ua"), null, asked).credentials())
                .as("AZURE_CLIENT_ID names the user-assigned identity, as in the Azure SDK")
                .isEqualTo(ManagedIdentity.userAssignedClientId("ua"));
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_CLIENT_ID", "ua"), null,
                new CredentialsFromEnvironment.ManagedIdentityOptions(false, null, "/subscriptions/x")).credentials())
                .isEqualTo(ManagedIdentity.userAssignedResourceId("/subscriptions/x"));
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential"), null)
                .credentials()).isEqualTo(ManagedIdentity.systemAssigned());
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of(), null)).hasMessageContaining("--managed-identity");
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of("AZURE_TOKEN_CREDENTIALS", "dev"), null))
                .hasMessageContaining("ManagedIdentityCredential");
    }

    @Test
    void workloadIdentityFromTheVariablesAksSets() throws Exception {
        Path token = work.resolve("token");
        Files.writeString(token, "header.payload.signature\n");
        Map<String, String> aks = Map.of("AZURE_FEDERATED_TOKEN_FILE", token.toString(), "AZURE_CLIENT_ID", "c",
                "AZURE_TENANT_ID", "t", "SYSTEM_ACCESSTOKEN", "b");
        CredentialsFromEnvironment.Chosen chosen = CredentialsFromEnvironment.choose(aks, null);
        assertThat(chosen.credentials()).isInstanceOfSatisfying(WorkloadIdentity.class, w -> {
            assertThat(w.clientId()).isEqualTo("c");
            assertThat(w.tenantId()).isEqualTo("t");
        });
        assertThat(chosen.source()).contains(token.toString()).doesNotContain("payload");
        assertThat(CredentialsFromEnvironment.choose(Map.of("AZURE_FEDERATED_TOKEN_FILE", token.toString(),
                "AZURE_CLIENT_ID", "c", "AZURE_TENANT_ID", "t", "AZURE_CLIENT_SECRET", "s"), null).credentials())
                .as("a client secret wins, as EnvironmentCredential comes first in DefaultAzureCredential")
                .isEqualTo(new ServicePrincipalSecret("t", "c", "s"));
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of("AZURE_FEDERATED_TOKEN_FILE", token.toString(),
                "AZURE_CLIENT_ID", "c"), null)).hasMessageContaining("AZURE_TENANT_ID");
        assertThatThrownBy(() -> CredentialsFromEnvironment.choose(Map.of("AZURE_FEDERATED_TOKEN_FILE",
                work.resolve("missing").toString(), "AZURE_CLIENT_ID", "c", "AZURE_TENANT_ID", "t"), null))
                .hasMessageContaining("FEDERATED_ASSERTION_REFUSED").hasMessageContaining("missing");
    }
}
