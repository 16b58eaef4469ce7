package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.AbstractParserTest;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
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
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DependencyCheckParserTest extends AbstractParserTest {

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new DependencyCheckParser();
    }

    @Test
    void theSharedTestsCoverAllFourSamples() {
        assertThat(samples()).hasSize(4);
    }

    @Test
    void anEmptyReportHasNoFindings() throws ReportException {
        Report report = parse("dependency-check/dc_empty.xml");
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().suppressed()).isZero();
        assertThat(report.summary().tools()).containsExactly("Dependency-Check");
    }

    @Test
    void singleVulnerabilityWithTheOldSchema() throws ReportException {
        Report report = parse("dependency-check/single_vuln.xml");
        assertThat(report.findings()).hasSize(1);
        Finding finding = report.findings().get(0);
        assertThat(finding.rule().id()).isEqualTo("CVE-0000-0001");
        assertThat(finding.identifier("CVE")).isEqualTo("CVE-0000-0001");
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.originalSeverity()).isEqualTo("Moderate");
        assertThat(finding.score()).isEqualTo(7.5);
        assertThat(finding.rule().cwes()).containsExactly("CWE-00");
        assertThat(finding.rule().helpUri()).isEqualTo("http://localhost/badvulnerability.htm");
        assertThat(finding.message()).isEqualTo("Description of a bad vulnerability.");
        assertThat(finding.asset()).isEqualTo(Asset.ofPackage("maven", "org.owasp:library", "6.7.8", "",
                "C:/Projectestproject/libraries/component2.dll"));
        assertThat(finding.fingerprint().basis()).isEqualTo("package");
        assertThat(finding.tool().name()).isEqualTo("Dependency-Check");
    }

    @Test
    void multipleVulnerabilitiesWithoutTheSuppressedOnes() throws ReportException {
        Report report = parse("dependency-check/multiple_vulnerabilities_has_multiple_findings.xml");
        assertThat(report.findings()).hasSize(7);
        assertThat(report.summary().suppressed()).isEqualTo(2);
        assertThat(report.summary().duplicates()).isZero();
        assertThat(report.findings()).extracting(finding -> finding.rule().id()).containsExactly(
                "CVE-0000-0001", "1500", "CVE-2020-7608",
                "CWE-400: Uncontrolled Resource Consumption ('Resource Exhaustion')",
                "CVE-0000-0001", "CVE-0000-0001", "CVE-0000-0001");
        assertThat(report.findings()).extracting(Finding::severity).containsExactly(
                Severity.HIGH, Severity.LOW, Severity.HIGH, Severity.HIGH, Severity.HIGH, Severity.HIGH, Severity.HIGH);

        Finding dom4j = report.findings().get(0);
        assertThat(dom4j.asset()).isEqualTo(Asset.ofPackage("maven", "org.dom4j:dom4j", "2.1.1.redhat-00001", "",
                "/var/lib/adapter-ear1.ear/dom4j-2.1.1.jar"));
        Finding npmAdvisory = report.findings().get(1);
        assertThat(npmAdvisory.asset().ecosystem()).isEqualTo("npm");
        assertThat(npmAdvisory.asset().packageName()).isEqualTo("yargs-parser");
        assertThat(npmAdvisory.asset().installedVersion()).isEqualTo("5.0.0");
        assertThat(npmAdvisory.identifier("NPM")).isEqualTo("1500");
        assertThat(npmAdvisory.score()).isNull();
        assertThat(npmAdvisory.message()).startsWith("Affected versions of `yargs-parser` are vulnerable to prototype "
                + "pollution.").contains("baz'");
        Finding resourceExhaustion = report.findings().get(3);
        assertThat(resourceExhaustion.rule().cwes()).containsExactly("CWE-400");
        assertThat(resourceExhaustion.score()).isEqualTo(7.5);
        assertThat(resourceExhaustion.rule().helpUri()).startsWith("https://ossindex.sonatype.org/vuln/7ccaaed0");
        Finding withoutPackage = report.findings().get(6);
        assertThat(withoutPackage.asset().packageName()).isEqualTo("adapter-ear4.ear: liquibase-core-3.5.3.jar: jquery.js");
        assertThat(withoutPackage.asset().ecosystem()).isEmpty();
        assertThat(report.findings()).extracting(finding -> finding.fingerprint().value()).doesNotHaveDuplicates();
    }

    @Test
    void suppressedVulnerabilitiesAreKeptWhenAsked() throws ReportException {
        Report report = parse("dependency-check/multiple_vulnerabilities_has_multiple_findings.xml",
                ParseOptions.DEFAULTS.withIncludeSuppressed(true));
        assertThat(report.findings()).hasSize(9);
        assertThat(report.summary().suppressed()).isZero();
        List<Finding> suppressed = report.findings().stream().filter(Finding::suppressed).toList();
        assertThat(suppressed).extracting(finding -> finding.rule().id())
                .containsExactly("CVE-2019-7238", "CVE-2017-1000487");
        assertThat(suppressed).extracting(Finding::score).containsExactly(9.8, 9.8);
        assertThat(suppressed.get(1).rule().cwes()).containsExactly("CWE-78");
        assertThat(suppressed.get(0).rule().cwes()).as("NVD-CWE-noinfo is no CWE").isEmpty();
    }

    @Test
    void version653WithCvssV3AndPackageUrl() throws ReportException {
        Report report = parse("dependency-check/version-6.5.3.xml");
        assertThat(report.findings()).hasSize(1);
        Finding finding = report.findings().get(0);
        assertThat(finding.tool().version()).isEqualTo("6.5.3");
        assertThat(finding.rule().id()).isEqualTo("CVE-2020-9488");
        assertThat(finding.severity()).isEqualTo(Severity.LOW);
        assertThat(finding.score()).isEqualTo(3.7);
        assertThat(finding.rule().cwes()).containsExactly("CWE-295");
        assertThat(finding.asset().packageName()).isEqualTo("org.apache.logging.log4j:log4j-api");
        assertThat(finding.asset().installedVersion()).isEqualTo("2.12.4");
        assertThat(finding.properties()).containsEntry("source", "NVD");
    }

    @Test
    void identicalEntriesBecomeOneFinding() throws Exception {
        String xml = Files.readString(Samples.sample("dependency-check/version-6.5.3.xml"));
        int start = xml.indexOf("<dependency ");
        int end = xml.indexOf("</dependency>", xml.indexOf("<vulnerabilities>", start)) + "</dependency>".length();
        Path twice = temp.resolve("twice.xml");
        Files.writeString(twice, xml.substring(0, end) + xml.substring(start, end) + xml.substring(end));
        Report report = read(twice);
        assertThat(report.findings()).hasSize(1);
        assertThat(report.summary().duplicates()).isEqualTo(1);
    }

    /**
     * A synthetic JSON report, as no real one is in the shared samples: its shape follows Dependency-Check's
     * JSON report (schema 1.1): reportSchema, scanInfo, projectInfo, dependencies[] with packages,
     * vulnerabilities (cvssv2/cvssv3, cwes, references) and suppressedVulnerabilities. The values are invented.
     */
    private Path jsonReport() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("target/reports"));
        String lib = temp.resolve("lib/commons-text-1.9.jar").toString().replace("\\", "\\\\");
        String lock = temp.resolve("package-lock.json").toString().replace("\\", "\\\\");
        String json = """
                {
                  "reportSchema": "1.1",
                  "scanInfo": {
                    "engineVersion": "9.0.9",
                    "dataSource": [{"name": "NVD API Last Checked", "timestamp": "2024-03-01T10:00:00"}]
                  },
                  "projectInfo": {"name": "shop", "reportDate": "2024-03-01T10:05:00.123Z"},
                  "dependencies": [
                    {
                      "isVirtual": false,
                      "fileName": "commons-text-1.9.jar",
                      "filePath": "LIB",
                      "sha1": "ba55c13d7ac2fd44df9cc8074455719a33f375b9",
                      "evidenceCollected": {"vendorEvidence": [], "productEvidence": [], "versionEvidence": []},
                      "packages": [{"id": "pkg:maven/org.apache.commons/commons-text@1.9", "confidence": "HIGHEST"}],
                      "vulnerabilityIds": [{"id": "cpe:2.3:a:apache:commons_text:1.9:*:*:*:*:*:*:*", "confidence": "HIGHEST"}],
                      "vulnerabilities": [{
                        "source": "NVD",
                        "name": "CVE-2022-42889",
                        "severity": "CRITICAL",
                        "cvssv3": {"baseScore": 9.8, "attackVector": "NETWORK", "baseSeverity": "CRITICAL", "version": "3.1"},
                        "cwes": ["CWE-94"],
                        "description": "Apache Commons Text performs variable interpolation.",
                        "notes": "",
                        "references": [{"source": "MISC", "url": "https://lists.apache.org/thread/n2bd4vdsgkqh2tm14l1wyc3jyol7s1om", "name": "thread"}],
                        "vulnerableSoftware": [{"software": {"id": "cpe:2.3:a:apache:commons_text:*:*:*:*:*:*:*:*", "vulnerabilityIdMatched": "true"}}]
                      }],
                      "suppressedVulnerabilities": [{
                        "source": "NVD", "name": "CVE-2021-0001", "severity": "LOW",
                        "cvssv2": {"score": 2.1, "severity": "LOW"}, "cwes": ["NVD-CWE-noinfo"],
                        "description": "Accepted risk.", "references": []
                      }]
                    },
                    {
                      "isVirtual": true,
                      "fileName": "minimist:1.2.5",
                      "filePath": "LOCK?minimist",
                      "packages": [{"id": "pkg:npm/minimist@1.2.5"}],
                      "vulnerabilities": [
                        {"source": "NPM", "name": "GHSA-xvch-5gv4-984h", "severity": "IMPORTANT",
                         "cvssv3": {"baseScore": 9.8}, "cwes": ["CWE-1321"], "description": "Prototype Pollution in minimist"},
                        {"source": "OSSINDEX", "name": "CVE-2021-44906", "severity": "IMPORTANT",
                         "cvssv3": {"baseScore": 5.6}, "description": "Prototype pollution."},
                        {"source": "NPM", "name": "GHSA-xvch-5gv4-984h", "severity": "IMPORTANT",
                         "cvssv3": {"baseScore": 9.8}, "cwes": ["CWE-1321"], "description": "Prototype Pollution in minimist"}
                      ]
                    },
                    {
                      "fileName": "legacy.dll",
                      "filePath": "C:\\\\build\\\\legacy.dll",
                      "vulnerabilities": [{"source": "NVD", "name": "CVE-2020-1111", "severity": "UNRATED", "description": "No score."}]
                    }
                  ]
                }
                """.replace("LIB", lib).replace("LOCK", lock);
        Path file = reports.resolve("dependency-check-report.json");
        Files.writeString(file, json);
        return file;
    }

    private Report read(Path file) throws ReportException {
        return new FindingsReader().read(new ReportInput(file.getFileName().toString(), file), Optional.empty());
    }

    @Test
    void jsonReportIsDetectedAndReadLikeTheXml() throws Exception {
        Report report = read(jsonReport());
        assertThat(report.format()).isEqualTo(ReportFormat.DEPENDENCY_CHECK);
        assertThat(report.findings()).extracting(finding -> finding.rule().id())
                .containsExactly("CVE-2022-42889", "GHSA-xvch-5gv4-984h", "CVE-2021-44906", "CVE-2020-1111");
        assertThat(report.summary().suppressed()).isEqualTo(1);
        assertThat(report.summary().duplicates()).isEqualTo(1);

        Finding text = report.findings().get(0);
        assertThat(text.tool().version()).isEqualTo("9.0.9");
        assertThat(text.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(text.score()).isEqualTo(9.8);
        assertThat(text.rule().cwes()).containsExactly("CWE-94");
        assertThat(text.rule().helpUri()).isEqualTo("https://lists.apache.org/thread/n2bd4vdsgkqh2tm14l1wyc3jyol7s1om");
        assertThat(text.asset()).as("the path is relative to the directory the report shares with it")
                .isEqualTo(Asset.ofPackage("maven", "org.apache.commons:commons-text", "1.9", "",
                        "lib/commons-text-1.9.jar"));

        Finding ghsa = report.findings().get(1);
        assertThat(ghsa.identifier("GHSA")).isEqualTo("GHSA-xvch-5gv4-984h");
        assertThat(ghsa.severity()).as("unknown label, from the score").isEqualTo(Severity.CRITICAL);
        assertThat(ghsa.originalSeverity()).isEqualTo("IMPORTANT");
        assertThat(ghsa.asset().target()).isEqualTo("package-lock.json?minimist");
        assertThat(report.findings().get(2).severity()).isEqualTo(Severity.MEDIUM);

        Finding unrated = report.findings().get(3);
        assertThat(unrated.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(unrated.asset()).isEqualTo(Asset.ofPackage("", "legacy.dll", "", "", "C:/build/legacy.dll"));
        assertThat(report.summary().warnings()).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains("'IMPORTANT'"))
                .anySatisfy(warning -> assertThat(warning).contains("'UNRATED'"));
    }

    @Test
    void jsonSuppressedVulnerabilitiesAreKeptWhenAsked() throws Exception {
        Path file = jsonReport();
        Report report = new FindingsReader(ParseOptions.DEFAULTS.withIncludeSuppressed(true))
                .read(ReportInput.of(file), Optional.empty());
        assertThat(report.findings()).filteredOn(Finding::suppressed).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.rule().id()).isEqualTo("CVE-2021-0001");
                    assertThat(finding.score()).isEqualTo(2.1);
                    assertThat(finding.severity()).isEqualTo(Severity.LOW);
                });
    }

    @Test
    void anotherXmlDocumentIsRefusedClearly() throws Exception {
        Path zap = Samples.sample("zap/some_2.9.0.xml");
        assertThatThrownBy(() -> new FindingsReader().read(new ReportInput("zap.xml", zap),
                Optional.of(ReportFormat.DEPENDENCY_CHECK)))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("zap.xml");
                    assertThat(e.reason()).startsWith("not a Dependency-Check XML report").contains("<OWASPZAPReport>");
                });
    }

    @Test
    void aJsonFileOfAnotherShapeIsRefusedClearly() throws Exception {
        Path other = temp.resolve("other.json");
        Files.writeString(other, "{\"SchemaVersion\": 2, \"Results\": []}");
        assertThatThrownBy(() -> new FindingsReader().read(new ReportInput("other.json", other),
                Optional.of(ReportFormat.DEPENDENCY_CHECK)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason())
                        .startsWith("not a Dependency-Check JSON report"));
    }

    @Test
    void aTruncatedXmlReportNamesTheLine() throws Exception {
        String xml = Files.readString(Samples.sample("dependency-check/single_vuln.xml"));
        Path cut = temp.resolve("cut.xml");
        Files.writeString(cut, xml.substring(0, xml.indexOf("<description>")));
        assertThatThrownBy(() -> read(cut))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).startsWith("line ");
                    assertThat(e.reason()).contains("truncated");
                });
    }

    @Test
    void anXxeReportIsRefused() throws Exception {
        Path secret = temp.resolve("secret");
        Files.writeString(secret, "root:x:0:0");
        Path xxe = temp.resolve("xxe.xml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?>\n<!DOCTYPE analysis [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]>\n<analysis xmlns=\"https://jeremylong.github.io/DependencyCheck/dependency-check.2.5.xsd\">"
                + "<projectInfo><name>&x;</name></projectInfo><dependencies/></analysis>\n");
        assertThatThrownBy(() -> read(xxe))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).contains("DOCTYPE"))
                .hasMessageNotContaining("root:x");
    }
}
