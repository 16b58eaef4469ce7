package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: one scanner's findings carry one tool name, whether it wrote its own format or SARIF. */
class ToolNamesAcrossFormatsTest {
    @TempDir
    Path work;

    private static Report read(Path file) throws ReportException {
        return new FindingsReader().read(ReportInput.of(file), Optional.empty());
    }

    @Test
    void semgrepsOwnJsonAndItsSarifNameTheToolAlike() throws Exception {
        Path json = Files.writeString(work.resolve("semgrep.json"), """
                {"version": "1.50.0", "errors": [], "results": [{"check_id": "python.flask.xss", "path": "app.py",
                  "start": {"line": 3, "col": 1}, "end": {"line": 3, "col": 9},
                  "extra": {"severity": "ERROR", "message": "XSS", "lines": "return x"}}]}
                """);
        Path sarif = Files.writeString(work.resolve("semgrep.sarif"), """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep", "rules": []}},
                  "results": [{"ruleId": "python.flask.xss", "level": "error", "message": {"text": "XSS"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app.py"},
                      "region": {"startLine": 3}}}]}]}]}
                """);

        Report own = read(json);
        Report viaSarif = read(sarif);

        assertThat(own.format()).isNotEqualTo(viaSarif.format());
        assertThat(own.findings()).extracting(finding -> finding.tool().name()).containsOnly("Semgrep");
        assertThat(viaSarif.findings()).extracting(finding -> finding.tool().name()).containsOnly("Semgrep");
        assertThat(viaSarif.summary().tools()).containsExactly("Semgrep");
    }

    @Test
    @Tag("shared-data")
    void theRealSamplesOfSemgrepAndDependencyCheckNameTheToolAlikeInBothFormats() throws Exception {
        assertThat(toolNames("semgrep/many_vulns.json")).containsExactly("Semgrep");
        assertThat(toolNames("sarif/semgrepowasp-benchmark-sample.sarif")).containsExactly("Semgrep");
        assertThat(toolNames("dependency-check/multiple_vulnerabilities_has_multiple_findings.xml"))
                .containsExactly("Dependency-Check");
        assertThat(toolNames("sarif/dependency_check.sarif")).containsExactly("Dependency-Check");
    }

    private static java.util.Set<String> toolNames(String sample) throws ReportException {
        Report report = read(Samples.sample(sample));
        assertThat(report.findings()).as(sample).isNotEmpty();
        java.util.Set<String> names = new java.util.TreeSet<>();
        report.findings().stream().map(Finding::tool).map(Tool::name).forEach(names::add);
        return names;
    }
}
