package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan target each format names (docs/formats.md, "Scan target"), on small reports written here: above all a
 * clean scan, whose summary must still name its target, since that is how it resolves the target's items. The real
 * samples are checked by {@link SampleTargetsTest}.
 */
class ScanTargetsTest {
    @TempDir
    Path dir;

    private Report read(String json) throws IOException, ReportException {
        Path file = Files.writeString(dir.resolve("report-" + System.nanoTime()), json);
        return new FindingsReader().read(ReportInput.of(file), Optional.empty());
    }

    @Test
    void trivyNamesTheArtifactByItsType() throws Exception {
        String report = """
                {"SchemaVersion": 2, "ArtifactName": "%s", "ArtifactType": "%s", "Results": []}""";
        assertThat(read(report.formatted("registry.example/Team/app:1.4.2@sha256:0a1b", "container_image"))
                .summary().targets()).containsExactly("image:registry.example/team/app");
        assertThat(read(report.formatted("https://github.com/org/app.git", "repository")).summary().targets())
                .containsExactly("repo:https://github.com/org/app");
        assertThat(read(report.formatted("./src", "filesystem")).summary().targets()).containsExactly("path:./src");
        assertThat(read(report.formatted("/mnt/root", "rootfs")).summary().targets()).containsExactly("path:/mnt/root");
        assertThat(read(report.formatted("ami:ami-0123", "vm")).summary().targets()).containsExactly("vm:ami:ami-0123");
        assertThat(read(report.formatted("bom.json", "cyclonedx")).summary().targets()).containsExactly("sbom:bom.json");
        assertThat(read(report.formatted("", "container_image")).summary().targets()).isEmpty();
    }

    @Test
    void trivyPutsTheTargetOnEveryKindOfFinding() throws Exception {
        Report report = read("""
                {"SchemaVersion": 2, "ArtifactName": "app:1", "ArtifactType": "container_image", "Results": [
                  {"Target": "app:1 (debian 12)", "Class": "os-pkgs", "Type": "debian",
                   "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-1", "PkgName": "libc6", "Severity": "HIGH"}]},
                  {"Target": "Dockerfile", "Class": "config",
                   "Misconfigurations": [{"ID": "DS002", "Status": "FAIL", "Severity": "HIGH"}]},
                  {"Target": "app/.env", "Class": "secret", "Secrets": [{"RuleID": "aws", "Severity": "CRITICAL"}]}]}""");
        assertThat(report.findings()).hasSize(3).extracting(Finding::target).containsOnly("image:app");
    }

    @Test
    void trivyWithoutResultsCoversNoTarget() throws Exception {
        Report report = read("""
                {"SchemaVersion": 2, "ArtifactName": "app:1", "ArtifactType": "container_image"}""");
        assertThat(report.summary().tools()).isEmpty();
        assertThat(report.summary().targets()).as("not scanned, so nothing of it may be resolved").isEmpty();
    }

    @Test
    void trivyKubernetesNamesTheCluster() throws Exception {
        Report report = read("""
                {"ClusterName": "prod-eu", "Resources": [{"Namespace": "web", "Kind": "Deployment", "Name": "shop",
                  "Results": []}]}""");
        assertThat(report.summary().targets()).containsExactly("cluster:prod-eu");
    }

    @Test
    void grypeNamesTheImageOrThePath() throws Exception {
        String report = """
                {"matches": [], "source": %s, "descriptor": {"name": "grype", "version": "0.74.0"}}""";
        assertThat(read(report.formatted("""
                {"type": "image", "target": {"userInput": "ghcr.io/org/app:2.0", "tags": ["ghcr.io/org/app:2.0"]}}"""))
                .summary().targets()).containsExactly("image:ghcr.io/org/app");
        assertThat(read(report.formatted("""
                {"type": "image", "target": {"tags": ["app:2.0"]}}""")).summary().targets())
                .containsExactly("image:app");
        assertThat(read(report.formatted("""
                {"type": "directory", "target": "/work/src"}""")).summary().targets()).containsExactly("path:/work/src");
        assertThat(read(report.formatted("""
                {"type": "file", "target": "app.tar"}""")).summary().targets()).containsExactly("path:app.tar");
        assertThat(read(report.formatted("{}")).summary().targets()).isEmpty();
    }

