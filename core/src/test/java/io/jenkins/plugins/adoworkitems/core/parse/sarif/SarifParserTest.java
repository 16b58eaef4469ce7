package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.AbstractParserTest;
import io.jenkins.plugins.adoworkitems.core.parse.FormatDetector;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.Parsers;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SarifParserTest extends AbstractParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new SarifParser();
    }

    /** Malformed copies of SARIF logs: SARIF's to reject, each with its own clear error. */
    @Override
    protected Set<String> alsoRecognised() {
        // bad/invalid-utf8.sarif breaks inside its runs, before its $schema and version say SARIF
        return Set.of("bad/truncated-codeql.sarif", "bad/unknown-version.sarif");
    }

    @Test
    void codeQlFindingsWithRuleDefaultLevelsLocationsAndCwes() throws ReportException {
        Report report = parse("sarif/codeQL-output.sarif");

        // 72 results, none with a level: the rules' defaults are 11 error, 4 warning, 57 note.
        assertThat(report.summary()).isEqualTo(new ParseSummary(72, 0, 0, 0, 0, List.of("CodeQL"), List.of()));
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.HIGH).hasSize(11);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.MEDIUM).hasSize(4);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.LOW).hasSize(57);

        Finding first = report.findings().get(0);
        assertThat(first.tool().name()).isEqualTo("CodeQL");
        assertThat(first.tool().version()).isEqualTo("2.5.4");
        assertThat(first.rule().id()).isEqualTo("py/empty-except");
        assertThat(first.rule().shortDescription()).isEqualTo("Empty except");
        assertThat(first.rule().fullDescription()).isEqualTo("Except doesn't do anything and has no comment");
        assertThat(first.rule().cwes()).containsExactly("CWE-390");
        assertThat(first.identifier("CWE")).isEqualTo("CWE-390");
        assertThat(first.level()).isEqualTo("note");
        assertThat(first.originalSeverity()).isEqualTo("note");
        assertThat(first.message()).isEqualTo("'except' clause does nothing but pass and there is no explanatory comment.");
        Location location = first.primaryLocation();
        assertThat(location.path()).isEqualTo("good/db_init.py");
        assertThat(location).extracting(Location::startLine, Location::startColumn, Location::endLine,
                Location::endColumn).containsExactly(39, 5, 39, 30);
        assertThat(location.snippet()).contains("os.remove('db_users.sqlite')");
        assertThat(first.properties()).containsEntry("precision", "high")
                .containsEntry("problem.severity", "recommendation");
        assertThat(first.fingerprint().basis())
                .isEqualTo("tool:primaryLocationLineHash,primaryLocationStartColumnFingerprint");

        Finding withRelated = report.findings().get(7);
        assertThat(withRelated.rule().id()).isEqualTo("py/call/wrong-named-argument");
        assertThat(withRelated.relatedLocations()).singleElement()
                .extracting(Location::path, Location::startLine, Location::message)
                .containsExactly("bad/libsession.py", 5, "function create");
    }

    @Test
    void ruleHelpTextAndUri() throws ReportException {
        Finding finding = parse("sarif/taint-python-report.sarif").findings().get(0);

        assertThat(finding.rule().id()).isEqualTo("taint-xmli");
        assertThat(finding.rule().name()).isEqualTo("XML Injection");
        assertThat(finding.rule().helpUri()).isEqualTo("https://cwe.mitre.org/data/definitions/91.html");
        assertThat(finding.rule().helpText()).startsWith("The software does not properly neutralize special elements");
        assertThat(finding.baselineState()).isEqualTo(BaselineState.NEW);
    }

    @Test
    void cweFromARelationshipToTheCweTaxonomyAndPassResultsAreNotFindings() throws ReportException {
        Report report = parse("sarif/flawfinder.sarif");

        // 54 results, one of kind "pass".
        assertThat(report.summary().findings()).isEqualTo(53);
        assertThat(report.summary().ignored()).isEqualTo(1);
        Finding first = report.findings().get(0);
        assertThat(first.rule().id()).isEqualTo("FF1048");
        assertThat(first.rule().cwes()).containsExactly("CWE-327");
        assertThat(first.severity()).isEqualTo(Severity.HIGH);
        assertThat(first.fingerprint().basis()).isEqualTo("tool:contextHash/v1");
        assertThat(first.primaryLocation().snippet()).isEqualTo("      is.setstate(std::ios::failbit);");
    }

    @Test
    void suppressedResultsAreSkippedAndCountedUnlessWanted() throws ReportException {
        // Three results carry a suppression without status, one none and one an empty list.
        Report skipped = parse("sarif/suppression_test.sarif");
        assertThat(skipped.summary().findings()).isEqualTo(2);
        assertThat(skipped.summary().suppressed()).isEqualTo(3);
        assertThat(skipped.findings()).extracting(f -> f.rule().id()).containsExactly("TST0004", "TST0005");
        assertThat(skipped.findings()).extracting(f -> f.primaryLocation().path())
                .containsExactly("C:/code/file4.c", "C:/code/file5.c");

        Report kept = parse("sarif/suppression_test.sarif", ParseOptions.DEFAULTS.withIncludeSuppressed(true));
        assertThat(kept.summary().findings()).isEqualTo(5);
        assertThat(kept.summary().suppressed()).isZero();
        assertThat(kept.findings()).extracting(Finding::suppressed).containsExactly(true, true, true, false, false);

        Report current = parse("sarif/SuppressionTestCurrent.sarif");
        assertThat(current.summary().findings()).isEqualTo(1);
        assertThat(current.summary().suppressed()).isEqualTo(3);
        assertThat(current.findings().get(0).message()).isEqualTo("Existing, originally suppressed result.");
    }

    @Test
    void suppressionStatusAndBaselineStateDecideWhatIsCurrent() throws Exception {
        String results = result("accepted", "\"suppressions\": [{\"kind\": \"inSource\", \"status\": \"accepted\"}]")
                + "," + result("review", "\"suppressions\": [{\"kind\": \"external\", \"status\": \"underReview\"}]")
                + "," + result("rejected", "\"suppressions\": [{\"kind\": \"external\", \"status\": \"rejected\"}]")
                + "," + result("fixed", "\"baselineState\": \"absent\"")
                + "," + result("unchanged", "\"baselineState\": \"unchanged\"");
        List<Finding> findings = new ArrayList<>();
        ParseSummary summary = parseFixture(log(tool("T", "") + ", \"results\": [" + results + "]"), findings);

        assertThat(summary.findings()).isEqualTo(3);
        assertThat(summary.suppressed()).isEqualTo(1);
        assertThat(summary.absent()).isEqualTo(1);
        assertThat(findings).extracting(f -> f.rule().id(), Finding::suppressed, Finding::baselineState).containsExactly(
                tuple("review", false, BaselineState.NONE), tuple("rejected", false, BaselineState.NONE),
                tuple("unchanged", false, BaselineState.UNCHANGED));
    }

    @Test
    void dependencyCheckLevelsPropertiesAndCveIdentifiers() throws ReportException {
        Report report = parse("sarif/dependency_check.sarif");

        // 13 results, all "level": "error", no rules in the run.
        assertThat(report.findings()).hasSize(13).allSatisfy(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.tool()).extracting("name", "version").containsExactly("Dependency-Check", "6.1.2");
        });
        Finding cve = report.findings().stream().filter(f -> f.rule().id().equals("CVE-2015-9251")).findFirst()
                .orElseThrow();
        assertThat(cve.identifier("CVE")).isEqualTo("CVE-2015-9251");
        assertThat(cve.properties()).containsEntry("cvssv3_baseScore", "6.1");
        assertThat(cve.primaryLocation().path()).startsWith("/src/.venv/lib/python3.9/site-packages/");
    }

    @Test
    void securitySeverityGivesScoreAndSeverity() throws Exception {
        String rules = "\"rules\": [{\"id\": \"R1\", \"defaultConfiguration\": {\"level\": \"note\"},"
                + " \"properties\": {\"security-severity\": \"5.5\", \"precision\": \"high\"}}]";
        String results = result("R1", "\"properties\": {\"security-severity\": \"9.8\"}")
                + "," + result("R1", "\"level\": \"error\"")
                + "," + result("R2", "\"properties\": {\"security-severity\": \"high\"}, \"level\": \"error\"")
                + "," + result("R3", "\"kind\": \"review\"");
        List<Finding> findings = new ArrayList<>();
        parseFixture(log("\"tool\": {\"driver\": {\"name\": \"S\", " + rules + "}}, \"results\": [" + results + "]"),
                findings);

        assertThat(findings).extracting(Finding::severity, Finding::score, Finding::originalSeverity, Finding::level)
                .containsExactly(tuple(Severity.CRITICAL, 9.8, "9.8", "note"),
                        tuple(Severity.MEDIUM, 5.5, "5.5", "error"),
                        tuple(Severity.HIGH, null, "error", "error"),
                        tuple(Severity.INFO, null, "none", "none"));
        assertThat(findings.get(0).properties()).containsEntry("precision", "high");
    }

    @Test
    void messageStringsWithArguments() throws ReportException {
        // SpotBugs: "message": {"id": "default", "arguments": ["Boot.main(String[])"]} and the rule's
        // "Hard coded reference to an absolute pathname in {0}."
        List<Finding> findings = parse("sarif/spotbugs.sarif").findings();

        assertThat(findings.get(0).message()).isEqualTo("Hard coded reference to an absolute pathname in Boot.main(String[]).");
        assertThat(findings.get(1).message())
                .isEqualTo("Found reliance on default encoding in Boot.writeFrags(Log, String): new java.io.FileWriter(File).");
    }

    @Test
    void placeholdersEscapesAndUnknownArguments() throws Exception {
        String rules = "\"rules\": [{\"id\": \"M\", \"messageStrings\": {\"short\": {\"markdown\": \"only {0}\"}}}]";
        String results = "{\"ruleId\": \"M\", \"message\": {\"text\": \"{0} in {{braces}} and {2}\", \"arguments\": [\"x\", \"y\"]}},"
                + "{\"ruleId\": \"M\", \"message\": {\"id\": \"short\", \"arguments\": [\"a\"]}},"
                + "{\"ruleId\": \"M\", \"message\": {\"text\": \"code {{ kept }} as written\"}}";
        List<Finding> findings = new ArrayList<>();
        parseFixture(log("\"tool\": {\"driver\": {\"name\": \"S\", " + rules + "}}, \"results\": [" + results + "]"),
                findings);

        assertThat(findings).extracting(Finding::message)
                .containsExactly("x in {braces} and {2}", "only a", "code {{ kept }} as written");
    }

    @Test
    void pathsResolveThroughUriBaseIdChainsAndArtifacts() throws Exception {
        String bases = "\"originalUriBaseIds\": {"
                + "\"REPO\": {\"uri\": \"file:///work/repo/\"},"
                + "\"SRCROOT\": {\"uri\": \"src/\", \"uriBaseId\": \"REPO\"},"
                + "\"MAIN\": {\"uri\": \"main\", \"uriBaseId\": \"SRCROOT\"}}";
        String artifacts = "\"artifacts\": [{\"location\": {\"uri\": \"lib/util.c\", \"uriBaseId\": \"SRCROOT\"}}]";
        String results = located("{\"uri\": \"App.java\", \"uriBaseId\": \"MAIN\"}")
                + "," + located("{\"uri\": \"file:///work/repo/docs/a%20b.md\", \"uriBaseId\": \"REPO\"}")
                + "," + located("{\"uri\": \"file:///work/repo/build.gradle\"}")
                + "," + located("{\"index\": 0}")
                + "," + located("{\"uri\": \"file:///C:/elsewhere/x.c\"}")
                + "," + located("{\"uri\": \".\\\\win\\\\path.cs\", \"uriBaseId\": \"UNKNOWN\"}");
        List<Finding> findings = new ArrayList<>();
        parseFixture(log(tool("T", "") + "," + bases + "," + artifacts + ", \"results\": [" + results + "]"), findings);

        assertThat(findings).extracting(f -> f.primaryLocation().path()).containsExactly(
                "src/main/App.java", "docs/a b.md", "build.gradle", "src/lib/util.c", "C:/elsewhere/x.c",
                "win/path.cs");
    }

    @Test
    void brokenBasesAndPercentEncodingStillGiveReadablePaths() throws ReportException {
        // InspectCode's base is "::::::/"; its results name rules the run does not describe at ruleIndex 0.
        Report report = parse("sarif/broken-file-path.sarif");

        assertThat(report.findings()).extracting(f -> f.primaryLocation().path(), f -> f.rule().id())
                .containsExactly(tuple("whatever/\u20acpath.cs", "FirstRule"), tuple("this/dir/file.cs", "secondRule"));
        assertThat(report.findings().get(0).tool()).extracting("name", "version")
                .containsExactly("InspectCode", "242.0.20240814.114127");
    }

    @Test
    void rulesByIndexIntoExtensionsAndCweTaxa() throws Exception {
        String tool = "\"tool\": {\"driver\": {\"name\": \"Main\", \"rules\": [{\"id\": \"D0\"}]},"
                + " \"extensions\": [{\"name\": \"pack\", \"rules\": [{\"id\": \"E0\"}, {\"id\": \"E1\", \"name\": \"ext-rule\","
                + " \"help\": {\"markdown\": \"**help**\"}, \"properties\": {\"tags\": [\"external/cwe/cwe-079\"]}}]}]}";
        String taxonomies = "\"taxonomies\": [{\"name\": \"CWE\", \"taxa\": [{\"id\": \"22\"}, {\"id\": \"89\"}]}]";
        String results = "{\"ruleId\": \"E1\", \"rule\": {\"index\": 1, \"toolComponent\": {\"index\": 0}},"
                + " \"message\": {\"text\": \"m\"}, \"taxa\": [{\"index\": 1, \"toolComponent\": {\"index\": 0}}]},"
                + "{\"rule\": {\"id\": \"E0\", \"index\": 0, \"toolComponent\": {\"name\": \"pack\"}}, \"message\": {\"text\": \"n\"}},"
                + "{\"ruleIndex\": 0, \"message\": {\"text\": \"o\"}}";
        List<Finding> findings = new ArrayList<>();
        parseFixture(log("\"results\": [" + results + "], " + taxonomies + ", " + tool), findings);

        Finding extension = findings.get(0);
        assertThat(extension.rule().name()).isEqualTo("ext-rule");
        assertThat(extension.rule().helpText()).isEqualTo("**help**");
        assertThat(extension.rule().cwes()).containsExactly("CWE-79");
        assertThat(extension.identifiers()).extracting(id -> id.value()).containsExactly("CWE-79", "CWE-89");
        assertThat(findings).extracting(f -> f.rule().id()).containsExactly("E1", "E0", "D0");
    }

    @Test
    void resultsBeforeToolAndVersionAtTheEnd() throws Exception {
        Path file = write("{\"runs\": [{\"results\": [{\"ruleId\": \"A\", \"message\": {\"text\": \"late tool\"}}],"
                + " \"tool\": {\"driver\": {\"name\": \"Late\", \"semanticVersion\": \"1.2.3\","
                + " \"rules\": [{\"id\": \"A\", \"shortDescription\": {\"text\": \"rule A\"},"
                + " \"defaultConfiguration\": {\"level\": \"error\"}}]}}},"
                + " {\"tool\": {\"driver\": {\"name\": \"Second\"}}, \"results\": [{\"message\": {\"text\": \"x\"}}]}],"
                + " \"version\": \"2.1.0-rtm.5\"}");
        List<Finding> findings = new ArrayList<>();
        parser().parse(ReportInput.of(file), ParseOptions.DEFAULTS, findings::add);

        assertThat(findings).extracting(f -> f.tool().name(), f -> f.tool().version(), f -> f.rule().shortDescription(),
                Finding::severity).containsExactly(tuple("Late", "1.2.3", "rule A", Severity.HIGH),
                tuple("Second", "", "", Severity.MEDIUM));
    }

    /**
     * SpotBugs writes originalUriBaseIds after the results, security-code-scan its tool: such metadata is read
     * ahead, by bytes for UTF-8 and by tokens from the start for other encodings, with the same findings.
     */
    @Test
    void metadataAfterTheResultsIsReadBeforeThem() throws Exception {
        String json = "{\"version\": \"2.1.0\", \"runs\": [{\"results\": ["
                + located("{\"uri\": \"App.java\", \"uriBaseId\": \"SRC\"}") + ", " + located("{\"index\": 0}")
                + "], \"columnKind\": \"utf16CodeUnits\", \"tool\": {\"driver\": {\"name\": \"After\","
                + " \"rules\": [{\"id\": \"P\", \"name\": \"late rule\"}]}},"
                + " \"originalUriBaseIds\": {\"SRC\": {\"uri\": \"src/\"}},"
                + " \"artifacts\": [{\"location\": {\"uri\": \"lib/x.c\", \"uriBaseId\": \"SRC\"}}]}]}";
        for (java.nio.charset.Charset charset : List.of(java.nio.charset.StandardCharsets.UTF_8,
                java.nio.charset.StandardCharsets.UTF_16BE)) {
            Path file = Files.writeString(temp.resolve("tail-" + charset + ".sarif"), json, charset);
            List<Finding> findings = new ArrayList<>();
            ParseSummary summary = parser().parse(ReportInput.of(file), ParseOptions.DEFAULTS, findings::add);

            assertThat(summary.tools()).as(charset.name()).containsExactly("After");
            assertThat(findings).as(charset.name()).extracting(f -> f.primaryLocation().path(), f -> f.rule().name())
                    .containsExactly(tuple("src/App.java", "late rule"), tuple("src/lib/x.c", "late rule"));
        }
    }

    /** The read-ahead meets the error first; it is still reported where it is in the file. */
    @Test
    void anErrorInMetadataAfterTheResultsNamesItsLine() throws Exception {
        Path file = write("{\"version\": \"2.1.0\", \"runs\": [{\"results\": [" + result("A", "\"level\": \"error\"")
                + "],\n\"tool\": {\"driver\": {\"name\": \"T\"},\n \"driver\": {}}}]}");

        assertThatThrownBy(() -> parser().parse(ReportInput.of(file), ParseOptions.DEFAULTS, finding -> { }))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed JSON: Duplicate field 'driver'");
                    assertThat(e.position()).startsWith("line 3, column ").endsWith("at /runs/0/tool/driver");
                });
    }

    /**
     * Results are read from tokens, not trees, and must read mistyped fields as leniently as a tree read did:
     * numbers and booleans as text, only numbers that fit an int as positions, an artifact index even as a
     * string, an object of locations like an array, non-scalar arguments and property values left out.
     */
    @Test
    void mistypedResultFieldsReadAsLenientlyAsFromATree() throws Exception {
        String result = "{\"ruleId\": 7, \"level\": true, \"kind\": null,"
                + " \"message\": {\"text\": \"{0}|{1}|{2}\", \"arguments\": [\"a\", 2, null, {\"x\": 1}, false]},"
                + " \"locations\": {\"first\": {\"physicalLocation\": {\"artifactLocation\": {\"index\": \"1\"},"
                + "   \"region\": {\"startLine\": 3.9, \"startColumn\": \"4\", \"endColumn\": 99999999999,"
                + "   \"snippet\": {\"text\": 12}}}}, \"second\": \"not a location\"},"
                + " \"relatedLocations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"r.c\"},"
                + "   \"contextRegion\": {\"snippet\": {\"text\": \"context\"}}}},"
                + "   {\"logicalLocations\": [{\"index\": 0}, {\"name\": \"ignored\"}]}, {\"logicalLocations\": {\"name\": \"x\"}}],"
                + " \"properties\": {\"security-severity\": 7.5, \"tags\": [\"t\", 1, null, [2]], \"none\": null,"
                + "   \"nested\": {\"a\": 1}, \"empty\": []},"
                + " \"partialFingerprints\": {\"p\": {\"q\": [\"v\", \" \"]}}}";
        String run = tool("T", "") + ", \"artifacts\": [{\"location\": {\"uri\": \"zero.c\"}},"
                + " {\"location\": {\"uri\": \"one.c\"}}], \"logicalLocations\": [{\"fullyQualifiedName\": \"ns.Type\"}],"
                + " \"results\": [" + result + "]";
        List<Finding> findings = new ArrayList<>();
        parseFixture("{\"version\": \"2.1.0\", \"runs\": [{" + run + "}]}", findings);

        Finding finding = findings.get(0);
        assertThat(finding.rule().id()).isEqualTo("7");
        assertThat(finding.level()).isEqualTo("true");
        assertThat(finding.kind()).isEmpty();
        assertThat(finding.message()).isEqualTo("a|2|false");
        assertThat(finding.score()).isEqualTo(7.5);
        assertThat(finding.locations()).containsExactly(new Location("one.c", 3, 0, 3, 0, "12", ""));
        assertThat(finding.relatedLocations()).containsExactly(new Location("r.c", 0, 0, 0, 0, "context", ""),
                new Location("ns.Type", 0, 0, 0, 0, "", ""));
        assertThat(finding.properties()).containsEntry("security-severity", "7.5").containsEntry("tags", "t, 1")
                .doesNotContainKeys("none", "nested", "empty");
        assertThat(finding.fingerprint().basis()).isEqualTo("tool:p.q[0]");
    }

    /**
     * A key twice in any object inside a result field the parser reads is an error, at the same place a tree read
     * reported it (after the second value), also in a large object; in fields it never reads it is not.
     */
    @Test
    void aKeyTwiceInAReadResultFieldIsAnErrorAtItsPosition() throws Exception {
        String nested = "{\"ruleId\": \"R\", \"locations\": [{\"physicalLocation\": {\"region\":"
                + " {\"startLine\": 1, \"x\": {\"y\": 1, \"y\": 22}}}}]}";
        assertThatThrownBy(() -> parseFixture(log(tool("T", "") + ", \"results\": [" + nested + "]"),
                new ArrayList<>())).isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed JSON: Duplicate field 'y'");
                    assertThat(e.position()).isEqualTo(
                            "line 1, column 254, at /runs/0/results/0/locations/0/physicalLocation/region/x/y");
                });

        StringBuilder many = new StringBuilder("{\"ruleId\": \"R\", \"properties\": {");
        for (int i = 0; i < 40; i++) {
            many.append("\"k").append(i).append("\": ").append(i).append(", ");
        }
        many.append("\"k3\": 0}}");
        assertThatThrownBy(() -> parseFixture(log(tool("T", "") + ", \"results\": [" + many + "]"),
                new ArrayList<>())).isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed JSON: Duplicate field 'k3'");
                    assertThat(e.position()).endsWith("at /runs/0/results/0/properties/k3");
                });

        String unread = result("R", "\"codeFlows\": [{\"a\": 1, \"a\": 2}], \"codeFlows\": []");
        assertThat(parseFixture(log(tool("T", "") + ", \"results\": [" + unread + "]"), new ArrayList<>())
                .findings()).isEqualTo(1);
    }

    /** The log's and a run's keys are streamed, not read as trees, and still checked. */
    @Test
    void aRunKeyTwiceIsAnError() throws Exception {
        Path file = write("{\"version\": \"2.1.0\", \"runs\": [{" + tool("T", "") + ",\n" + tool("U", "") + "}]}");

        assertThatThrownBy(() -> parser().parse(ReportInput.of(file), ParseOptions.DEFAULTS, finding -> { }))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed JSON: Duplicate field 'tool'");
                    assertThat(e.position()).startsWith("line 2, column ").endsWith("at /runs/0/tool");
                });
    }

    @Test
    void exactDuplicatesWithinARunAreOneFinding() throws Exception {
        // security-code-scan: 64 results of which 13 repeat an earlier one exactly; bash-report: 27 and 15.
        assertThat(parse("sarif/security-code-scan.sarif").summary())
                .extracting(ParseSummary::findings, ParseSummary::duplicates).containsExactly(51, 13);
        assertThat(parse("sarif/bash-report.sarif").summary())
                .extracting(ParseSummary::findings, ParseSummary::duplicates).containsExactly(12, 15);

        String same = result("D", "\"level\": \"error\"");
        String run = tool("T", "") + ", \"results\": [" + same + "," + same + "]";
        ParseSummary summary = parseFixture("{\"version\": \"2.1.0\", \"runs\": [{" + run + "}, {" + run + "}]}",
                new ArrayList<>());
        assertThat(summary.findings()).isEqualTo(2);
        assertThat(summary.duplicates()).isEqualTo(2);
    }

    @Test
    void nestedToolFingerprintsAreFlattened() throws ReportException {
        List<Finding> findings = parse("sarif/blackduck_nested_fingerprints.sarif").findings();

        assertThat(findings).hasSize(5);
        assertThat(findings).extracting(f -> f.fingerprint().basis()).containsOnly("tool:csvRowSha256.value");
        assertThat(findings).extracting(f -> f.fingerprint().value()).doesNotHaveDuplicates();
        assertThat(findings.get(0).rule().cwes()).containsExactly("CWE-79");
    }

    @Test
    void badFilesFailWithFileNamePositionAndReason() {
        assertThatThrownBy(() -> parse("bad/truncated-codeql.sarif")).isInstanceOf(ReportException.class)
                .hasMessageContaining("truncated-codeql.sarif").hasMessageContaining("unexpected end of input")
                .hasMessageMatching("(?s).*line \\d+, column \\d+.*");
        assertThatThrownBy(() -> parse("bad/empty.sarif")).isInstanceOf(ReportException.class)
                .hasMessageContaining("empty.sarif").hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("bad/invalid-utf8.sarif")).isInstanceOf(ReportException.class)
                .hasMessageContaining("invalid-utf8.sarif").hasMessageContaining("invalid UTF-8")
                .hasMessageMatching("(?s).*line \\d+, column \\d+.*");
        assertThatThrownBy(() -> parse("bad/unknown-version.sarif")).isInstanceOf(ReportException.class)
                .hasMessageContaining("unknown-version.sarif")
                .hasMessageContaining("unsupported SARIF version '9.9.9': expected 2.1.0")
                .hasMessageContaining("line 109");
        assertThatThrownBy(() -> parse("bad/deeply-nested.json")).isInstanceOf(ReportException.class)
                .hasMessageContaining("deeply-nested.json").hasMessageContaining("nesting depth");
    }

    @Test
    void structuralErrorsAreClear() throws Exception {
        assertThatThrownBy(() -> parseFixture("{\"version\": \"2.1.0\", \"$schema\": \"sarif\"}", new ArrayList<>()))
                .isInstanceOf(ReportException.class).hasMessageContaining("'runs' array is missing");
        assertThatThrownBy(() -> parseFixture("{\"version\": \"2.1.0\", \"runs\": {}}", new ArrayList<>()))
                .isInstanceOf(ReportException.class).hasMessageContaining("'runs' must be an array");
        assertThatThrownBy(() -> parseFixture("{\"version\": \"2.1.0\", \"runs\": []} {}", new ArrayList<>()))
                .isInstanceOf(ReportException.class).hasMessageContaining("unexpected content after the end");
        assertThatThrownBy(() -> parseFixture("[\"version\", \"2.1.0\"]", new ArrayList<>()))
                .isInstanceOf(ReportException.class).hasMessageContaining("a SARIF log is a JSON object");
        assertThat(parseFixture("{\"version\": \"2.1.0\", \"runs\": null}", new ArrayList<>()).findings()).isZero();
        assertThat(parseFixture("{\"runs\": []}", new ArrayList<>()).warnings()).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("no 'version'");
    }

    /**
     * SARIF 2.1.0 §3.14.23: an empty {@code results} array means the tool found nothing, an absent or null one that
     * it produced no results (it failed). Only the first covers the tool, so only it can resolve fixed items.
     */
    @Test
    void onlyARunWithAResultsArrayCoversItsTool() throws Exception {
        String runs = "{" + tool("Quiet", "1") + ", \"results\": []}, {" + tool("Loud", "2") + ", \"results\": ["
                + result("R", "\"level\": \"error\"") + "]}, {" + tool("Failed", "1") + "}, {" + tool("Crashed", "3")
                + ", \"results\": null}";
        ParseSummary summary = parseFixture("{\"version\": \"2.1.0\", \"runs\": [" + runs + "]}", new ArrayList<>());

        assertThat(summary.tools()).containsExactly("Quiet", "Loud");
        assertThat(summary.findings()).isEqualTo(1);
        assertThat(summary.warnings()).hasSize(2);
        assertThat(summary.warnings().get(0)).contains("run 2 (Failed) has no 'results' array")
                .contains("nothing it reported before is resolved");
        assertThat(summary.warnings().get(1)).contains("run 3 (Crashed) has no 'results' array");
        assertThat(parse("sarif/no-runs.sarif").summary().tools()).isEmpty();
    }

    @Test
    void resultsThatAreNotAnArrayAreAnErrorAtTheirPosition() {
        for (String results : List.of("{}", "\"none\"", "0", "true")) {
            assertThatThrownBy(() -> parseFixture(log(tool("T", "1") + ",\n \"results\": " + results), new ArrayList<>()))
                    .as(results).isInstanceOfSatisfying(ReportException.class, e -> {
                        assertThat(e.position()).isEqualTo("line 2, column 13, at /runs/0/results");
                        assertThat(e.reason()).startsWith("'results' must be an array, found ");
                    });
        }
    }

    @Test
    void aResultOrRunThatIsNotAnObjectIsAnErrorNotASkippedEntry() {
        for (String entry : List.of("42", "true", "\"text\"", "[]", "null")) {
            String results = result("A", "\"level\": \"error\"") + ", " + entry;
            assertThatThrownBy(() -> parseFixture(log(tool("T", "1") + ", \"results\": [" + results + "]"),
                    new ArrayList<>())).as(entry).isInstanceOfSatisfying(ReportException.class, e -> {
                        assertThat(e.position()).endsWith("at /runs/0/results/1");
                        assertThat(e.reason()).startsWith("a result must be an object, found ");
                    });
        }
        assertThatThrownBy(() -> parseFixture("{\"version\": \"2.1.0\", \"runs\": [{" + tool("T", "1")
                + ", \"results\": []}, 7]}", new ArrayList<>())).isInstanceOfSatisfying(ReportException.class,
                        e -> assertThat(e.getMessage()).contains("at /runs/1").contains("a run must be an object, found a number"));
    }

    /** A level outside SARIF's four is read like any unknown severity label: Medium, warned of once. */
    @Test
    void anUnknownLevelIsMediumWithOneWarning() throws Exception {
        List<Finding> findings = new ArrayList<>();
        String results = result("A", "\"level\": \"severe-ish\"") + "," + result("B", "\"level\": \"severe-ish\"");
        ParseSummary summary = parseFixture(log(tool("T", "") + ", \"results\": [" + results + "]"), findings);

        assertThat(findings).extracting(Finding::severity, Finding::originalSeverity)
                .containsOnly(tuple(Severity.MEDIUM, "severe-ish"));
        assertThat(summary.warnings()).singleElement().asString().contains("'severe-ish'");
    }

    @Test
    void recognisesALogWhateverItsKeyOrderAndSpacing() throws Exception {
        FormatDetector detector = new FormatDetector(Parsers.all());
        assertThat(detector.detect(ReportInput.of(write("{\"runs\" :[], \"version\"\n:\t\"2.1.0\"}"))).format())
                .isEqualTo(ReportFormat.SARIF);
        Path versionOnly = write("{\"version\": \"2.1.0\"}");
        assertThatThrownBy(() -> detector.detect(ReportInput.of(versionOnly)))
                .hasMessageContaining("unknown report format");
    }

    /**
     * Identity must not depend on how a tool lays out its file: every sample rewritten with other
     * indentation, its results reversed and put before the tool gives the same fingerprints.
     */
    @Test
    void fingerprintsDoNotDependOnLayoutOrResultOrder() throws Exception {
        for (String sample : samples()) {
            ObjectNode log = (ObjectNode) JSON.readTree(Samples.sample(sample).toFile());
            for (JsonNode run : log.path("runs")) {
                reorder((ObjectNode) run);
            }
            Path rewritten = write(JSON.writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("\t", "\r\n")))
                    .writeValueAsString(log));

            List<Finding> again = new ArrayList<>();
            parser().parse(ReportInput.of(rewritten), ParseOptions.DEFAULTS, again::add);
            assertThat(fingerprints(again)).as(sample).isEqualTo(fingerprints(parse(sample).findings()));
        }
    }

    /** ... and must change when the rule changes, or the location when the tool gave no fingerprint of its own. */
    @Test
    void fingerprintsDifferWhenRuleOrLocationDiffers() throws Exception {
        int locationChecks = 0;
        for (String sample : samples()) {
            ObjectNode log = (ObjectNode) JSON.readTree(Samples.sample(sample).toFile());
            for (JsonNode run : log.path("runs")) {
                JsonNode results = run.path("results");
                if (results.isEmpty()) {
                    continue;
                }
                ObjectNode result = (ObjectNode) results.get(0);
                Finding original = single(log, (ObjectNode) run, result.deepCopy());

                ObjectNode otherRule = result.deepCopy();
                otherRule.put("ruleId", "some-other-rule");
                otherRule.remove(List.of("ruleIndex", "rule"));
                assertThat(single(log, (ObjectNode) run, otherRule).fingerprint()).as(sample)
                        .isNotEqualTo(original.fingerprint());

                if (!original.fingerprint().basis().startsWith("tool:") && original.locations().size() > 0) {
                    ObjectNode moved = result.deepCopy();
                    JsonNode artifact = moved.path("locations").path(0).path("physicalLocation").path("artifactLocation");
                    if (artifact.isObject()) {
                        ((ObjectNode) artifact).put("uri", "moved/" + original.primaryLocation().path());
                        ((ObjectNode) artifact).remove("index");
                        assertThat(single(log, (ObjectNode) run, moved).fingerprint()).as(sample)
                                .isNotEqualTo(original.fingerprint());
                        locationChecks++;
                    }
                }
            }
        }
        assertThat(locationChecks).isGreaterThan(5);
    }

    private Finding single(ObjectNode log, ObjectNode run, ObjectNode result) throws Exception {
        ObjectNode copy = log.deepCopy();
        ObjectNode runCopy = run.deepCopy();
        runCopy.set("results", JSON.createArrayNode().add(result));
        copy.set("runs", JSON.createArrayNode().add(runCopy));
        List<Finding> findings = new ArrayList<>();
        parser().parse(ReportInput.of(write(JSON.writeValueAsString(copy))),
                ParseOptions.DEFAULTS.withIncludeSuppressed(true), findings::add);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static void reorder(ObjectNode run) {
        ArrayNode reversed = JSON.createArrayNode();
        JsonNode results = run.path("results");
        for (int i = results.size() - 1; i >= 0; i--) {
            reversed.add(results.get(i));
        }
        Map<String, JsonNode> others = new java.util.LinkedHashMap<>();
        run.properties().forEach(entry -> others.put(entry.getKey(), entry.getValue()));
        others.remove("results");
        run.removeAll();
        run.set("results", reversed);
        others.forEach(run::set);
    }

    private static List<String> fingerprints(List<Finding> findings) {
        return findings.stream().map(f -> f.fingerprint().value()).sorted().toList();
    }

    private ParseSummary parseFixture(String json, List<Finding> findings) throws Exception {
        return parser().parse(ReportInput.of(write(json)), ParseOptions.DEFAULTS, findings::add);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(temp, "fixture", ".sarif"), json);
    }

    private static String log(String runContent) {
        return "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\", \"runs\": [{"
                + runContent + "}]}";
    }

    private static String tool(String name, String version) {
        return "\"tool\": {\"driver\": {\"name\": \"" + name + "\", \"version\": \"" + version + "\"}}";
    }

    private static String result(String ruleId, String extra) {
        return "{\"ruleId\": \"" + ruleId + "\", \"message\": {\"text\": \"about " + ruleId + "\"}, " + extra + "}";
    }

    private static String located(String artifactLocation) {
        return "{\"ruleId\": \"P\", \"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\":"
                + " {\"artifactLocation\": " + artifactLocation + ", \"region\": {\"startLine\": 1}}}]}";
    }

}
