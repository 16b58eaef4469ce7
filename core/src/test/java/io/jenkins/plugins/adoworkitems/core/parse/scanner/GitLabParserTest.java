package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import io.jenkins.plugins.adoworkitems.core.parse.AbstractParserTest;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
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

class GitLabParserTest extends AbstractParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    protected ReportParser parser() {
        return new GitLabParser();
    }

    @Test
    void countsOneFindingPerVulnerabilityAndUnknownAsMedium() throws ReportException {
        Report report = parse("gitlab/gl-sast-report-many-vuln_v15.json");

        assertThat(report.findings()).hasSize(467);
        Map<Severity, Long> bySeverity = report.findings().stream()
                .collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        // 266 Unknown (ESLint gives none) + 143 Medium
        assertThat(bySeverity).containsExactlyInAnyOrderEntriesOf(Map.of(Severity.MEDIUM, 409L, Severity.LOW, 41L,
                Severity.CRITICAL, 13L, Severity.HIGH, 4L));
        assertThat(report.findings().stream().filter(f -> f.originalSeverity().equals("Unknown"))).hasSize(266);
        assertThat(report.summary().warnings()).singleElement().asString().contains("'Unknown'");
        // this report names no scanner at all
        assertThat(report.findings()).extracting(Finding::tool).containsOnly(new Tool("GitLab", ""));
        assertThat(report.findings()).allMatch(f -> f.fingerprint().basis().equals("line"));
        assertThat(report.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
    }

    @Test
    void readsASastLocationAndItsPrimaryIdentifierAsTheRule() throws ReportException {
        Finding bandit = parse("gitlab/gl-sast-report-many-vuln_v15.json").findings().stream()
                .filter(f -> f.primaryLocation().path().equals("tests/check_status.py")).findFirst().orElseThrow();

        assertThat(bandit.rule().id()).isEqualTo("B501");
        assertThat(bandit.rule().helpUri())
                .isEqualTo("https://docs.openstack.org/bandit/latest/plugins/b501_request_with_no_cert_validation.html");
        assertThat(bandit.severity()).isEqualTo(Severity.HIGH);
        assertThat(bandit.primaryLocation()).isEqualTo(new Location("tests/check_status.py", 61, 0, 61, 0, "", ""));
        assertThat(bandit.identifiers()).containsExactly(new Identifier("BANDIT_TEST_ID", "B501"));
        assertThat(bandit.asset().isNone()).isTrue();
    }

    @Test
    void takesTheScannerNamedInTheEntry() throws ReportException {
        Finding finding = parse("gitlab/gl-sast-report-1-vuln_v14.json").findings().get(0);

        assertThat(finding.tool()).isEqualTo(new Tool("TruffleHog", ""));
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.rule().id()).isEqualTo("Password in URL");
        assertThat(finding.rule().name()).isEqualTo("Password in URL");
        assertThat(finding.message()).isEqualTo("Password in URL detected; please remove and revoke it if this is a leak.");
        assertThat(finding.primaryLocation().display()).isEqualTo("docker-compose.override.unit_tests.yml:19");
        assertThat(finding.properties()).containsEntry("category", "sast").containsEntry("confidence", "Unknown");
    }

    @Test
    void dependencyScanningGivesPackageAssets() throws ReportException {
        Report report = parse("gitlab/dep-gl-dependency-scanning-report-many-vuln_v15.json");

        assertThat(report.findings()).hasSize(6);
        assertThat(report.findings()).extracting(Finding::severity).containsExactly(Severity.HIGH, Severity.HIGH,
                Severity.HIGH, Severity.HIGH, Severity.HIGH, Severity.MEDIUM);
        Finding crypto = report.findings().get(0);
        assertThat(crypto.tool()).isEqualTo(new Tool("Gemnasium", "2.24.1"));
        assertThat(crypto.asset()).isEqualTo(Asset.ofPackage("go", "golang.org/x/crypto",
                "v0.0.0-20190219172222-a4c6cb3142f2", "v0.0.0-20201216223049-8b5274cf687f", "service/go.sum"));
        assertThat(crypto.rule().id()).isEqualTo("ffb814a0-404c-11eb-b378-0242ac130002");
        assertThat(crypto.identifier("CVE")).isEqualTo("CVE-2020-29652");
        assertThat(crypto.identifier("GEMNASIUM")).isEqualTo("ffb814a0-404c-11eb-b378-0242ac130002");
        assertThat(crypto.properties()).containsEntry("category", "dependency_scanning")
                .containsEntry("links", "https://go-review.googlesource.com/c/crypto/+/278852, "
                        + "https://groups.google.com/g/golang-announce/c/ouZIlBimOsE?pli=1, "
                        + "https://nvd.nist.gov/vuln/detail/CVE-2020-29652");
        assertThat(crypto.primaryLocation()).isEqualTo(Location.of("service/go.sum", 0));
        // GitLab's ids differ per entry but are not used: the package is the identity, as for other scanners
        assertThat(report.findings()).allMatch(f -> f.fingerprint().basis().equals("package"));
        assertThat(report.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
        Finding yaml = report.findings().get(5);
        assertThat(yaml.originalSeverity()).isEqualTo("Unknown");
        assertThat(yaml.identifier("CVE")).isEmpty();
        assertThat(yaml.asset().fixedVersion()).isEqualTo("2.2.3");
    }

    @Test
    void emptyReportHasNoFindings() throws ReportException {
        Report report = parse("gitlab/gl-sast-report-0-vuln.json");

        assertThat(report.findings()).isEmpty();
        assertThat(report.summary()).isEqualTo(new ParseSummary(0, 0, 0, 0, 0, List.of("GitLab"), List.of()));
    }

    @Test
    void identicalVulnerabilitiesCountOnceAndCweIdentifiersAreRead(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Samples.sample("gitlab/gl-sast-report-1-vuln_v14.json").toFile());
        ArrayNode vulnerabilities = (ArrayNode) root.get("vulnerabilities");
        vulnerabilities.add(vulnerabilities.get(0).deepCopy());
        ObjectNode second = vulnerabilities.get(0).deepCopy();
        second.put("severity", "Serious");
        ((ArrayNode) second.get("identifiers")).addObject().put("type", "cwe").put("value", "798");
        vulnerabilities.add(second);
        Path file = dir.resolve("gl-sast-report.json");
        MAPPER.writeValue(file.toFile(), root);

        Report report = parseFile(file);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.summary().duplicates()).isEqualTo(1);
        Finding withCwe = report.findings().get(1);
        assertThat(withCwe.rule().cwes()).containsExactly("CWE-798");
        assertThat(withCwe.identifier("CWE")).isEqualTo("CWE-798");
        assertThat(withCwe.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(report.summary().warnings()).singleElement().asString().contains("'Serious'");
    }

    @Test
    void aReportWhoseVulnerabilitiesAreNotAListIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gl-sast-report.json");
        Files.writeString(file, "{\"version\": \"15.0.0\", \"vulnerabilities\": {}}");

        assertThatThrownBy(() -> parseFile(file)).isInstanceOf(ReportException.class)
                .hasMessage(file + ": at /vulnerabilities: expected an array, found object");
    }

    private Report parseFile(Path file) throws ReportException {
        List<Finding> findings = new ArrayList<>();
        ParseSummary summary = parser().parse(ReportInput.of(file), ParseOptions.DEFAULTS, findings::add);
        return new Report(file.toString(), parser().format(), findings, summary);
    }
}
