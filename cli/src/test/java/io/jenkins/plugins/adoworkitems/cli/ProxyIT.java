package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.ForwardProxy;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CI runner behind a proxy announces it in HTTPS_PROXY, login included, as curl and git read it; the CLI goes
 * through it to an https Azure DevOps (the simulator) and never prints the login.
 */
class ProxyIT {
    private static final String PASSWORD = "p@ss:w0rd";

    @TempDir
    static Path work;
    private static AdoSimulator simulator;
    private static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .pat("sim-pat", PatState.VALID).https(true).build());
        certificate = work.resolve("simulator.pem");
        Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(simulator.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static Map<String, String> environment(ForwardProxy proxy, String noProxy) {
        String login = "builder:" + PASSWORD.replace("@", "%40").replace(":", "%3A");
        return Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat",
                "HTTPS_PROXY", "http://" + login + "@127.0.0.1:" + proxy.port(),
                "NO_PROXY", noProxy);
    }

    @Test
    void syncGoesThroughHttpsProxyWithTheLoginFromTheUrl() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", PASSWORD)) {
            CliProcess.Result synced = CliProcess.run(environment(proxy, "localhost, .internal.example"), work, "sync",
                    CliProcess.sample("sarif/njsscan.sarif").toString(), "--org-url", simulator.organizationUrl("demo"),
                    "--allow-private-urls", "--project", "Demo", "--ca-cert", certificate.toString());

            assertThat(synced.exitCode()).as(synced.toString()).isZero();
            assertThat(synced.err()).contains("Proxy: 127.0.0.1:" + proxy.port() + " (with a login), not for localhost, internal.example");
            assertThat(synced.toString()).doesNotContain(PASSWORD).doesNotContain("p%40ss");
            assertThat(proxy.refused()).isEmpty();
            assertThat(proxy.forwarded()).isNotEmpty()
                    .allMatch(line -> line.equals("CONNECT 127.0.0.1:" + simulator.baseUri().getPort()));
        }
    }

    @Test
    void hostsInNoProxyAreReachedDirectly() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", PASSWORD)) {
            CliProcess.Result validated = CliProcess.run(environment(proxy, "127.0.0.1"), work, "validate",
                    "--org-url", simulator.organizationUrl("demo"), "--allow-private-urls", "--project", "Demo",
                    "--ca-cert", certificate.toString());

            assertThat(validated.exitCode()).as(validated.toString()).isZero();
            assertThat(proxy.forwarded()).isEmpty();
        }
    }

    @Test
    void aProxyUrlThatIsNotOneIsBadInputWithoutTheLogin() throws Exception {
        CliProcess.Result bad = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat",
                "HTTPS_PROXY", "socks5://builder:" + PASSWORD + "@proxy:1080"), work, "validate",
                "--org-url", simulator.organizationUrl("demo"), "--allow-private-urls", "--project", "Demo");

        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("HTTPS_PROXY is not a proxy URL (socks5://****@proxy:1080)");
        assertThat(bad.toString()).doesNotContain(PASSWORD);
    }
}
