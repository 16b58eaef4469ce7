package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corporate CA, made in the test with the JDK's keytool, signs the certificate of an https server on loopback:
 * trusting the CA's PEM file lets a client in, and the JVM's own CAs stay trusted beside it.
 */
class TrustedCertificatesTest {
    private static final String PASSWORD = "store-password";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String caPem;
    private static String serverPem;

    @BeforeAll
    static void corporateCaAndItsServer() throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path host = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Corp Test Root CA,O=Acme",
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("ca.pem").toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", host.toString(), "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-keystore", host.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("server.csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-infile", dir.resolve("server.csr").toString(), "-outfile", dir.resolve("server.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", host.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("ca.pem").toString());
        keytool("-importcert", "-alias", "server", "-keystore", host.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("server.pem").toString());
        caPem = Files.readString(dir.resolve("ca.pem"));
        serverPem = Files.readString(dir.resolve("server.pem"));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(host)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void theCorporateCaLetsTheClientReachItsServer() throws Exception {
        TrustedCertificates trusted = TrustedCertificates.fromPem(caPem);

        HttpResponse<String> answer = get(HttpClient.newBuilder().sslContext(trusted.sslContext()).build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello over tls");
    }

    @Test
    void withoutTheCaTheJvmRefusesTheServer() {
        assertThatThrownBy(() -> get(HttpClient.newHttpClient())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theJvmCasStayTrustedBesideTheAddedOne() throws Exception {
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        X509Certificate[] jvmCas = ((X509TrustManager) jvm.getTrustManagers()[0]).getAcceptedIssuers();

        X509Certificate[] trusted = TrustedCertificates.fromPem(caPem).trustManager().getAcceptedIssuers();

        assertThat(jvmCas).as("the JDK ships CAs").isNotEmpty();
        assertThat(trusted).hasSize(jvmCas.length + 1).contains(jvmCas)
                .anySatisfy(ca -> assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Corp Test Root CA,O=Acme"));
    }

    @Test
    void aBundleYieldsEveryCertificateAndSkipsTextAndKeysAround() {
        String bundle = "# corporate bundle\n" + caPem + "\nsome comment\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                + serverPem;

        TrustedCertificates trusted = TrustedCertificates.fromPem(bundle);

        assertThat(trusted.describe()).hasSize(2);
        assertThat(trusted.describe().get(0)).startsWith("CN=Corp Test Root CA,O=Acme (valid until ");
        assertThat(trusted.describe().get(1)).startsWith("CN=127.0.0.1 (valid until ");
    }

    @Test
    void textWithoutACertificateSaysWhatWasExpected() {
        assertThatThrownBy(() -> TrustedCertificates.fromPem("just some text\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no certificate: expected PEM text with -----BEGIN CERTIFICATE-----");
    }

    @Test
    void aCutShortCertificateNamesItsLine() {
        String cut = caPem + "\n" + serverPem.substring(0, serverPem.indexOf("-----END"));
        int line = (int) caPem.lines().count() + 2;

        assertThatThrownBy(() -> TrustedCertificates.fromPem(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line " + line + ": -----BEGIN CERTIFICATE----- without -----END CERTIFICATE-----; "
                        + "is the file cut short?");
    }

    @Test
    void aDamagedCertificateNamesItsLineAndReason() {
        List<String> lines = new ArrayList<>(caPem.lines().toList());
        lines.set(1, "A".repeat(lines.get(1).length()));
        String damaged = "first line\n" + String.join("\n", lines);

        assertThatThrownBy(() -> TrustedCertificates.fromPem(damaged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2: not an X.509 certificate (");
    }

    private static HttpResponse<String> get(HttpClient client) throws IOException, InterruptedException {
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Path log = dir.resolve("keytool.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], Files.readString(log)).isZero();
    }
}
