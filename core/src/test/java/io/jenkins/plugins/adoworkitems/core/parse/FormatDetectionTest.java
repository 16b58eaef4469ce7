package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Detection by structure, wherever a format's telltale keys sit: every format with its keys in an unusual order and
 * more than 64 KiB (a padding field, or a big array of entries) before them, which the old detection, reading only
 * the first 64 KiB, could not see. Generated from inline content and the project's examples; no shared data.
 */
class FormatDetectionTest {
    /** What the old detection read, and what each report here puts before its telltale keys. */
    private static final int OLD_HEAD = 64 * 1024;
    private static final String PAD = "\"padding\": \"" + "x".repeat(70 * 1024) + "\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** Each report: its format, its text, and the keys (or XML root) that only come after the first 64 KiB. */
    static Stream<Arguments> reports() {
        return Stream.of(
                report(ReportFormat.SARIF, """
                        {PAD, "runs": [{"tool": {"driver": {"name": "T"}}, "results": []}], "version": "2.1.0"}""",
                        "\"runs\"", "\"version\""),
                report(ReportFormat.TRIVY, """
                        {PAD, "Results": [], "ArtifactName": "app:1", "SchemaVersion": 2}""",
                        "\"SchemaVersion\"", "\"Results\"", "\"ArtifactName\""),
                report(ReportFormat.TRIVY, """
                        {PAD, "Resources": [], "ClusterName": "prod"}""", "\"ClusterName\""),
                report(ReportFormat.TRIVY, """
                        [{PAD, "Vulnerabilities": null, "Type": "npm", "Target": "package-lock.json"}]""",
                        "\"Target\"", "\"Vulnerabilities\""),
                report(ReportFormat.GRYPE, """
                        {PAD, "descriptor": {"name": "grype", "version": "0.74.0"},
                         "source": {"type": "directory", "target": "."}, "matches": []}""",
                        "\"matches\"", "\"descriptor\""),
                report(ReportFormat.GRYPE, "{\"matches\": [" + String.join(",", Collections.nCopies(300, """
                        {"vulnerability": {"id": "CVE-2023-0001", "severity": "High", "description": "Broken."},
                         "relatedVulnerabilities": [], "matchDetails": [],
                         "artifact": {"name": "lib", "version": "1.0", "type": "java-archive",
                                      "locations": [{"path": "/app/lib.jar"}]}}"""))
                        + "], \"source\": {\"type\": \"directory\", \"target\": \".\"},"
                        + " \"descriptor\": {\"name\": \"grype\", \"version\": \"0.74.0\"}}",
                        "\"descriptor\"", "grype"),
                report(ReportFormat.DEPENDENCY_CHECK, """
                        {PAD, "dependencies": [], "scanInfo": {"engineVersion": "9.0.9"}, "reportSchema": "1.1"}""",
                        "\"dependencies\"", "\"scanInfo\"", "\"reportSchema\""),
                report(ReportFormat.DEPENDENCY_CHECK, """
                        <?xml version="1.0"?>
                        <!-- PAD -->
                        <analysis xmlns="https://jeremylong.github.io/DependencyCheck/dependency-check.2.5.xsd">
                        <scanInfo><engineVersion>9.0.9</engineVersion></scanInfo>
                        <projectInfo><name>p</name></projectInfo><dependencies/></analysis>""", "<analysis"),
                report(ReportFormat.SNYK, """
                        {PAD, "projectName": "p", "dependencyCount": 1, "packageManager": "npm", "ok": true,
                         "vulnerabilities": []}""", "\"vulnerabilities\"", "\"packageManager\"", "\"projectName\""),
                report(ReportFormat.SNYK, """
                        [{PAD, "projectName": "p", "packageManager": "npm", "dependencyCount": 1, "ok": true,
                          "vulnerabilities": []}]""", "\"vulnerabilities\"", "\"packageManager\""),
                report(ReportFormat.ZAP, """
                        <?xml version="1.0"?>
                        <!-- PAD -->
                        <OWASPZAPReport version="2.9.0" generated="now">
                        <site name="https://a.example" host="a.example" port="443" ssl="true"><alerts/></site>
                        </OWASPZAPReport>""", "<OWASPZAPReport"),
                report(ReportFormat.ZAP, """
                        {PAD, "site": [{"@name": "https://a.example", "@host": "a.example", "@port": "443",
                         "@ssl": "true", "alerts": []}], "@version": "2.11.1", "@programName": "ZAP"}""",
                        "\"site\"", "\"@programName\""),
                report(ReportFormat.SEMGREP, """
                        {"errors": [], "results": [{PAD, "end": {"line": 2, "col": 1},
                         "extra": {"message": "m", "severity": "ERROR", "lines": "x"}, "path": "a.py",
                         "start": {"line": 1, "col": 1}, "check_id": "rules.x"}], "version": "1.84.1"}""",
                        "\"check_id\""),
                report(ReportFormat.SEMGREP, """
                        {PAD, "errors": [], "results": []}""", "\"results\"", "\"errors\""),
                report(ReportFormat.GITLEAKS, """
                        [{PAD, "StartLine": 3, "File": "app.env", "Description": "Generic API Key",
                          "Commit": "abc123", "RuleID": "generic-api-key"}]""", "\"RuleID\""),
                report(ReportFormat.GITLEAKS, """
                        [{PAD, "lineNumber": 3, "file": "app.env", "commit": "abc123", "rule": "AWS Access Key"}]""",
                        "\"rule\"", "\"lineNumber\""),
                report(ReportFormat.GITLEAKS, " ".repeat(70 * 1024) + "null", "null"),
                report(ReportFormat.GITLEAKS, "\n".repeat(70 * 1024) + "[ ]", "[ ]"),
                report(ReportFormat.NPM_AUDIT, """
                        {PAD, "metadata": {"vulnerabilities": {}}, "vulnerabilities": {}, "auditReportVersion": 2}""",
                        "\"auditReportVersion\""),
                report(ReportFormat.GITLAB, """
                        {PAD, "scan": {"analyzer": {"id": "semgrep"}, "type": "sast",
                         "scanner": {"id": "semgrep", "name": "Semgrep", "version": "1.0"}},
                         "vulnerabilities": [], "version": "15.0.4"}""", "\"vulnerabilities\"", "\"scan\""),
                report(ReportFormat.GITLAB, """
                        {PAD, "remediations": [], "vulnerabilities": [], "version": "2.3"}""",
                        "\"vulnerabilities\"", "\"remediations\""),
                report(ReportFormat.GITLAB, """
                        {"vulnerabilities": [{PAD, "location": {"file": "a.py", "start_line": 3},
                         "identifiers": [{"type": "cwe", "name": "CWE-798", "value": "798"}],
                         "severity": "High", "name": "Hard-coded password", "id": "1"}], "version": "15.0.4"}""",
                        "\"identifiers\"", "\"location\""));
    }

