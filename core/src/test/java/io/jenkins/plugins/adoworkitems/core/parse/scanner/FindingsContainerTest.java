package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.DEPENDENCY_CHECK;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.GITLAB;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.GITLEAKS;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.GRYPE;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.NPM_AUDIT;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.SEMGREP;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.SNYK;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.TRIVY;
import static io.jenkins.plugins.adoworkitems.core.parse.ReportFormat.ZAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * A report's findings container (docs/formats.md, "Not covered"): missing or null, the report does not cover the
 * tool and says so in a warning, since "nothing found" would resolve every open work item of the tool; of the
 * wrong type, or with an entry that is not an object, the report is broken. Reports that really found nothing
 * still cover their tool.
 */
class FindingsContainerTest {
    private static final String DC_NAMESPACE = "https://jeremylong.github.io/DependencyCheck/dependency-check.2.5.xsd";

    @TempDir
    Path dir;

    static Stream<Arguments> notCovered() {
        return Stream.of(
                argumentSet("Grype without matches", GRYPE, "{\"descriptor\": {\"name\": \"grype\"}}",
                        "Grype", "no 'matches' array"),
                argumentSet("Grype with null matches", GRYPE, "{\"matches\": null, \"descriptor\": {}}",
                        "Grype", "no 'matches' array"),
                argumentSet("npm audit without vulnerabilities", NPM_AUDIT, "{\"auditReportVersion\": 2}",
                        "npm audit", "no 'vulnerabilities' object"),
                argumentSet("npm audit with null vulnerabilities", NPM_AUDIT,
                        "{\"auditReportVersion\": 2, \"vulnerabilities\": null}", "npm audit", "no 'vulnerabilities' object"),
                argumentSet("Snyk's error output", SNYK,
                        "{\"ok\": false, \"error\": \"Could not detect supported target files\", \"path\": \".\"}",
                        "Snyk", "no 'vulnerabilities' array"),
                argumentSet("Snyk with null vulnerabilities", SNYK,
                        "{\"vulnerabilities\": null, \"packageManager\": \"npm\"}", "Snyk", "no 'vulnerabilities' array"),
                argumentSet("Snyk projects none of which has vulnerabilities", SNYK,
                        "[{\"error\": \"failed\"}, {\"vulnerabilities\": null}]", "Snyk",
                        "no project has a 'vulnerabilities' array"),
                argumentSet("Snyk without projects", SNYK, "[]", "Snyk", "no project"),
                argumentSet("Semgrep without results", SEMGREP, "{\"errors\": []}", "Semgrep", "no 'results' array"),
                argumentSet("Semgrep with null results", SEMGREP, "{\"results\": null, \"errors\": []}",
                        "Semgrep", "no 'results' array"),
                argumentSet("GitLab without vulnerabilities", GITLAB,
                        "{\"version\": \"15.0.0\", \"scan\": {\"scanner\": {\"name\": \"Semgrep\"}}}",
                        "Semgrep", "no 'vulnerabilities' array"),
                argumentSet("GitLab with null vulnerabilities", GITLAB,
                        "{\"version\": \"15.0.0\", \"vulnerabilities\": null}", "GitLab", "no 'vulnerabilities' array"),
                argumentSet("Trivy without Results", TRIVY,
                        "{\"SchemaVersion\": 2, \"ArtifactName\": \".\", \"ArtifactType\": \"filesystem\"}",
                        "Trivy", "no 'Results' array, which Trivy leaves out when it found no target to scan"),
                argumentSet("Trivy with null Results", TRIVY, "{\"SchemaVersion\": 2, \"Results\": null}",
                        "Trivy", "no 'Results' array, which Trivy leaves out when it found no target to scan"),
                argumentSet("Trivy Kubernetes without resources", TRIVY, "{\"ClusterName\": \"prod\"}",
                        "Trivy", "no 'Resources', 'Vulnerabilities' or 'Misconfigurations' array"),
                argumentSet("Trivy Kubernetes with null Resources", TRIVY,
                        "{\"ClusterName\": \"prod\", \"Resources\": null}",
                        "Trivy", "no 'Resources', 'Vulnerabilities' or 'Misconfigurations' array"),
                argumentSet("ZAP JSON without site", ZAP, "{\"@programName\": \"ZAP\", \"@version\": \"2.14.0\"}",
                        "ZAP", "no site"),
                argumentSet("ZAP JSON with null site", ZAP, "{\"@programName\": \"ZAP\", \"site\": null}",
                        "ZAP", "no site"),
                argumentSet("ZAP JSON with no sites", ZAP, "{\"@programName\": \"ZAP\", \"site\": []}", "ZAP", "no site"),
                argumentSet("ZAP XML without site", ZAP, "<?xml version=\"1.0\"?><OWASPZAPReport version=\"2.9.0\">"
                        + "</OWASPZAPReport>", "ZAP", "no site"),
                argumentSet("Dependency-Check XML without dependencies", DEPENDENCY_CHECK, "<analysis xmlns=\""
                        + DC_NAMESPACE + "\"><scanInfo><engineVersion>9.0.0</engineVersion></scanInfo></analysis>",
                        "Dependency-Check", "no <dependencies> element"),
                argumentSet("Dependency-Check JSON without dependencies", DEPENDENCY_CHECK,
                        "{\"reportSchema\": \"1.1\", \"scanInfo\": {}}", "Dependency-Check", "no 'dependencies' array"),
                argumentSet("Dependency-Check JSON with null dependencies", DEPENDENCY_CHECK,
                        "{\"reportSchema\": \"1.1\", \"scanInfo\": {}, \"dependencies\": null}",
                        "Dependency-Check", "no 'dependencies' array"));
    }

