package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * plan and sync hold only the findings that can lead to a write (issue #17): a report whose findings would not fit in
 * the CLI's heap if each were kept, nearly all of them below the threshold, is planned offline and synced into the
 * simulator in a 64 MB heap.
 */
class LargeScanIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOW = 120_000;
    private static final int HIGH = 40;

    @TempDir
    Path work;

    /** A CodeQL-like log: {@value #LOW} low results with long messages, and every 3000th result a high one. */
    private Path report() throws Exception {
        Path big = work.resolve("big.sarif");
        try (Writer out = Files.newBufferedWriter(big)) {
            out.write("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Big\", \"rules\": ["
                    + "{\"id\": \"LOW\", \"properties\": {\"security-severity\": \"2.0\", \"tags\": [\"security\"]}},"
                    + "{\"id\": \"HIGH\", \"properties\": {\"security-severity\": \"8.1\", \"tags\": [\"security\"]}}]}},"
                    + " \"results\": [");
            int high = 0;
            for (int i = 0; i < LOW + HIGH; i++) {
                boolean isHigh = i % 3000 == 1500 && high < HIGH;
                high += isHigh ? 1 : 0;
                out.write((i == 0 ? "" : ",") + "{\"ruleId\": \"" + (isHigh ? "HIGH" : "LOW") + "\", \"ruleIndex\": "
                        + (isHigh ? 1 : 0) + ", \"message\": {\"text\": \"Finding " + i + " with a message long enough "
                        + "to matter: " + "x".repeat(200) + "\"}, \"locations\": [{\"physicalLocation\": {"
                        + "\"artifactLocation\": {\"uri\": \"src/file" + i + ".js\"}, \"region\": {\"startLine\": "
                        + (i % 900 + 1) + "}}}]}");
            }
            out.write("]}]}");
            assertThat(high).isEqualTo(HIGH);
        }
        return big;
    }

    @Test
    void planAndSyncOfAReportLargerThanTheHeapKeepOnlyTheFindingsAboveTheThreshold() throws Exception {
        Path big = report();

        CliProcess.Result plan = CliProcess.run(List.of("-Xmx64m"), Map.of(), work, "plan", big.toString(),
                "--project", "Demo", "--offline", "--threshold", "high", "--json");

        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        JsonNode planned = JSON.readTree(plan.out());
        assertThat(planned.path("totals").path("create").asInt()).isEqualTo(HIGH);
        assertThat(planned.path("totals").path("skip").asInt()).isEqualTo(LOW);
        assertThat(planned.path("skipped").path("below_threshold").asInt()).isEqualTo(LOW);
        assertThat(planned.path("entries")).hasSize(HIGH);
        assertThat(plan.err()).contains("(sarif): " + (LOW + HIGH) + " finding(s)")
                .contains(LOW + " below threshold");
        assertThat(Files.size(big)).as("large enough for its results to be read on threads").isGreaterThan(8L << 20);

        // The launcher's JIT choice, with which the results are read on threads: the same plan in the same heap.
        CliProcess.Result onThreads = CliProcess.run(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Map.of(), work, "plan", big.toString(), "--project", "Demo", "--offline", "--threshold", "high", "--json");
        assertThat(onThreads.exitCode()).as(onThreads.toString()).isZero();
        assertThat(onThreads.out()).isEqualTo(plan.out());
        assertThat(onThreads.err()).isEqualTo(plan.err());

        try (AdoSimulator simulator = AdoSimulator.start(SimulatorConfig.defaults())) {
            String[] sync = {"sync", big.toString(), "--org-url", simulator.organizationUrl("demo"),
                "--allow-private-urls", "--project", "Demo", "--threshold", "high", "--resolve-fixed", "--json"};
            Map<String, String> pat = Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat");

            CliProcess.Result first = CliProcess.run(List.of("-Xmx64m"), pat, work, sync);
            CliProcess.Result again = CliProcess.run(List.of("-Xmx64m"), pat, work, sync);

            assertThat(first.exitCode()).as(first.toString()).isZero();
            JsonNode synced = JSON.readTree(first.out());
            assertThat(synced.path("totals").path("create").asInt()).isEqualTo(HIGH);
            assertThat(synced.path("totals").path("failed").asInt()).isZero();
            assertThat(synced.path("skipped").path("below_threshold").asInt()).isEqualTo(LOW);
            assertThat(synced.path("entries")).hasSize(HIGH);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            JsonNode second = JSON.readTree(again.out());
            // Every item found again and current; none resolved, though only the high findings were kept.
            assertThat(second.path("totals").path("noop").asInt()).isEqualTo(HIGH);
            assertThat(second.path("totals").path("create").asInt()).isZero();
            assertThat(second.path("totals").path("resolve").asInt()).isZero();
            assertThat(simulator.requestLog().writes()).isPositive();
        }
    }
}