    private static Arguments report(ReportFormat format, String text, String... telltales) {
        return Arguments.of(format, text.replace("PAD", PAD), List.of(telltales));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("reports")
    void everyFormatIsDetectedWithItsKeysAnywhere(ReportFormat format, String text, List<String> telltales)
            throws Exception {
        for (String telltale : telltales) {
            assertThat(text.indexOf(telltale)).as("beyond what the old detection read: " + telltale)
                    .isGreaterThan(OLD_HEAD);
        }
        Path file = write(text);

        assertThat(new FormatDetector(Parsers.all()).detect(ReportInput.of(file)).format()).isEqualTo(format);
        assertThat(new FindingsReader().read(ReportInput.of(file), Optional.empty()).format()).isEqualTo(format);
    }

    /** The case of the issue: a real Grype report once said "unknown report format". */
    @Test
    void grypeWithItsDescriptorAfterALargeMatchesArrayIsGrype() throws Exception {
        Arguments grype = reports().filter(arguments -> arguments.get()[0] == ReportFormat.GRYPE)
                .filter(arguments -> ((String) arguments.get()[1]).startsWith("{\"matches\"")).findFirst().orElseThrow();
        String text = (String) grype.get()[1];
        String head = text.substring(0, OLD_HEAD);
        assertThat(head).as("the old detection's view: matches, but neither descriptor nor the word grype")
                .contains("\"matches\"").doesNotContain("\"descriptor\"").doesNotContain("grype");

        Report report = new FindingsReader().read(ReportInput.of(write(text)), Optional.empty());
        assertThat(report.format()).isEqualTo(ReportFormat.GRYPE);
        assertThat(report.findings()).hasSize(1);
        assertThat(report.summary().duplicates()).isEqualTo(299);
    }

    /** The project's own examples with their telltale keys moved behind more than 64 KiB of findings. */
    @Test
    void examplesWithTheirTelltaleKeysLastAreStillDetected() throws Exception {
        ObjectNode trivy = (ObjectNode) JSON.readTree(Samples.example("trivy-image.json").toFile());
        grow((ArrayNode) trivy.get("Results"));
        moveLast(trivy, "SchemaVersion", "ArtifactName");
        Path trivyFile = write(JSON.writeValueAsString(trivy));
        assertThat(Files.readString(trivyFile).indexOf("\"SchemaVersion\"")).isGreaterThan(OLD_HEAD);
        assertThat(new FindingsReader().read(ReportInput.of(trivyFile), Optional.empty()).format())
                .isEqualTo(ReportFormat.TRIVY);

        ObjectNode sarif = (ObjectNode) JSON.readTree(Samples.example("codeql-webapp.sarif").toFile());
        grow((ArrayNode) sarif.get("runs").get(0).get("results"));
        moveLast(sarif, "version", "$schema");
        Path sarifFile = write(JSON.writeValueAsString(sarif));
        assertThat(Files.readString(sarifFile).indexOf("\"$schema\"")).isGreaterThan(OLD_HEAD);
        assertThat(new FindingsReader().read(ReportInput.of(sarifFile), Optional.empty()).format())
                .isEqualTo(ReportFormat.SARIF);
    }

    /** Repeats the array's entries until it holds more than 64 KiB; the copies are counted as duplicates. */
    private static void grow(ArrayNode entries) throws IOException {
        List<JsonNode> originals = new ArrayList<>();
        entries.forEach(originals::add);
        while (JSON.writeValueAsBytes(entries).length <= OLD_HEAD) {
            originals.forEach(entry -> entries.add(entry.deepCopy()));
        }
    }

    private static void moveLast(ObjectNode object, String... keys) {
        for (String key : keys) {
            JsonNode value = object.remove(key);
            object.set(key, value);
        }
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        Path file = temp.resolve("bom.json");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Files.writeString(file, "{" + PAD + ", \"auditReportVersion\": 2, \"vulnerabilities\": {}}",
                StandardOpenOption.APPEND);
        assertThat(new FormatDetector(Parsers.all()).detect(ReportInput.of(file)).format())
                .isEqualTo(ReportFormat.NPM_AUDIT);
    }

    /**
     * Detection stops as soon as a parser recognises what it has read: a SARIF log whose {@code $schema} and
     * {@code version} come first is SARIF at its {@code runs} key, whatever follows (here something broken, which
     * the parser then reports).
     */
    @Test
    void detectionStopsAtTheFirstKeysThatTellTheFormat() throws Exception {
        Path file = write("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\","
                + " \"runs\": [{\"results\": [oops");
        assertThat(new FormatDetector(Parsers.all()).detect(ReportInput.of(file)).format()).isEqualTo(ReportFormat.SARIF);
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(file), Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class,
                        e -> assertThat(e.reason()).startsWith("malformed JSON"));
    }