    @ParameterizedTest
    @MethodSource
    void notCovered(ReportFormat format, String content, String tool, String missing) throws Exception {
        Report report = read(format, content);

        assertThat(report.summary().tools()).isEmpty();
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().warnings()).contains("report: " + missing + ": " + tool
                + "'s results are unknown, so no item of " + tool + " is resolved from this report");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                argumentSet("Grype matches a string", GRYPE, "{\"matches\": \"none\"}",
                        "at /matches", "expected an array, found string"),
                argumentSet("Grype matches an object", GRYPE, "{\"matches\": {}}",
                        "at /matches", "expected an array, found object"),
                argumentSet("Grype match not an object", GRYPE, "{\"matches\": [1]}",
                        "at /matches/0", "expected a match object"),
                argumentSet("npm audit vulnerabilities an array", NPM_AUDIT,
                        "{\"auditReportVersion\": 2, \"vulnerabilities\": []}",
                        "at /vulnerabilities", "expected an object, found array"),
                argumentSet("npm audit package not an object", NPM_AUDIT,
                        "{\"auditReportVersion\": 2, \"vulnerabilities\": {\"@babel/core\": 3}}",
                        "at /vulnerabilities/@babel~1core", "expected a package object"),
                argumentSet("Snyk vulnerabilities a string", SNYK, "{\"vulnerabilities\": \"x\"}",
                        "at /vulnerabilities", "expected an array, found string"),
                argumentSet("Snyk vulnerability not an object", SNYK, "{\"vulnerabilities\": [true]}",
                        "at /vulnerabilities/0", "expected a vulnerability object"),
                argumentSet("Snyk project not an object", SNYK, "[{\"vulnerabilities\": []}, 5]",
                        "at /1", "expected a Snyk project object"),
                argumentSet("Snyk project's vulnerabilities a number", SNYK, "[{\"vulnerabilities\": 5}]",
                        "at /0/vulnerabilities", "expected an array, found number"),
                argumentSet("Semgrep results an object", SEMGREP, "{\"results\": {}}",
                        "at /results", "expected an array, found object"),
                argumentSet("Semgrep result not an object", SEMGREP, "{\"results\": [\"x\"]}",
                        "at /results/0", "expected a result object"),
                argumentSet("GitLab vulnerabilities a string", GITLAB, "{\"vulnerabilities\": \"\"}",
                        "at /vulnerabilities", "expected an array, found string"),
                argumentSet("GitLab vulnerability not an object", GITLAB, "{\"vulnerabilities\": [1]}",
                        "at /vulnerabilities/0", "expected a vulnerability object"),
                argumentSet("Trivy Results a string", TRIVY, "{\"SchemaVersion\": 2, \"Results\": \"x\"}",
                        "at /Results", "expected an array, found string"),
                argumentSet("Trivy result not an object", TRIVY, "{\"SchemaVersion\": 2, \"Results\": [1]}",
                        "at /Results/0", "expected a Trivy result object"),
                argumentSet("Trivy vulnerability not an object", TRIVY,
                        "{\"SchemaVersion\": 2, \"Results\": [{\"Target\": \"a\", \"Vulnerabilities\": [\"CVE-1\"]}]}",
                        "at /Results/0/Vulnerabilities/0", "expected a vulnerability object"),
                argumentSet("Trivy legacy result not an object", TRIVY, "[1]",
                        "at /0", "expected a Trivy result object"),
                argumentSet("Trivy Kubernetes Resources an object", TRIVY, "{\"ClusterName\": \"c\", \"Resources\": {}}",
                        "at /Resources", "expected an array, found object"),
                argumentSet("Trivy Kubernetes resource not an object", TRIVY,
                        "{\"ClusterName\": \"c\", \"Misconfigurations\": [\"x\"]}",
                        "at /Misconfigurations/0", "expected a Kubernetes resource object"),
                argumentSet("ZAP JSON site a string", ZAP, "{\"@programName\": \"ZAP\", \"site\": \"x\"}",
                        "at /site", "expected an array, found string"),
                argumentSet("ZAP JSON site not an object", ZAP, "{\"@programName\": \"ZAP\", \"site\": [1]}",
                        "at /site/0", "expected a site object"),
                argumentSet("ZAP JSON alert not an object", ZAP,
                        "{\"@programName\": \"ZAP\", \"site\": [{\"@name\": \"https://a\", \"alerts\": [2]}]}",
                        "at /site/0/alerts/0", "expected an alert object"),
                argumentSet("Dependency-Check XML dependencies holding something else", DEPENDENCY_CHECK,
                        "<analysis xmlns=\"" + DC_NAMESPACE + "\">\n<dependencies>\n<vulnerability/>\n"
                                + "</dependencies>\n</analysis>",
                        "line 3", "expected <dependency> in <dependencies>, found <vulnerability>"),
                argumentSet("Dependency-Check JSON dependencies an object", DEPENDENCY_CHECK,
                        "{\"reportSchema\": \"1.1\", \"dependencies\": {}}",
                        "at /dependencies", "expected an array, found object"),
                argumentSet("Dependency-Check JSON dependency not an object", DEPENDENCY_CHECK,
                        "{\"reportSchema\": \"1.1\", \"dependencies\": [7]}",
                        "at /dependencies/0", "expected a dependency object"),
                argumentSet("Gitleaks object", GITLEAKS, "{}", "at /", "expected a Gitleaks JSON array of leaks"),
                argumentSet("Gitleaks leak not an object", GITLEAKS, "[1]", "at /0", "expected a leak object"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(ReportFormat format, String content, String position, String reason) throws Exception {
        ReportInput input = write(content);

        assertThatThrownBy(() -> new FindingsReader().read(input, Optional.of(format)))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("report");
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }

    /** Reports that found nothing, or found nothing for one target: they cover the tool. */
    static Stream<Arguments> covered() {
        return Stream.of(
                argumentSet("Gitleaks null, its output without leaks", GITLEAKS, "null", "Gitleaks"),
                argumentSet("Gitleaks empty array", GITLEAKS, "[]", "Gitleaks"),
                argumentSet("Trivy legacy empty array", TRIVY, "[]", "Trivy"),
                argumentSet("Trivy target without vulnerabilities", TRIVY,
                        "{\"SchemaVersion\": 2, \"Results\": [{\"Target\": \"go.sum\", \"Vulnerabilities\": null}]}",
                        "Trivy"),
                argumentSet("Trivy Kubernetes, older split form", TRIVY,
                        "{\"ClusterName\": \"c\", \"Vulnerabilities\": []}", "Trivy"),
                argumentSet("Snyk application without vulnerabilities", SNYK,
                        "{\"vulnerabilities\": [], \"applications\": [{\"projectName\": \"app\"}]}", "Snyk"),
                argumentSet("ZAP JSON lone site without alerts", ZAP,
                        "{\"@programName\": \"ZAP\", \"site\": {\"@name\": \"https://a\"}}", "ZAP"),
                argumentSet("ZAP XML site without alerts", ZAP,
                        "<OWASPZAPReport version=\"2.9.0\"><site name=\"https://a\"/></OWASPZAPReport>", "ZAP"),
                argumentSet("Dependency-Check XML empty dependencies", DEPENDENCY_CHECK,
                        "<analysis xmlns=\"" + DC_NAMESPACE + "\"><dependencies/></analysis>", "Dependency-Check"),
                argumentSet("Dependency-Check JSON dependency without vulnerabilities", DEPENDENCY_CHECK,
                        "{\"reportSchema\": \"1.1\", \"dependencies\": [{\"fileName\": \"a.jar\"}]}",
                        "Dependency-Check"));
    }

    @ParameterizedTest
    @MethodSource
    void covered(ReportFormat format, String content, String tool) throws Exception {
        Report report = read(format, content);

        assertThat(report.summary().tools()).containsExactly(tool);
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().warnings()).isEmpty();
    }

