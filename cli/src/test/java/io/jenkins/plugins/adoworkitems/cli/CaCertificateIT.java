package io.jenkins.plugins.adoworkitems.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The https simulator as a process writes its certificate, and the CLI trusts it with --ca-cert: what a user of an
 * Azure DevOps Server with a corporate CA does with the CA's PEM file.
 */
class CaCertificateIT {
    private static final Map<String, String> PAT = Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat");

    @TempDir
    static Path work;
    private static Process simulator;
    private static String org;
    private static Path certificate;

    @BeforeAll
    static void startHttpsSimulator() throws Exception {
        certificate = work.resolve("simulator.pem");
        simulator = CliProcess.builder(Map.of(), work, "simulator", "--port", "0", "--https", "--write-cert",
                certificate.toString()).redirectErrorStream(true).start();
        String seen = CliProcess.banner(simulator);
        org = CliProcess.find(seen, "Organization URL: (\\S+)");
        assertThat(org).as(seen).startsWith("https://127.0.0.1:").endsWith("/demo");
        assertThat(seen).contains("Certificate (PEM): " + certificate);
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        simulator.destroy();
        simulator.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void validateTrustsTheWrittenCertificate() throws Exception {
        CliProcess.Result ok = CliProcess.run(PAT, work, "validate", "--org-url", org, "--allow-private-urls",
                "--project", "Demo", "--type", "Bug", "--ca-cert", certificate.toString());

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Also trusting: CN=127.0.0.1 (valid until ").contains("Every check passed.");
    }

    @Test
    void syncTrustsTheWrittenCertificate() throws Exception {
        CliProcess.Result synced = CliProcess.run(PAT, work, "sync", CliProcess.example("codeql-webapp.sarif").toString(),
                "--org-url", org, "--allow-private-urls", "--project", "Demo", "--json", "--ca-cert", certificate.toString());

        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        assertThat(synced.err()).contains("Also trusting: CN=127.0.0.1 (valid until ");
        assertThat(synced.out()).containsPattern("\"action\"\\s*:\\s*\"CREATE\"").contains(org + "/Demo/_workitems/edit/");
    }

    @Test
    void withoutTheCertificateSyncFailsNamingTheTlsHandshakeAndTheOption() throws Exception {
        CliProcess.Result refused = CliProcess.run(PAT, work, "sync", CliProcess.example("codeql-webapp.sarif").toString(),
                "--org-url", org, "--allow-private-urls", "--project", "Demo", "--retry-budget", "1s");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(5);
        assertThat(refused.err()).contains("error: NETWORK: ").contains("The TLS certificate of 127.0.0.1 is not trusted").contains("(unable to find valid certification path to requested target)")
                .contains("pass --ca-cert FILE");
    }

    @Test
    void withoutTheCertificateValidateFailsPointingAtTheOption() throws Exception {
        CliProcess.Result refused = CliProcess.run(PAT, work, "validate", "--org-url", org, "--allow-private-urls",
                "--project", "Demo", "--retry-budget", "1s");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(5);
        assertThat(refused.out()).contains("[FAILED] The TLS certificate of 127.0.0.1 is not trusted").contains("pass --ca-cert FILE");
    }

    @Test
    void aFileWithoutACertificateIsBadInputNamingTheFile() throws Exception {
        Path notPem = work.resolve("not-a-cert.txt");
        Files.writeString(notPem, "this is not a certificate\n");

        CliProcess.Result bad = CliProcess.run(PAT, work, "validate", "--org-url", org, "--allow-private-urls",
                "--project", "Demo", "--ca-cert", notPem.toString());

        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("error: --ca-cert " + notPem + ": no certificate: expected PEM text");
    }

    @Test
    void writeCertWithoutHttpsIsAUsageError() throws Exception {
        CliProcess.Result bad = CliProcess.run(Map.of(), work, "simulator", "--port", "0", "--write-cert",
                work.resolve("plain.pem").toString());

        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("--write-cert needs https");
        assertThat(work.resolve("plain.pem")).doesNotExist();
    }
}