    /** A document that breaks before its format shows is reported as broken, where it breaks. */
    @Test
    void brokenJsonBeforeTheTelltaleKeysIsReportedWithItsPosition() throws Exception {
        Path truncated = write("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-2023-0001\"");
        assertThatThrownBy(() -> new FindingsReader().read(new ReportInput("cut.json", truncated), Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).matches("line 1, column \\d+, at /matches/0/vulnerability/id");
                    assertThat(e.reason()).isEqualTo("unexpected end of input: the file is truncated or incomplete");
                });

        Path broken = write("{\"results\": [1 2]}");
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(broken), Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).startsWith("line 1, column 16");
                    assertThat(e.reason()).startsWith("malformed JSON");
                });
    }

    @Test
    void contentThatIsNeitherJsonNorXmlIsAnUnknownFormat() throws Exception {
        Path yaml = write("runs:\n  - tool: x\n");
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(yaml), Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason())
                        .isEqualTo("unknown report format: the file is neither JSON nor XML"));
    }

    /** Structure, not words: the keys must be where the format has them and of its kinds. */
    @Test
    void keysInTheWrongPlaceOrOfTheWrongKindDoNotCount() throws Exception {
        FormatDetector detector = new FormatDetector(Parsers.all());
        for (String text : List.of(
                // SARIF's keys one level down
                "{\"log\": {\"runs\": [], \"version\": \"2.1.0\"}}",
                // a SARIF log is never Semgrep JSON, though it has results and check_id
                "{\"runs\": [], \"results\": [{\"check_id\": \"x\"}]}",
                // the word grype without Grype's structure
                "{\"matches\": [], \"note\": \"scanned by grype\"}",
                // Snyk's identifiers is an object and it has no location: not GitLab's entry shape
                "{\"vulnerabilities\": [{\"identifiers\": {\"CVE\": []}, \"title\": \"t\"}]}",
                // an array of numbers, and an object whose first entry is no leak
                "[1, 2, 3]", "[{\"name\": \"x\"}]", "{}", "\"text\"")) {
            assertThatThrownBy(() -> detector.detect(ReportInput.of(write(text)))).as(text)
                    .hasMessageContaining("unknown report format");
        }
    }

    /** A DOCTYPE is refused as soon as it is seen, before the root element tells the format. */
    @Test
    void anXmlReportWithADoctypeIsRefusedByDetection() throws Exception {
        Path file = temp.resolve("zap.xml");
        Files.writeString(file, "<?xml version=\"1.0\"?><!DOCTYPE OWASPZAPReport [<!ENTITY a \"b\">]>"
                + "<OWASPZAPReport version=\"2.9.0\"><site name=\"&a;\"><alerts/></site></OWASPZAPReport>");
        assertThatThrownBy(() -> new FormatDetector(Parsers.all()).detect(ReportInput.of(file)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).contains("DOCTYPE"));
    }

    @Test
    void anEmptyFileIsEmpty() throws Exception {
        for (String text : List.of("", "  \n", "\uFEFF")) {
            assertThatThrownBy(() -> new FormatDetector(Parsers.all()).detect(ReportInput.of(write(text))))
                    .as(text).isInstanceOfSatisfying(ReportException.class,
                            e -> assertThat(e.reason()).contains("the file is empty"));
        }
    }

    /** The shape keeps keys, kinds and short scalar values, nothing of the findings. */
    @Test
    void theShapeKeepsKeysKindsAndShortValues() throws Exception {
        Path file = write("{\"version\": \"" + "9".repeat(1000) + "\", \"scan\": {\"scanner\": {}, \"type\": \"sast\"},"
                + " \"vulnerabilities\": [{\"id\": \"1\", \"identifiers\": []}, {\"other\": 1}], \"remediations\": []}");
        ReportShape shape = FormatDetector.shape(ReportInput.of(file), ParseOptions.DEFAULTS, read -> false);
        assertThat(shape.isObject()).isTrue();
        assertThat(shape.members().keySet()).containsExactly("version", "scan", "vulnerabilities", "remediations");
        assertThat(shape.text("version")).hasSize(ReportShape.Value.MAX_TEXT);
        assertThat(shape.keysOf("scan")).containsExactly(Map.entry("scanner", ReportShape.Kind.OBJECT),
                Map.entry("type", ReportShape.Kind.STRING));
        assertThat(shape.keysOf("vulnerabilities")).containsOnlyKeys("id", "identifiers");
        assertThat(shape.isEmptyArray("remediations")).isTrue();
        assertThat(shape.isEmptyArray("vulnerabilities")).isFalse();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(temp, "report", ".json"), text, StandardCharsets.UTF_8);
    }
}
