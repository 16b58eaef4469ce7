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
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service principals end to end: MSAL4J gets a token from the simulator's Entra-like endpoint over https, and the
 * client creates a work item with it. Certificates are made in the test with the JDK's keytool.
 */
class EntraSimulatorTest {
    private static final String TENANT = "contoso-tenant";
    private static final String SECRET_CLIENT = "11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String CERT_CLIENT = "11111111-aaaa-4bbb-8ccc-000000000002";
    private static final String SECRET = "sp-secret-Zq8~41x";
    private static final char[] PASSWORD = "p12-password".toCharArray();

    @TempDir
    static Path dir;
    private static SimulatedAdo ado;

    @BeforeAll
    static void start() throws Exception {
        keytool("-genkeypair", "-alias", "sp", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=ado-work-items-test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", dir.resolve("sp.p12").toString(), "-storepass", new String(PASSWORD));
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=not-registered",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", dir.resolve("other.p12").toString(),
                "-storepass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "sp", "-keystore", dir.resolve("sp.p12").toString(),
                "-storepass", new String(PASSWORD), "-file", dir.resolve("sp.crt").toString());
        X509Certificate registered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("sp.crt"))));

        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("acme").project("acme", "Web", Process.AGILE)
                .pat("unused", PatState.VALID)
                .servicePrincipal(TENANT, SECRET_CLIENT, SECRET)
                .servicePrincipalCertificate(TENANT, CERT_CLIENT, registered)
                .https(true).build());
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        java.lang.Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], Files.readString(dir.resolve("keytool.log")))
                .isZero();
    }

    private static WorkItem createBug(AdoClient client, String title) throws AdoException {
        return client.create("Web", "Bug", JsonPatch.create().setField("System.Title", title), WriteOptions.DEFAULT);
    }

    private static ClientCertificate pkcs12(String file) throws Exception {
        return ClientCertificate.fromPkcs12(Files.readAllBytes(dir.resolve(file)), PASSWORD);
    }

    /** The token endpoint was called and the work item call carried no Basic credentials the simulator accepted. */
    private static void assertTokenThenCreate() {
        List<LoggedRequest> log = ado.simulator().requestLog().entries();
        assertThat(log).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(log).anySatisfy(request -> {
            assertThat(request.method()).isIn("POST", "PATCH");
            assertThat(request.path()).isEqualTo("/acme/Web/_apis/wit/workitems/$Bug");
            assertThat(request.status()).isEqualTo(200);
        });
    }

    @Test
    void clientSecretGetsATokenThatCreatesAWorkItem() throws Exception {
        WorkItem created = createBug(ado.client(new ServicePrincipalSecret(TENANT, SECRET_CLIENT, SECRET)), "via secret");
        assertThat(created.field("System.Title")).isEqualTo("via secret");
        // The simulator records who created it: the service principal the token was issued to, not a PAT owner.
        assertThat(created.field("System.CreatedBy")).contains(SECRET_CLIENT);
        assertTokenThenCreate();
    }

    @Test
    void wrongClientSecretIsAuthRequiredWithoutTheSecret() {
        String wrong = "wrong-secret-Hq2~77";
        assertThatThrownBy(() -> createBug(ado.client(new ServicePrincipalSecret(TENANT, SECRET_CLIENT, wrong)), "never"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
                    assertThat(e.getMessage()).contains(SECRET_CLIENT, TENANT, "invalid_client", "AADSTS7000215")
                            .doesNotContain(wrong, SECRET)
                            // the simulator is not a Microsoft host: its own words are not passed on, only the codes
                            .doesNotContain("Invalid client secret provided");
                    assertThat(e.userMessage()).doesNotContain(wrong);
                    Throwable cause = e.getCause();
                    while (cause != null) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain(wrong);
                        cause = cause.getCause();
                    }
                });
    }

    @Test
    void certificateFromPkcs12GetsATokenThatCreatesAWorkItem() throws Exception {
        WorkItem created = createBug(ado.client(new ServicePrincipalCertificate(TENANT, CERT_CLIENT, pkcs12("sp.p12"))),
                "via certificate");
        assertThat(created.field("System.CreatedBy")).contains(CERT_CLIENT);
        assertTokenThenCreate();
    }

    @Test
    void certificateFromPemGetsATokenThatCreatesAWorkItem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("sp.p12"))), PASSWORD);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(store.getKey("sp", PASSWORD).getEncoded())
                + "\n-----END PRIVATE KEY-----\n" + Files.readString(dir.resolve("sp.crt"));
        WorkItem created = createBug(ado.client(new ServicePrincipalCertificate(TENANT, CERT_CLIENT,
                ClientCertificate.fromPem(pem))), "via PEM certificate");
        assertThat(created.field("System.Title")).isEqualTo("via PEM certificate");
    }

    @Test
    void unregisteredCertificateIsAuthRequired() {
        assertThatThrownBy(() -> createBug(ado.client(new ServicePrincipalCertificate(TENANT, CERT_CLIENT,
                pkcs12("other.p12"))), "never")).isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
                    assertThat(e.getMessage()).contains(CERT_CLIENT, "AADSTS700027");
                });
    }

    @Test
    void preIssuedBearerTokenIsSentAsIs() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + SECRET_CLIENT
                + "&client_secret=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(EntraSettings.AZURE_DEVOPS_SCOPE, StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newBuilder().sslContext(ado.simulator().clientSslContext()).build().send(
                HttpRequest.newBuilder(URI.create(ado.simulator().tokenEndpoint(TENANT)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode token = new ObjectMapper().readTree(answer.body());
        assertThat(token.path("token_type").asText()).isEqualTo("Bearer");

        int tokenCalls = tokenRequests();
        WorkItem created = createBug(ado.client(new BearerToken(token.path("access_token").asText())), "via bearer token");
        assertThat(created.field("System.CreatedBy")).contains(SECRET_CLIENT);
        assertThat(tokenRequests()).as("a pre-issued token needs no token endpoint").isEqualTo(tokenCalls);
    }

    @Test
    void unknownBearerTokenIsAuthRequired() {
        assertThatThrownBy(() -> createBug(ado.client(new BearerToken("not-a-token-the-simulator-issued")), "never"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
                    assertThat(e.getMessage()).doesNotContain("not-a-token-the-simulator-issued");
                });
    }

    private static int tokenRequests() {
        return (int) ado.simulator().requestLog().entries().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).count();
    }
}
