package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command: the demo on the bundled example reports, in a clone with nothing beside it. */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void demoSyncsTheBundledExamplesAndTheSecondRunWritesNothing() throws Exception {
        CliProcess.Result demo = CliProcess.run(Map.of(), work, "demo");

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        Matcher writes = Pattern.compile("Simulator request log: (\\d+) request\\(s\\), (\\d+) write request\\(s\\)").matcher(demo.out());
        List<Integer> writesPerRun = new ArrayList<>();
        while (writes.find()) {
            writesPerRun.add(Integer.parseInt(writes.group(2)));
        }
        assertThat(writesPerRun).as(demo.out()).hasSize(3);
        assertThat(writesPerRun.get(0)).as("the plan writes nothing").isZero();
        assertThat(writesPerRun.get(1)).as("the first sync writes").isPositive();
        assertThat(writesPerRun.get(2)).as("the second sync writes nothing").isZero();
        for (JsonNode result : JSON.readTree(CliProcess.example("trivy-image.json").toFile()).path("Results")) {
            for (JsonNode vulnerability : result.path("Vulnerabilities")) {
                assertThat(demo.out()).contains(vulnerability.path("VulnerabilityID").asText());
            }
        }
        // 8 vulnerabilities of the image and 5 code-scanning results; the suppressed sixth is not an item.
        assertThat(demo.out()).contains("Report: demo/trivy-image.json (trivy, 8 finding(s))")
                .contains("Report: demo/codeql-webapp.sarif (sarif, 5 finding(s))")
                .doesNotContain("fixture-password");
        String secondRun = demo.out().substring(demo.out().indexOf("== Run 2"));
        assertThat(secondRun).contains("noop 13;").doesNotContain("CREATE");
        assertThat(demo.out()).contains("/Demo/_workitems/edit/");
    }

    @Test
    void findingsSummarisesTheExamplesByToolAndSeverity() throws Exception {
        CliProcess.Result summary = CliProcess.run(Map.of(), work, "findings", CliProcess.example("trivy-image.json").toString(),
                CliProcess.example("codeql-webapp.sarif").toString(), "--summary", "--json");

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        JsonNode totals = JSON.readTree(summary.out()).path("totals");
        assertThat(totals.path("Trivy").path("critical").asInt()).isEqualTo(2);
        assertThat(totals.path("Trivy").path("high").asInt()).isEqualTo(4);
        assertThat(totals.path("Trivy").path("medium").asInt()).isEqualTo(2);
        assertThat(totals.path("CodeQL").path("critical").asInt()).isEqualTo(1);
        assertThat(totals.path("CodeQL").path("high").asInt()).isEqualTo(3);
        assertThat(totals.path("CodeQL").path("medium").asInt()).isEqualTo(1);
    }

    /**
     * The summary counts as it reads: a report whose findings would fill the heap many times over is summarised in a
     * 64 MB heap (collecting its 150 000 findings first, as before, ran out of memory); two of them too, although
     * they are read at once on two threads.
     */
    @Test
    void theSummaryOfAReportLargerThanTheHeapStreams() throws Exception {
        Path big = work.resolve("big.sarif");
        int results = 150_000;
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(big)) {
            out.write("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Big\", \"rules\": ["
                    + "{\"id\": \"R1\", \"properties\": {\"security-severity\": \"9.1\"}}]}}, \"results\": [");
            for (int i = 0; i < results; i++) {
                out.write((i == 0 ? "" : ",") + "{\"ruleId\": \"R1\", \"ruleIndex\": 0, \"message\": {\"text\": \"Finding "
                        + i + " with a message long enough to matter: " + "x".repeat(200) + "\"}, \"locations\": [{"
                        + "\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"src/file" + i + ".js\"}, "
                        + "\"region\": {\"startLine\": " + (i % 900 + 1) + "}}}]}");
            }
            out.write("]}]}");
        }

        Path copy = java.nio.file.Files.copy(big, work.resolve("copy.sarif"));

        CliProcess.Result summary = CliProcess.run(List.of("-Xmx64m"), Map.of(), work, "findings", big.toString(),
                "--summary", "--json");
        CliProcess.Result both = CliProcess.run(List.of("-Xmx64m", "-XX:ActiveProcessorCount=2"), Map.of(), work,
                "findings", big.toString(), copy.toString(), "--summary", "--json");

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        JsonNode totals = JSON.readTree(summary.out());
        assertThat(totals.path("findings").asInt()).isEqualTo(results);
        assertThat(totals.path("totals").path("Big").path("critical").asInt()).isEqualTo(results);
        assertThat(both.exitCode()).as(both.toString()).isZero();
        assertThat(JSON.readTree(both.out()).path("totals").path("Big").path("critical").asInt()).isEqualTo(2 * results);
    }
}
