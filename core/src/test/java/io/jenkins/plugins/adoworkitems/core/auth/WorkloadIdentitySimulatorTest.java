package io.jenkins.plugins.adoworkitems.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.simulator.OidcIssuer;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload identity federation end to end: the simulator is the OIDC issuer (as AKS or a CI system would be) and
 * Entra ID; MSAL4J presents the issuer's token as the client assertion, and the client creates a work item with
 * the Entra ID token it gets. Each refusal Entra ID gives is checked with its AADSTS code.
 */
class WorkloadIdentitySimulatorTest {
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "44444444-aaaa-4bbb-8ccc-000000000001";
    private static final String SUBJECT = "system:serviceaccount:ci:jenkins";
    private static final String AUDIENCE = WorkloadIdentity.DEFAULT_AUDIENCE;

    @TempDir
    static Path dir;
    private static SimulatedAdo ado;
    private static OidcIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("acme").project("acme", "Web", Process.AGILE)
                .pat("unused", PatState.VALID)
                .federatedCredential(TENANT, CLIENT, SUBJECT)
                .https(true).build());
        issuer = ado.simulator().oidcIssuer();
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    private static WorkItem createBug(Credentials credentials, String title) throws AdoException {
        AdoClient client = ado.client(credentials);
        return client.create("Web", "Bug", JsonPatch.create().setField("System.Title", title), WriteOptions.DEFAULT);
    }

    private static WorkloadIdentity withToken(String token) {
        return new WorkloadIdentity(TENANT, CLIENT, FederatedAssertion.of(() -> token, "test token"));
    }

    /** The refusal's code and AADSTS number, and no trace of the token in it. */
    private static Consumer<AdoException> refused(String aadsts, String token) {
        return e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FEDERATED_ASSERTION_REFUSED);
            assertThat(e.getMessage()).contains(CLIENT, aadsts);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
            }
            assertThat(e.userMessage()).contains("api://AzureADTokenExchange");
        };
    }

    @Test
    void tokenFromAFileGetsAnEntraTokenThatCreatesAWorkItem() throws Exception {
        Path file = dir.resolve("azure-identity-token");
        Files.writeString(file, issuer.mint(SUBJECT, AUDIENCE, Duration.ofMinutes(10)) + "\n");
        WorkItem created = createBug(new WorkloadIdentity(TENANT, CLIENT, FederatedAssertion.fromFile(file)), "via AKS file");
        assertThat(created.field("System.CreatedBy")).contains(CLIENT);
    }

    @Test
    void aRotatedFileIsReadAgain() throws Exception {
        Path file = dir.resolve("rotating-token");
        // The first token is already expired: the second request must present the file's new one.
        Files.writeString(file, issuer.mint(SUBJECT, AUDIENCE, Instant.now().minusSeconds(3600), Instant.now().minusSeconds(600)));
        WorkloadIdentity identity = new WorkloadIdentity(TENANT, CLIENT, FederatedAssertion.fromFile(file));
        AdoClient client = ado.client(identity);
        assertThatThrownBy(() -> client.project("Web")).isInstanceOfSatisfying(AdoException.class,
                e -> assertThat(e.getMessage()).contains("AADSTS700024"));
        Files.writeString(file, issuer.mint(SUBJECT, AUDIENCE, Duration.ofMinutes(10)));
        assertThat(client.project("Web").name()).isEqualTo("Web");
    }

    @Test
    void tokenFromASupplierIsAskedForEachEntraRequest() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        WorkloadIdentity identity = new WorkloadIdentity(TENANT, CLIENT, FederatedAssertion.of(() -> {
            asked.incrementAndGet();
            return issuer.mint(SUBJECT, AUDIENCE, Duration.ofMinutes(10));
        }, "build token"));
        WorkItem created = createBug(identity, "via supplier");
        assertThat(created.field("System.CreatedBy")).contains(CLIENT);
        assertThat(asked.get()).isPositive();
    }

    @Test
    void wrongSubjectHasNoMatchingFederatedRecord() {
        String token = issuer.mint("system:serviceaccount:other:intruder", AUDIENCE, Duration.ofMinutes(10));
        assertThatThrownBy(() -> createBug(withToken(token), "never"))
                .isInstanceOfSatisfying(AdoException.class, refused("AADSTS70021", token));
    }

    @Test
    void wrongAudienceHasNoMatchingFederatedRecord() {
        String token = issuer.mint(SUBJECT, "api://SomethingElse", Duration.ofMinutes(10));
        assertThatThrownBy(() -> createBug(withToken(token), "never"))
                .isInstanceOfSatisfying(AdoException.class, refused("AADSTS70021", token));
    }

    @Test
    void expiredTokenIsNotWithinItsValidTimeRange() {
        String token = issuer.mint(SUBJECT, AUDIENCE, Instant.now().minusSeconds(3600), Instant.now().minusSeconds(600));
        assertThatThrownBy(() -> createBug(withToken(token), "never"))
                .isInstanceOfSatisfying(AdoException.class, refused("AADSTS700024", token));
    }

    @Test
    void unsignedTokenIsInvalid() {
        String token = issuer.mintUnsigned(SUBJECT, AUDIENCE);
        assertThatThrownBy(() -> createBug(withToken(token), "never"))
                .isInstanceOfSatisfying(AdoException.class, refused("AADSTS50027", token));
    }

    @Test
    void tokenSignedByAnotherKeyIsInvalid() {
        String token = issuer.mintWithUnpublishedKey(SUBJECT, AUDIENCE);
        assertThatThrownBy(() -> createBug(withToken(token), "never"))
                .isInstanceOfSatisfying(AdoException.class, refused("AADSTS50027", token));
    }

    @Test
    void missingTokenFileIsRefusedNamingTheFile() {
        Path missing = dir.resolve("no-such-token");
        assertThatThrownBy(() -> createBug(new WorkloadIdentity(TENANT, CLIENT, FederatedAssertion.fromFile(missing)), "never"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FEDERATED_ASSERTION_REFUSED);
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }

    @Test
    void noTokenReachesALogRecord() throws Exception {
        String token = issuer.mint("system:serviceaccount:other:intruder", AUDIENCE, Duration.ofMinutes(10));
        StringBuilder logged = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.append(record.getMessage()).append('\n');
                if (record.getThrown() != null) {
                    logged.append(record.getThrown()).append('\n');
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        try {
            assertThatThrownBy(() -> createBug(withToken(token), "never")).isInstanceOf(AdoException.class);
        } finally {
            root.removeHandler(handler);
            root.setLevel(level);
        }
        assertThat(logged.toString()).doesNotContain(token);
        assertThat(withToken(token).toString()).doesNotContain(token);
        Path file = dir.resolve("redacted-token");
        Files.writeString(file, token);
        WorkloadIdentity fromFile = new WorkloadIdentity(TENANT, CLIENT, FederatedAssertion.fromFile(file));
        fromFile.assertion().read();
        assertThat(Redactor.of(fromFile).redact("assertion=" + token)).isEqualTo("assertion=" + Redactor.MASK);
        WorkloadIdentity supplied = withToken(token);
        assertThat(Redactor.of(supplied).redact(token)).as("nothing read yet, nothing known").isEqualTo(token);
        supplied.assertion().read();
        assertThat(Redactor.of(supplied).redact(token)).isEqualTo(Redactor.MASK);
    }

    @Test
    void issuerPublishesDiscoveryAndKeys() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ado.simulator().clientSslContext()).build();
        JsonNode discovery = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create(issuer.issuer() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer.issuer());
        JsonNode keys = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create(discovery.path("jwks_uri").asText())).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(keys.path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
        assertThat(keys.path("keys").get(0).path("alg").asText()).isEqualTo("RS256");
    }
}
