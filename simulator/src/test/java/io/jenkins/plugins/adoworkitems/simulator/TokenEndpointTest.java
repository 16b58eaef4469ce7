package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenEndpointTest {
    private static final String SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
    private static AdoSimulator sim;
    private static PrivateKey key;
    private static X509Certificate cert;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("sp.p12");
        java.lang.Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "sp",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sp", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        key = (PrivateKey) ks.getKey("sp", "changeit".toCharArray());
        cert = (X509Certificate) ks.getCertificate("sp");
        sim = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .servicePrincipal("tenant-1", "app-secret", "s3cret").servicePrincipalCertificate("tenant-1", "app-cert", cert).https(true).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private Http.Answer token(String form) throws Exception {
        return new Http(sim, null).send("POST", sim.tokenEndpoint("tenant-1"), "application/x-www-form-urlencoded", form);
    }

    @Test
    void clientSecretGetsABearerTokenThatAdoAccepts() throws Exception {
        Http.Answer t = token("grant_type=client_credentials&client_id=app-secret&client_secret=s3cret&scope=" + SCOPE);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        String bearer = t.json().get("access_token").asText();
        Http.Answer projects = new Http(sim, null).get(sim.organizationUrl("demo") + "/_apis/projects?api-version=7.1", "Authorization", "Bearer " + bearer);
        assertThat(projects.status()).isEqualTo(200);
        assertThat(token("grant_type=client_credentials&client_id=app-secret&client_secret=wrong&scope=" + SCOPE).json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(token("grant_type=client_credentials&client_id=app-secret&client_secret=s3cret&scope=other").json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(new Http(sim, null).get(sim.organizationUrl("demo") + "/_apis/projects?api-version=7.1", "Authorization", "Bearer forged").status()).isEqualTo(401);
    }

    @Test
    void certificateAssertionsInRs256AndPs256() throws Exception {
        for (String alg : List.of("RS256", "PS256")) {
            String jwt = assertion(alg, sim.tokenEndpoint("tenant-1"), Instant.now().plusSeconds(600));
            Http.Answer t = token("grant_type=client_credentials&client_id=app-cert&scope=" + SCOPE
                    + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=" + jwt);
            assertThat(t.status()).as(alg + ": " + t.body()).isEqualTo(200);
        }
        String wrongAudience = assertion("RS256", "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", Instant.now().plusSeconds(600));
        assertThat(token("grant_type=client_credentials&client_id=app-cert&scope=" + SCOPE
                + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=" + wrongAudience).json()
                .get("error_description").asText()).startsWith("AADSTS700021");
        String expired = assertion("PS256", sim.tokenEndpoint("tenant-1"), Instant.now().minusSeconds(60));
        assertThat(token("grant_type=client_credentials&client_id=app-cert&scope=" + SCOPE
                + "&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=" + expired).status()).isEqualTo(401);
    }

    @Test
    void servesOpenIdConfigurationOverHttps() throws Exception {
        Http.Answer a = new Http(sim, null).get(sim.baseUri() + "/tenant-1/v2.0/.well-known/openid-configuration");
        assertThat(sim.baseUri().getScheme()).isEqualTo("https");
        assertThat(a.json().get("token_endpoint").asText()).isEqualTo(sim.tokenEndpoint("tenant-1"));
    }

    private static String assertion(String alg, String audience, Instant exp) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String thumbHeader = alg.equals("RS256")
                ? "\"x5t\":\"" + b64.encodeToString(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded())) + "\""
                : "\"x5t#S256\":\"" + b64.encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())) + "\"";
        String header = b64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"," + thumbHeader + "}").getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"aud\":\"" + audience + "\",\"iss\":\"app-cert\",\"sub\":\"app-cert\",\"jti\":\"1\",\"exp\":" + exp.getEpochSecond()
                + ",\"nbf\":" + (Instant.now().getEpochSecond() - 60) + "}").getBytes(StandardCharsets.UTF_8));
        Signature s;
        if (alg.equals("RS256")) {
            s = Signature.getInstance("SHA256withRSA");
        } else {
            s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        s.initSign(key);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(s.sign());
    }
}
