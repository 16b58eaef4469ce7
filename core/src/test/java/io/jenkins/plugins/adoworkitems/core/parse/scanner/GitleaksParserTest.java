package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitleaksParserTest extends AbstractParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The fields in which Gitleaks writes the secret itself. */
    private static final List<String> SECRET_FIELDS = List.of("Secret", "Match", "Line", "offender", "line");

    @Override
    protected ReportParser parser() {
        return new GitleaksParser();
    }

    @Test
    void readsVersion8Leaks() throws ReportException {
        Report report = parse("gitleaks/gitleaks8_many.json");

        assertThat(report.findings()).hasSize(4).allMatch(f -> f.severity() == Severity.HIGH);
        Finding apiKey = report.findings().get(3);
        assertThat(apiKey.tool().name()).isEqualTo("Gitleaks");
        assertThat(apiKey.rule().id()).isEqualTo("generic-api-key");
        assertThat(apiKey.rule().name()).isEqualTo("Generic API Key");
        assertThat(apiKey.message()).isEqualTo("Possible leaked secret (Generic API Key) in tests/api.py");
        assertThat(apiKey.primaryLocation()).isEqualTo(new Location("tests/api.py", 21, 10, 21, 46, "", ""));
        assertThat(apiKey.properties())
                .containsEntry("commit", "69235ea9ea4d59e18e2cc3c295526de46aa1365c1f0c7a95a22ff1537acdf517")
                .containsEntry("author", "John Doe")
                .containsEntry("date", "2016-09-16T18:17:59Z")
                .containsEntry("entropy", "4.132944")
                .doesNotContainKeys("email", "Email", "message");
        assertThat(apiKey.toString()).doesNotContain("john.doe@example.com");
        assertThat(report.findings().get(2).rule().tags()).containsExactly("tag1", "tag2");
    }

    @Test
    void fingerprintIsBuiltTheWayGitleaksBuildsItsOwn(@TempDir Path dir) throws Exception {
        List<Finding> findings = parse("gitleaks/gitleaks8_many.json").findings();
        // the same AWS key on the same line in two commits is two leaks, as Gitleaks counts them
        assertThat(findings.get(0).fingerprint()).isNotEqualTo(findings.get(1).fingerprint());
        assertThat(findings).allMatch(f -> f.fingerprint().basis().equals("tool:gitleaks"));

        // a newer Gitleaks writes the field itself, with the same value: the identity does not change
        ArrayNode leaks = (ArrayNode) MAPPER.readTree(Samples.sample("gitleaks/gitleaks8_many.json").toFile());
        ((ObjectNode) leaks.get(3)).put("Fingerprint",
                "69235ea9ea4d59e18e2cc3c295526de46aa1365c1f0c7a95a22ff1537acdf517:tests/api.py:generic-api-key:21");
        ((ObjectNode) leaks.get(2)).put("Fingerprint", "conf/rsa.pk:RSA-PK:99");
        Path file = dir.resolve("gitleaks.json");
        MAPPER.writeValue(file.toFile(), leaks);
        List<Finding> withField = parseFile(file).findings();

        assertThat(withField.get(3).fingerprint()).isEqualTo(findings.get(3).fingerprint());
        assertThat(withField.get(2).fingerprint()).isNotEqualTo(findings.get(2).fingerprint());
    }

    @Test
    void readsVersion7Leaks() throws ReportException {
        Report report = parse("gitleaks/redacted_data_many.json");

        assertThat(report.findings()).hasSize(6).allMatch(f -> f.severity() == Severity.HIGH);
        Finding first = report.findings().get(0);
        assertThat(first.rule().id()).isEqualTo("AWS Access Key");
        assertThat(first.rule().tags()).containsExactly("key", "AWS");
        assertThat(first.primaryLocation()).isEqualTo(Location.of("overlays/server/config/server-config.yml", 224));
        assertThat(first.properties())
                .containsEntry("commit", "b13740279fb0145e4dce1d5bae6dfcc08a7767bb")
                .containsEntry("author", "Some User")
                .containsEntry("date", "2021-04-19T22:42:05+03:00");
        assertThat(first.fingerprint().basis()).isEqualTo("tool:gitleaks");
        assertThat(report.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
    }

    @Test
    void noLeakIsNoFinding() throws ReportException {
        Report report = parse("gitleaks/no_findings.json");

        assertThat(report.findings()).isEmpty();
        assertThat(report.summary()).isEqualTo(new ParseSummary(0, 0, 0, 0, 0, List.of("Gitleaks"), List.of()));
    }

    @Test
    void noSecretFromAnySampleReachesAFinding() throws Exception {
        for (String sample : samples()) {
            List<String> secrets = new ArrayList<>();
            JsonNode leaks = MAPPER.readTree(Samples.sample(sample).toFile());
            for (JsonNode leak : leaks) {
                SECRET_FIELDS.stream().map(leak::get).filter(v -> v != null && !v.asText().isBlank())
                        .forEach(v -> secrets.add(v.asText().strip()));
            }
            for (Finding finding : parse(sample).findings()) {
                String everything = finding.toString() + roundTrip(finding);
                for (String secret : secrets) {
                    assertThat(everything).as(sample).doesNotContain(secret);
                }
            }
            if (!sample.endsWith("no_findings.json")) {
                assertThat(secrets).as(sample).isNotEmpty();
            }
        }
    }

    @Test
    void identicalLeaksCountOnce(@TempDir Path dir) throws Exception {
        ArrayNode leaks = (ArrayNode) MAPPER.readTree(Samples.sample("gitleaks/redacted_data_many.json").toFile());
        leaks.add(leaks.get(5).deepCopy());
        Path file = dir.resolve("gitleaks.json");
        MAPPER.writeValue(file.toFile(), leaks);

        Report report = parseFile(file);

        assertThat(report.findings()).hasSize(6);
        assertThat(report.summary().duplicates()).isEqualTo(1);
    }

    @Test
    void anObjectIsNotAGitleaksReport(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gitleaks.json");
        Files.writeString(file, "{\"RuleID\": \"x\"}");

        assertThatThrownBy(() -> parseFile(file)).isInstanceOf(ReportException.class)
                .hasMessage(file + ": at /: expected a Gitleaks JSON array of leaks");
    }

    private Report parseFile(Path file) throws ReportException {
        List<Finding> findings = new ArrayList<>();
        ParseSummary summary = parser().parse(ReportInput.of(file), ParseOptions.DEFAULTS, findings::add);
        return new Report(file.toString(), parser().format(), findings, summary);
    }
}
