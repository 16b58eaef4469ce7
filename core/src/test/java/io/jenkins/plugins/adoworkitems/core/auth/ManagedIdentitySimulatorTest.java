package io.jenkins.plugins.adoworkitems.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Managed identities end to end: the client asks the simulator's IMDS-style or App Service-style endpoint for a
 * token, as on an Azure VM or in App Service, and creates a work item with it. Nothing here reaches
 * 169.254.169.254: every endpoint is named explicitly.
 */
class ManagedIdentitySimulatorTest {
    private static final String SYSTEM_ASSIGNED = "22222222-aaaa-4bbb-8ccc-000000000001";
    private static final String USER_ASSIGNED = "22222222-aaaa-4bbb-8ccc-000000000002";
    private static final String RESOURCE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ci"
            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/jenkins";
    private static final String IDENTITY_HEADER = "app-service-identity-header-7Yq";

    private static SimulatedAdo ado;

    @BeforeAll
    static void start() throws IOException {
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("acme").project("acme", "Web", Process.AGILE)
                .pat("unused", PatState.VALID)
                .systemAssignedIdentity(SYSTEM_ASSIGNED)
                .userAssignedIdentity(USER_ASSIGNED, RESOURCE_ID)
                .identityHeader(IDENTITY_HEADER).build());
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    private static AdoClient client(ManagedIdentity identity, ManagedIdentityEndpoint endpoint) {
        ClientSettings settings = ado.settings();
        return AdoClient.create(ado.target(), identity, settings.withEntra(settings.entra()
                .withManagedIdentityEndpoint(endpoint).withTimeout(Duration.ofSeconds(5))));
    }

    private static ManagedIdentityEndpoint imds() {
        return ManagedIdentityEndpoint.imds(URI.create(ado.simulator().imdsEndpoint()));
    }

    private static ManagedIdentityEndpoint appService(String header) {
        return ManagedIdentityEndpoint.appService(URI.create(ado.simulator().appServiceIdentityEndpoint()), header);
    }

    private static WorkItem createBug(AdoClient client, String title) throws AdoException {
        return client.create("Web", "Bug", JsonPatch.create().setField("System.Title", title), WriteOptions.DEFAULT);
    }

    private static long tokenRequests(String path) {
        return ado.simulator().requestLog().entries().stream().map(LoggedRequest::path).filter(path::equals).count();
    }