    @Test
    void grypePutsTheTargetOnEveryMatch() throws Exception {
        Report report = read("""
                {"matches": [{"vulnerability": {"id": "CVE-2024-2", "severity": "High"},
                  "artifact": {"name": "openssl", "version": "3.0.1", "type": "deb"}}],
                 "source": {"type": "directory", "target": "."}, "descriptor": {"name": "grype"}}""");
        assertThat(report.findings()).extracting(Finding::target).containsExactly("path:.");
    }

    @Test
    void zapNamesEverySiteAlsoOneWithoutAlerts() throws Exception {
        Report report = read("""
                {"@programName": "ZAP", "@version": "2.16.1", "site": [
                  {"@name": "https://shop.example:8443", "alerts": [{"pluginid": "10038", "alert": "CSP",
                    "riskcode": "2", "instances": [{"uri": "https://shop.example:8443/cart?id=1", "method": "GET"}]}]},
                  {"@name": "https://api.example", "alerts": []}]}""");
        assertThat(report.summary().targets()).containsExactly("site:https://shop.example:8443", "site:https://api.example");
        assertThat(report.findings()).extracting(Finding::target).containsExactly("site:https://shop.example:8443");
    }

    @Test
    void zapXmlNamesItsSite() throws Exception {
        Report report = read("""
                <?xml version="1.0"?>
                <OWASPZAPReport version="2.9.0" generated="now">
                  <site name="http://intranet.example" host="intranet.example" port="80" ssl="false"><alerts/></site>
                </OWASPZAPReport>""");
        assertThat(report.summary().targets()).containsExactly("site:http://intranet.example");
    }

    @Test
    void dependencyCheckNamesTheProject() throws Exception {
        Report report = read("""
                {"reportSchema": "1.1", "scanInfo": {"engineVersion": "9.0.9"}, "projectInfo": {"name": "Web shop"},
                 "dependencies": [{"fileName": "a.jar", "filePath": "/w/a.jar"}]}""");
        assertThat(report.summary().targets()).containsExactly("project:Web shop");

        Report vulnerable = read("""
                {"reportSchema": "1.1", "scanInfo": {}, "projectInfo": {"name": "Web shop"},
                 "dependencies": [{"fileName": "a.jar", "filePath": "/w/a.jar",
                   "vulnerabilities": [{"name": "CVE-2024-3", "severity": "HIGH"}]}]}""");
        assertThat(vulnerable.findings()).extracting(Finding::target).containsExactly("project:Web shop");
    }

    @Test
    void snykNamesEachTestedProjectButNotOneItCouldNotTest() throws Exception {
        Report report = read("""
                [{"projectName": "com.example:shop", "packageManager": "maven", "displayTargetFile": "pom.xml",
                  "vulnerabilities": [], "uniqueCount": 0},
                 {"projectName": "web-ui", "packageManager": "npm", "displayTargetFile": "ui/package.json",
                  "vulnerabilities": [{"id": "SNYK-JS-X-1", "packageName": "x", "version": "1.0.0", "severity": "high",
                    "from": ["web-ui@1.0.0", "x@1.0.0"]}], "uniqueCount": 1},
                 {"projectName": "broken", "packageManager": "pip", "error": "could not resolve", "uniqueCount": 0}]""");
        assertThat(report.summary().targets()).containsExactly("project:com.example:shop", "project:web-ui");
        assertThat(report.findings()).extracting(Finding::target).containsExactly("project:web-ui");
    }

    @Test
    void snykContainerProjectsNameTheImage() throws Exception {
        Report report = read("""
                {"projectName": "docker-image|org/app", "packageManager": "deb", "docker": {"image": "org/app:3.1"},
                 "vulnerabilities": [], "uniqueCount": 0}""");
        assertThat(report.summary().targets()).containsExactly("image:org/app");
    }

