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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CI runner behind a proxy announces it in HTTPS_PROXY, login included, as curl and git read it; the CLI goes
 * through it to an https Azure DevOps (the simulator) and never prints the login.
 */
class ProxyIT {
    private static final String PASSWORD = "p@ss:w0rd";
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "11111111-aaaa-4bbb-8ccc-000000000005";
    private static final String SECRET = "sp-secret-Cli~5";

    @TempDir
    static Path work;
    private static AdoSimulator simulator;
    private static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .pat("sim-pat", PatState.VALID).servicePrincipal(TENANT, CLIENT, SECRET).https(true).build());
        certificate = work.resolve("simulator.pem");
        Files.writeString(certificate, simulator.certificatePem());
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
                    CliProcess.example("codeql-webapp.sarif").toString(), "--org-url", simulator.organizationUrl("demo"),
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
    void entraIdTokensGoThroughTheSameProxyWithItsLogin() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", PASSWORD)) {
            Map<String, String> environment = new java.util.HashMap<>(environment(proxy, ""));
            environment.remove("AZURE_DEVOPS_EXT_PAT");
            environment.putAll(Map.of("AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", CLIENT, "AZURE_CLIENT_SECRET", SECRET,
                    "AZURE_AUTHORITY_HOST", simulator.baseUri().toString()));

            CliProcess.Result validated = CliProcess.run(environment, work, "validate", "--org-url",
                    simulator.organizationUrl("demo"), "--allow-private-urls", "--project", "Demo",
                    "--ca-cert", certificate.toString());

            assertThat(validated.exitCode()).as(validated.toString()).isZero();
            assertThat(validated.toString()).doesNotContain(PASSWORD).doesNotContain(SECRET);
            // MSAL4J's tunnel is refused once, then logs in: only the JVM-wide authenticator can answer it. (Our own
            // client sends the login up front and is never refused.)
            assertThat(proxy.refused()).isNotEmpty();
            assertThat(proxy.forwarded()).isNotEmpty();
            assertThat(simulator.requestLog().entries()).anyMatch(request -> request.path().endsWith("/oauth2/v2.0/token"));
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