    @Test
    void systemAssignedIdentityFromImdsCreatesAWorkItem() throws Exception {
        WorkItem created = createBug(client(ManagedIdentity.systemAssigned(), imds()), "via IMDS");
        assertThat(created.field("System.CreatedBy")).contains(SYSTEM_ASSIGNED);
        assertThat(ado.simulator().requestLog().entries()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/metadata/identity/oauth2/token");
            assertThat(request.query()).contains("api-version=2018-02-01", "resource=499b84ac-1321-427f-aa17-267ca6975798")
                    .doesNotContain("client_id");
            assertThat(request.status()).isEqualTo(200);
        });
    }

    @Test
    void userAssignedIdentityByClientIdAndByResourceId() throws Exception {
        assertThat(createBug(client(ManagedIdentity.userAssignedClientId(USER_ASSIGNED), imds()), "by client id")
                .field("System.CreatedBy")).contains(USER_ASSIGNED);
        assertThat(createBug(client(ManagedIdentity.userAssignedResourceId(RESOURCE_ID), imds()), "by resource id")
                .field("System.CreatedBy")).contains(USER_ASSIGNED);
    }

    @Test
    void appServiceEndpointWithItsHeader() throws Exception {
        assertThat(createBug(client(ManagedIdentity.systemAssigned(), appService(IDENTITY_HEADER)), "via App Service")
                .field("System.CreatedBy")).contains(SYSTEM_ASSIGNED);
        assertThat(createBug(client(ManagedIdentity.userAssignedClientId(USER_ASSIGNED), appService(IDENTITY_HEADER)),
                "via App Service, user-assigned").field("System.CreatedBy")).contains(USER_ASSIGNED);
        assertThat(ado.simulator().requestLog().entries()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/MSI/token");
            assertThat(request.query()).contains("api-version=2019-08-01");
        });
    }

    @Test
    void theTokenIsKeptUntilShortlyBeforeItExpires() throws Exception {
        AdoClient client = client(ManagedIdentity.userAssignedClientId(USER_ASSIGNED), appService(IDENTITY_HEADER));
        long before = tokenRequests("/MSI/token");
        createBug(client, "first");
        createBug(client, "second");
        assertThat(tokenRequests("/MSI/token") - before).as("one token for both calls").isEqualTo(1);
    }

    @Test
    void unknownUserAssignedIdentityIsUnavailable() {
        assertThatThrownBy(() -> createBug(client(ManagedIdentity.userAssignedClientId("33333333-0000-0000-0000-000000000000"),
                imds()), "never")).isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANAGED_IDENTITY_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("HTTP 400", "Identity not found", "33333333-0000-0000-0000-000000000000");
                    assertThat(e.userMessage()).contains("client id or resource id");
                });
        assertThatThrownBy(() -> createBug(client(ManagedIdentity.userAssignedResourceId(RESOURCE_ID + "-other"),
                appService(IDENTITY_HEADER)), "never")).isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANAGED_IDENTITY_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("HTTP 400", "No User Assigned");
                });
    }

    @Test
    void wrongIdentityHeaderIsRefusedWithoutShowingIt() {
        String wrong = "not-the-identity-header-9Kd";
        assertThatThrownBy(() -> createBug(client(ManagedIdentity.systemAssigned(), appService(wrong)), "never"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANAGED_IDENTITY_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("HTTP 403").doesNotContain(wrong, IDENTITY_HEADER);
                });
    }

    @Test
    void noEndpointAnsweringIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ManagedIdentityEndpoint nothing = ManagedIdentityEndpoint.imds(URI.create("http://127.0.0.1:" + closedPort
                + "/metadata/identity/oauth2/token"));
        assertThatThrownBy(() -> createBug(client(ManagedIdentity.systemAssigned(), nothing), "never"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANAGED_IDENTITY_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("No managed identity endpoint answered", "127.0.0.1:" + closedPort);
                });
    }

    @Test
    void machineWithoutSystemAssignedIdentityIsUnavailable() throws IOException {
        try (SimulatedAdo bare = SimulatedAdo.services(SimulatorConfig.builder().organization("acme")
                .project("acme", "Web", Process.AGILE).pat("unused", PatState.VALID).build())) {
            ClientSettings settings = bare.settings();
            AdoClient client = AdoClient.create(bare.target(), ManagedIdentity.systemAssigned(), settings.withEntra(
                    settings.entra().withManagedIdentityEndpoint(ManagedIdentityEndpoint.imds(
                            URI.create(bare.simulator().imdsEndpoint())))));
            assertThatThrownBy(() -> createBug(client, "never")).isInstanceOfSatisfying(AdoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MANAGED_IDENTITY_UNAVAILABLE));
        }
    }

    @Test
    void unsupportedPlatformIsNamedInsteadOfAskingImds() {
        ManagedIdentityEndpoint arc = ManagedIdentityEndpoint.fromEnvironment(Map.of(
                "IDENTITY_ENDPOINT", "http://localhost:40342/metadata/identity/oauth2/token",
                "IMDS_ENDPOINT", "http://localhost:40342"));
        assertThat(arc.kind()).isEqualTo(ManagedIdentityEndpoint.Kind.UNSUPPORTED);
        assertThatThrownBy(() -> createBug(client(ManagedIdentity.systemAssigned(), arc), "never"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANAGED_IDENTITY_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("Azure Arc");
                });
    }

    @Test
    void theEnvironmentNamesTheEndpointAsMsal4jReadsIt() {
        assertThat(ManagedIdentityEndpoint.fromEnvironment(Map.of())).isEqualTo(ManagedIdentityEndpoint.imds());
        assertThat(ManagedIdentityEndpoint.fromEnvironment(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:1234/"))
                .uri()).isEqualTo(URI.create("http://127.0.0.1:1234/metadata/identity/oauth2/token"));
        ManagedIdentityEndpoint appService = ManagedIdentityEndpoint.fromEnvironment(Map.of(
                "IDENTITY_ENDPOINT", "http://localhost:8081/msi/token", "IDENTITY_HEADER", IDENTITY_HEADER));
        assertThat(appService.kind()).isEqualTo(ManagedIdentityEndpoint.Kind.APP_SERVICE);
        assertThat(appService.header()).isEqualTo(IDENTITY_HEADER);
        assertThat(appService.toString()).doesNotContain(IDENTITY_HEADER);
        assertThat(ManagedIdentityEndpoint.fromEnvironment(Map.of("IDENTITY_ENDPOINT", "http://localhost:8081/msi/token",
                "IDENTITY_HEADER", "h", "IDENTITY_SERVER_THUMBPRINT", "AB")).describe()).contains("Service Fabric");
        assertThat(ManagedIdentityEndpoint.fromEnvironment(Map.of("MSI_ENDPOINT", "http://localhost:50342/oauth2/token"))
                .describe()).contains("Cloud Shell");
    }

    @Test
    void userAssignedIdentityIsNamedOneWayOnly() {
        assertThatThrownBy(() -> new ManagedIdentity(java.util.Optional.of(USER_ASSIGNED), java.util.Optional.of(RESOURCE_ID)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ManagedIdentity.systemAssigned().describe()).isEqualTo("system-assigned managed identity");
        assertThat(List.of(ManagedIdentity.userAssignedClientId(USER_ASSIGNED).describe()))
                .containsExactly("user-assigned managed identity " + USER_ASSIGNED);
    }
}