    @Test
    void sarifNamesTheRepositoryWithTheCategory() throws Exception {
        Report report = read("""
                {"version": "2.1.0", "runs": [
                  {"tool": {"driver": {"name": "CodeQL"}}, "results": [],
                   "versionControlProvenance": [{"repositoryUri": "https://github.com/Org/App.git"}],
                   "automationDetails": {"id": "codeql/javascript/2024-05-01T10:00"}},
                  {"tool": {"driver": {"name": "CodeQL"}}, "results": [],
                   "versionControlProvenance": [{"repositoryUri": "https://github.com/Org/App.git"}],
                   "automationDetails": {"id": "codeql/python/"}}]}""");
        assertThat(report.summary().targets()).as("two categories of one repository are two targets")
                .containsExactly("repo:https://github.com/org/app#codeql/javascript", "repo:https://github.com/org/app#codeql/python");
    }

    @Test
    void sarifTargetWithoutRepositoryOrCategory() throws Exception {
        String run = """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Semgrep"}}, "results": [], %s}]}""";
        assertThat(read(run.formatted("\"automationDetails\": {\"id\": \"semgrep-ci/\"}")).summary().targets())
                .containsExactly("category:semgrep-ci");
        assertThat(read(run.formatted("\"automationDetails\": {\"id\": \"run-4711\"}")).summary().targets())
                .as("an id without '/' is the run's own, not a category").isEmpty();
        assertThat(read(run.formatted("\"versionControlProvenance\": [{\"revisionId\": \"abc\"},"
                + " {\"repositoryUri\": \"https://git.example/app\"}]")).summary().targets())
                .containsExactly("repo:https://git.example/app");
        assertThat(read(run.formatted("\"versionControlProvenance\": null, \"automationDetails\": null"))
                .summary().targets()).isEmpty();
    }

    @Test
    void sarifTargetAfterTheResultsIsOnEveryResult() throws Exception {
        Report report = read("""
                {"version": "2.1.0", "runs": [
                  {"results": [{"ruleId": "R1", "message": {"text": "one"}}, {"ruleId": "R2", "message": {"text": "two"}}],
                   "tool": {"driver": {"name": "Scanner"}},
                   "automationDetails": {"id": "nightly/42"},
                   "versionControlProvenance": [{"repositoryUri": "https://git.example/app"}]},
                  {"tool": {"driver": {"name": "Scanner"}}, "results": [{"ruleId": "R3", "message": {"text": "three"}}]}]}""");
        assertThat(report.findings()).extracting(Finding::target)
                .containsExactly("repo:https://git.example/app#nightly", "repo:https://git.example/app#nightly", "");
        assertThat(report.summary().targets()).containsExactly("repo:https://git.example/app#nightly");
    }

    @Test
    void aSarifRunWithoutResultsCoversNoTarget() throws Exception {
        Report report = read("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}},
                  "versionControlProvenance": [{"repositoryUri": "https://git.example/app"}]}]}""");
        assertThat(report.summary().targets()).isEmpty();
    }

    @Test
    void formatsThatNameNoTargetHaveNone() throws Exception {
        assertThat(read("[]").summary().targets()).as("Gitleaks").isEmpty();
        assertThat(read("{\"results\": [], \"errors\": [], \"version\": \"1.50.0\"}").summary().targets())
                .as("Semgrep").isEmpty();
        assertThat(read("{\"auditReportVersion\": 2, \"vulnerabilities\": {}}").summary().targets())
                .as("npm audit").isEmpty();
        assertThat(read("{\"version\": \"15.0.0\", \"vulnerabilities\": [], \"scan\": {\"scanner\": {\"name\": \"Gemnasium\"},"
                + " \"analyzer\": {\"name\": \"Gemnasium\"}}}").summary().targets()).as("GitLab").isEmpty();
    }
}