    /** The tools' real output for a run that found nothing. */
    static Stream<Arguments> emptySamples() {
        return Stream.of(
                Arguments.of("grype/no_vuln.json", "Grype"),
                Arguments.of("npm-audit/no_vuln.json", "npm audit"),
                Arguments.of("snyk/single_project_no_vulns.json", "Snyk"),
                Arguments.of("semgrep/empty.json", "Semgrep"),
                Arguments.of("gitlab/gl-sast-report-0-vuln.json", "GitLab"),
                Arguments.of("trivy/scheme_2_no_vuln.json", "Trivy"),
                Arguments.of("zap/empty_2.9.0.xml", "ZAP"),
                Arguments.of("dependency-check/dc_empty.xml", "Dependency-Check"),
                Arguments.of("gitleaks/no_findings.json", "Gitleaks"));
    }

    @ParameterizedTest
    @MethodSource
    @Tag("shared-data")
    void emptySamples(String sample, String tool) throws Exception {
        Report report = new FindingsReader().read(ReportInput.of(Samples.sample(sample)), Optional.empty());

        assertThat(report.summary().tools()).containsExactly(tool);
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().warnings()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("partlyCovered")
    void snykProjectsWithoutVulnerabilitiesAreNamedWhenOthersCoverSnyk(String content) throws Exception {
        Report report = read(SNYK, content);

        assertThat(report.summary().tools()).containsExactly("Snyk");
        assertThat(report.summary().warnings()).singleElement().asString()
                .startsWith("report: the projects at /1 have no 'vulnerabilities' array")
                .contains("none of their items is resolved from this report");
    }

    static Stream<String> partlyCovered() {
        return Stream.of("[{\"vulnerabilities\": [], \"projectName\": \"a\"}, {\"error\": \"x\"}]",
                "[{\"vulnerabilities\": [], \"projectName\": \"a\"}, {\"vulnerabilities\": null}]");
    }

    private Report read(ReportFormat format, String content) throws IOException, ReportException {
        return new FindingsReader().read(write(content), Optional.of(format));
    }

    private ReportInput write(String content) throws IOException {
        Path file = dir.resolve("report");
        Files.writeString(file, content);
        return new ReportInput("report", file);
    }
}
