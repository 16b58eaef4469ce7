package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands that need no Azure DevOps, on the real scanner reports of ../shared: findings, and the demo given them. */
@Tag("shared-data")
class DemoAndFindingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRIVY = "trivy/scheme_2_many_vulns.json";

    @TempDir
    Path work;

    /** What Trivy wrote: every VulnerabilityID with its severity. */
    private static List<String[]> trivyVulnerabilities() throws Exception {
        List<String[]> found = new ArrayList<>();
        for (JsonNode result : JSON.readTree(CliProcess.sample(TRIVY).toFile()).path("Results")) {
            for (JsonNode vulnerability : result.path("Vulnerabilities")) {
                found.add(new String[] {vulnerability.path("VulnerabilityID").asText(), vulnerability.path("Severity").asText()});
            }
        }
        return found;
    }

    @Test
    void demoTakesOtherSamples() throws Exception {
        CliProcess.Result demo = CliProcess.run(Map.of(), work, "demo", "--samples", CliProcess.sample("trivy").getParent()
                .resolve("npm-audit").toString());

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("npm-audit").contains("== Run 2");
    }

    @Test
    void findingsPrintsATableOfWhatTheScannerReported() throws Exception {
        CliProcess.Result findings = CliProcess.run(Map.of(), work, "findings", CliProcess.sample(TRIVY).toString());

        assertThat(findings.exitCode()).as(findings.toString()).isZero();
        List<String[]> vulnerabilities = trivyVulnerabilities();
        for (String[] vulnerability : vulnerabilities) {
            assertThat(findings.out()).containsPattern("(?m)^" + Pattern.quote(vulnerability[1].charAt(0)
                    + vulnerability[1].substring(1).toLowerCase()) + "\\s+Trivy\\s+" + Pattern.quote(vulnerability[0]));
        }
        assertThat(findings.out()).contains(vulnerabilities.size() + " finding(s)");
    }

    @Test
    void findingsAsJsonCarriesEveryFinding() throws Exception {
        CliProcess.Result findings = CliProcess.run(Map.of(), work, "findings", CliProcess.sample(TRIVY).toString(), "--json");

        assertThat(findings.exitCode()).as(findings.toString()).isZero();
        JsonNode report = JSON.readTree(findings.out()).path("reports").get(0);
        assertThat(report.path("format").asText()).isEqualTo("trivy");
        List<String> rules = new ArrayList<>();
        report.path("findings").forEach(finding -> rules.add(finding.path("rule").path("id").asText()));
        assertThat(rules).containsExactlyInAnyOrderElementsOf(trivyVulnerabilities().stream().map(v -> v[0]).toList());
    }

    @Test
    void findingsSummaryCountsBySeverity() throws Exception {
        CliProcess.Result summary = CliProcess.run(Map.of(), work, "findings", CliProcess.sample(TRIVY).toString(),
                "--summary", "--json");

        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        JsonNode trivy = JSON.readTree(summary.out()).path("totals").path("Trivy");
        for (String severity : List.of("CRITICAL", "HIGH", "MEDIUM")) {
            long expected = trivyVulnerabilities().stream().filter(v -> v[1].equals(severity)).count();
            assertThat(trivy.path(severity.toLowerCase()).asLong()).as(severity).isEqualTo(expected);
        }

        CliProcess.Result table = CliProcess.run(Map.of(), work, "findings", CliProcess.sample(TRIVY).toString(), "--summary");
        assertThat(table.out()).containsPattern("Trivy\\s+1\\s+1\\s+3\\s+0\\s+0\\s+5");
    }

    @Test
    void anUnreadableReportNamesFileAndPositionWithoutAStackTrace() throws Exception {
        Path truncated = CliProcess.sample("bad/truncated-codeql.sarif");

        CliProcess.Result findings = CliProcess.run(Map.of(), work, "findings", truncated.toString());

        assertThat(findings.exitCode()).as(findings.toString()).isEqualTo(2);
        assertThat(findings.err()).contains("truncated-codeql.sarif").containsPattern("line \\d+|column \\d+|/runs")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
