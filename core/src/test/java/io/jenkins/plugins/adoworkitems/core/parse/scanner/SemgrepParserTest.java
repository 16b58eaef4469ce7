package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.AbstractParserTest;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemgrepParserTest extends AbstractParserTest {

    @Override
    protected ReportParser parser() {
        return new SemgrepParser();
    }

    @Test
    void countsOneFindingPerResultAndMapsLegacyLevels() throws ReportException {
        Report report = parse("semgrep/many_vulns.json");

        assertThat(report.findings()).hasSize(48);
        assertThat(countBySeverity(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Severity.HIGH, 13L, Severity.MEDIUM, 35L));
        assertThat(report.summary().warnings()).isEmpty();
        Finding first = report.findings().get(0);
        assertThat(first.rule().id()).isEqualTo("python.lang.correctness.tempfile.flush.tempfile-without-flush");
        assertThat(first.rule().name()).isEqualTo("tempfile-without-flush");
        assertThat(first.originalSeverity()).isEqualTo("ERROR");
        assertThat(first.severity()).isEqualTo(Severity.HIGH);
        assertThat(first.primaryLocation()).isEqualTo(new Location("tasks.py", 186, 39, 186, 48,
                "                   'xsl-style-sheet': temp.name}", ""));
        assertThat(first.message()).startsWith("Using 'temp.name' without '.flush()'");
        // no version and no fingerprint in this older report: the snippet identifies the finding
        assertThat(first.tool().version()).isEmpty();
        assertThat(first.fingerprint().basis()).isEqualTo("snippet");
    }

    @Test
    void readsCweFromAStringOrAList() throws ReportException {
        List<Finding> many = parse("semgrep/many_vulns.json").findings();
        assertThat(many.stream().filter(f -> f.identifier("CWE").equals("CWE-327"))).hasSize(33);
        assertThat(many.stream().filter(f -> f.identifier("CWE").equals("CWE-611"))).hasSize(10);
        assertThat(many.stream().filter(f -> f.rule().cwes().equals(List.of("CWE-1236")))).hasSize(1);
        assertThat(many.stream().filter(f -> f.rule().cwes().isEmpty())).hasSize(4);

        Finding listed = parse("semgrep/cwe_list.json").findings().get(0);
        assertThat(listed.rule().cwes()).containsExactly("CWE-352");
        assertThat(listed.identifier("CWE")).isEqualTo("CWE-352");
        assertThat(listed.rule().helpUri()).isEqualTo("https://semgrep.dev/r/javascript.express.security.audit."
                + "express-check-csurf-middleware-usage.express-check-csurf-middleware-usage");
        assertThat(listed.rule().tags()).containsExactly("security", "A01:2021 - Broken Access Control",
                "A05:2017 - Broken Access Control");
        assertThat(listed.properties()).containsEntry("category", "security")
                .containsEntry("owasp", "A01:2021 - Broken Access Control, A05:2017 - Broken Access Control")
                .containsEntry("technology", "javascript, typescript, express")
                .containsKey("references")
                .doesNotContainKey("license");
    }

    @Test
    void usesSemgrepsFingerprintAndVersionAndMapsInfoToLow() throws ReportException {
        Finding finding = parse("semgrep/cwe_list.json").findings().get(0);

        assertThat(finding.tool().name()).isEqualTo("Semgrep");
        assertThat(finding.tool().version()).isEqualTo("0.96.0");
        assertThat(finding.originalSeverity()).isEqualTo("INFO");
        assertThat(finding.severity()).isEqualTo(Severity.LOW);
        assertThat(finding.fingerprint().basis()).isEqualTo("tool:semgrep");
        assertThat(finding.primaryLocation()).isEqualTo(new Location("index.js", 12, 7, 12, 22,
                "const app = express();", ""));
    }

    @Test
    void newerSeverityLabelsMapDirectly() throws ReportException {
        Report report = parse("semgrep/high-medium-low-severities.json");

        assertThat(report.findings()).hasSize(3).allMatch(f -> f.severity() == Severity.LOW);
        assertThat(report.findings()).extracting(f -> f.tool().version()).containsOnly("1.84.1");
        assertThat(report.findings()).extracting(f -> f.primaryLocation().startLine()).containsExactly(48, 49, 50);
        // Semgrep numbers repeated matches of one rule (_0, _1, _2): three distinct identities
        assertThat(report.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
    }

    @Test
    void emptyReportHasNoFindings() throws ReportException {
        Report report = parse("semgrep/empty.json");

        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().findings()).isZero();
        assertThat(report.summary().tools()).containsExactly("Semgrep");
    }

    @Test
    void identicalResultsCountOnceAndUnknownLabelsWarnOnce(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Samples.sample("semgrep/high-medium-low-severities.json").toFile());
        ArrayNode results = (ArrayNode) root.get("results");
        results.add(results.get(0).deepCopy());
        ((ObjectNode) results.get(1).get("extra")).put("severity", "EXPERIMENT");
        ((ObjectNode) results.get(2).get("extra")).put("severity", "EXPERIMENT");
        Path file = dir.resolve("semgrep.json");
        MAPPER.writeValue(file.toFile(), root);

        Report report = parseFile(file, ParseOptions.DEFAULTS);

        assertThat(report.findings()).hasSize(3);
        assertThat(report.summary().duplicates()).isEqualTo(1);
        assertThat(report.findings()).extracting(Finding::severity)
                .containsExactly(Severity.LOW, Severity.MEDIUM, Severity.MEDIUM);
        assertThat(report.summary().warnings()).singleElement().asString().contains("'EXPERIMENT'");
    }

    @Test
    void ignoredResultsAreSkippedUnlessAsked(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Samples.sample("semgrep/cwe_list.json").toFile());
        ((ObjectNode) root.get("results").get(0).get("extra")).put("is_ignored", true);
        Path file = dir.resolve("semgrep.json");
        MAPPER.writeValue(file.toFile(), root);

        Report skipped = parseFile(file, ParseOptions.DEFAULTS);
        assertThat(skipped.findings()).isEmpty();
        assertThat(skipped.summary().suppressed()).isEqualTo(1);

        Report kept = parseFile(file, ParseOptions.DEFAULTS.withIncludeSuppressed(true));
        assertThat(kept.findings()).singleElement().matches(Finding::suppressed);
    }

    @Test
    void loginPlaceholdersAreNotSnippetsOrFingerprints(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Samples.sample("semgrep/cwe_list.json").toFile());
        ObjectNode extra = (ObjectNode) root.get("results").get(0).get("extra");
        extra.put("lines", "requires login");
        extra.put("fingerprint", "requires login");
        Path file = dir.resolve("semgrep.json");
        MAPPER.writeValue(file.toFile(), root);

        Finding finding = parseFile(file, ParseOptions.DEFAULTS).findings().get(0);

        assertThat(finding.primaryLocation().snippet()).isEmpty();
        assertThat(finding.fingerprint().basis()).isEqualTo("line");
    }

    @Test
    void aResultThatIsNotAnObjectIsNamedByItsPointer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("semgrep.json");
        Files.writeString(file, "{\"results\": [{\"check_id\": \"a.b\"}, 42], \"errors\": []}");

        assertThatThrownBy(() -> parseFile(file, ParseOptions.DEFAULTS))
                .isInstanceOf(ReportException.class)
                .hasMessage(file + ": at /results/1: expected a result object");
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Report parseFile(Path file, ParseOptions options) throws ReportException {
        List<Finding> findings = new ArrayList<>();
        var summary = parser().parse(ReportInput.of(file), options, findings::add);
        return new Report(file.toString(), parser().format(), findings, summary);
    }

    private static Map<Severity, Long> countBySeverity(Report report) {
        return report.findings().stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
    }

}
