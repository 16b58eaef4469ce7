package io.jenkins.plugins.adoworkitems.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone simulator as a process, used by another process of the CLI. */
class SimulatorCommandIT {
    @TempDir
    Path work;

    @Test
    void theStandaloneSimulatorServesTheCliWithItsOwnPat() throws Exception {
        Process simulator = CliProcess.builder(Map.of(), work, "simulator", "--port", "0", "--pat", "fixture-token")
                .redirectErrorStream(true).start();
        try {
            String seen = CliProcess.banner(simulator);
            String org = CliProcess.find(seen, "Organization URL: (\\S+)");
            String base = CliProcess.find(seen, "listening on (\\S+)");
            assertThat(org).as(seen).endsWith("/demo");
            assertThat(seen).contains("projects: Demo (AGILE)").doesNotContain("fixture-token");

            CliProcess.Result synced = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "fixture-token"), work, "sync",
                    CliProcess.example("codeql-webapp.sarif").toString(), "--org-url", org, "--allow-private-urls",
                    "--project", "Demo", "--json");
            assertThat(synced.exitCode()).as(synced.toString()).isZero();

            HttpResponse<String> counters = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/_simulator/counters")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(counters.body()).containsPattern("\"writes\"\\s*:\\s*[1-9]");
        } finally {
            simulator.destroy();
            simulator.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void badFaultSwitchesAreUsageErrors() throws Exception {
        CliProcess.Result bad = CliProcess.run(Map.of(), work, "simulator", "--port", "0", "--rate-limit", "lots");

        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("--rate-limit takes N/DURATION");
    }
}
