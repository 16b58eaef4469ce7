package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the CLI signs in with a managed identity (IMDS and App Service endpoints, named through the same
 * environment variables Azure sets) and with workload identity federation (AKS's token file), all against
 * simulators on loopback; each failure is exit code 3 with its error code and no token on the console.
 */
class IdentityIT {
    private static final String SYSTEM_ASSIGNED = "55555555-aaaa-4bbb-8ccc-000000000001";
    private static final String USER_ASSIGNED = "55555555-aaaa-4bbb-8ccc-000000000002";
    private static final String RESOURCE_ID = "/subscriptions/0/resourceGroups/ci/providers/Microsoft.ManagedIdentity/userAssignedIdentities/jenkins";
    private static final String IDENTITY_HEADER = "identity-header-3Fz9q";
    private static final String TENANT = "contoso-tenant";
    private static final String WORKLOAD_CLIENT = "55555555-aaaa-4bbb-8ccc-000000000003";
    private static final String SUBJECT = "system:serviceaccount:ci:jenkins";

    @TempDir
    static Path work;

    /** Plain http, as IMDS and App Service's endpoint are. */
    private static AdoSimulator machine;
    /** https, since Entra ID's authority must be. */
    private static AdoSimulator entra;
    private static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        machine = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .systemAssignedIdentity(SYSTEM_ASSIGNED).userAssignedIdentity(USER_ASSIGNED, RESOURCE_ID)
                .identityHeader(IDENTITY_HEADER).build());
        entra = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .federatedCredential(TENANT, WORKLOAD_CLIENT, SUBJECT).https(true).build());
        certificate = work.resolve("simulator.pem");
        Files.writeString(certificate, entra.certificatePem());
    }

    @AfterAll
    static void stop() {
        machine.close();
        entra.close();
    }

    private static CliProcess.Result validate(AdoSimulator simulator, Map<String, String> environment, String... more)
            throws Exception {
        String[] args = new String[6 + more.length];
        args[0] = "validate";
        args[1] = "--org-url";
        args[2] = simulator.organizationUrl("demo");
        args[3] = "--allow-private-urls";
        args[4] = "--project";
        args[5] = "Demo";
        System.arraycopy(more, 0, args, 6, more.length);
        return CliProcess.run(environment, work, args);
    }

    private static long requests(AdoSimulator simulator, String path) {
        return simulator.requestLog().entries().stream().map(LoggedRequest::path).filter(p -> p.endsWith(path)).count();
    }

    @Test
    void systemAssignedIdentityFromImds() throws Exception {
        // MSAL4J and the Azure SDK read the IMDS host from AZURE_POD_IDENTITY_AUTHORITY_HOST; so does the CLI.
        CliProcess.Result ok = validate(machine, Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", machine.baseUri().toString()),
                "--managed-identity");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("system-assigned managed identity").contains("Every check passed.");
        assertThat(requests(machine, "/metadata/identity/oauth2/token")).isPositive();
    }

    @Test
    void userAssignedIdentityFromAppServiceChosenTheAzureSdkWay() throws Exception {
        Map<String, String> environment = Map.of("IDENTITY_ENDPOINT", machine.appServiceIdentityEndpoint(),
                "IDENTITY_HEADER", IDENTITY_HEADER, "AZURE_CLIENT_ID", USER_ASSIGNED,
                "AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential");
        CliProcess.Result ok = validate(machine, environment);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("user-assigned managed identity " + USER_ASSIGNED);
        assertThat(ok.all()).doesNotContain(IDENTITY_HEADER);
        assertThat(requests(machine, "/MSI/token")).isPositive();
    }

    @Test
    void userAssignedIdentityByResourceId() throws Exception {
        CliProcess.Result ok = validate(machine, Map.of("IDENTITY_ENDPOINT", machine.appServiceIdentityEndpoint(),
                "IDENTITY_HEADER", IDENTITY_HEADER), "--managed-identity-resource-id", RESOURCE_ID);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
    }

    @Test
    void unknownManagedIdentityIsExitThree() throws Exception {
        CliProcess.Result refused = validate(machine, Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", machine.baseUri().toString()),
                "--managed-identity-client-id", "66666666-0000-0000-0000-000000000000");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.out()).contains("[FAILED]").contains("Identity not found");
    }

    @Test
    void aSyncNamesTheErrorCode() throws Exception {
        CliProcess.Result refused = CliProcess.run(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", machine.baseUri().toString()),
                work, "sync", CliProcess.example("trivy-image.json").toString(), "--org-url", machine.organizationUrl("demo"),
                "--allow-private-urls", "--project", "Demo", "--managed-identity-client-id", "66666666-0000-0000-0000-000000000000");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.all()).contains("MANAGED_IDENTITY_UNAVAILABLE");
        assertThat(machine.requestLog().entries()).as("nothing but the validate-only creates of other tests")
                .noneMatch(request -> request.isWrite() && !request.query().contains("validateOnly=true"));
    }

    @Test
    void noManagedIdentityEndpointIsExitThree() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliProcess.Result refused = validate(machine, Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:" + closed),
                "--managed-identity");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.out()).contains("[FAILED]").contains("No managed identity endpoint answered");
    }

    private static Map<String, String> workload(Path tokenFile) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString());
        environment.put("AZURE_CLIENT_ID", WORKLOAD_CLIENT);
        environment.put("AZURE_TENANT_ID", TENANT);
        environment.put("AZURE_AUTHORITY_HOST", entra.baseUri().toString());
        return environment;
    }

    @Test
    void workloadIdentityFromAksTokenFile() throws Exception {
        Path token = work.resolve("azure-identity-token");
        Files.writeString(token, entra.oidcIssuer().mint(SUBJECT, "api://AzureADTokenExchange", Duration.ofMinutes(10)));
        CliProcess.Result ok = validate(entra, workload(token), "--ca-cert", certificate.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("workload identity " + WORKLOAD_CLIENT).contains("Every check passed.");
    }

    @Test
    void workloadIdentityWithAnotherSubjectIsExitThreeWithoutTheToken() throws Exception {
        Path file = work.resolve("intruder-token");
        String token = entra.oidcIssuer().mint("system:serviceaccount:other:intruder", "api://AzureADTokenExchange",
                Duration.ofMinutes(10));
        Files.writeString(file, token);
        CliProcess.Result refused = validate(entra, workload(file), "--ca-cert", certificate.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.out()).contains("[FAILED]").contains("AADSTS70021").doesNotContain(token);
        for (String part : token.split("\\.")) {
            assertThat(refused.all()).doesNotContain(part);
        }
    }

    @Test
    void missingTokenFileIsExitThreeBeforeAnythingIsSent() throws Exception {
        long before = entra.requestLog().count();
        CliProcess.Result refused = validate(entra, workload(work.resolve("no-such-file")), "--ca-cert", certificate.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("FEDERATED_ASSERTION_REFUSED").contains("no-such-file");
        assertThat(entra.requestLog().count()).isEqualTo(before);
    }
}
