package io.jenkins.plugins.adoworkitems.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone simulator as a process, used by another process of the CLI. */
class SimulatorCommandIT {
    @TempDir
    Path work;

    @Test
    void theStandaloneSimulatorServesTheCliWithItsOwnPat() throws Exception {
        Process simulator = CliProcess.builder(Map.of(), work, "simulator", "--port", "0", "--pat", "fixture-token")
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))) {
            String org = null;
            String base = null;
            StringBuilder seen = new StringBuilder();
            for (String line = lines.readLine(); line != null && !line.startsWith("Press Ctrl-C"); line = lines.readLine()) {
                seen.append(line).append('\n');
                Matcher organization = Pattern.compile("Organization URL: (\\S+)").matcher(line);
                if (organization.find()) {
                    org = organization.group(1);
                }
                Matcher listening = Pattern.compile("listening on (\\S+)").matcher(line);
                if (listening.find()) {
                    base = listening.group(1);
                }
            }
            assertThat(org).as(seen.toString()).endsWith("/demo");
            assertThat(seen.toString()).contains("projects: Demo (AGILE)").doesNotContain("fixture-token");

            CliProcess.Result synced = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "fixture-token"), work, "sync",
                    CliProcess.sample("sarif/njsscan.sarif").toString(), "--org-url", org, "--allow-private-urls",
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
