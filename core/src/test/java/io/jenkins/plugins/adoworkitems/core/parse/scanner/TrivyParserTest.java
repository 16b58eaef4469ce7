package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.AbstractParserTest;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TrivyParserTest extends AbstractParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new TrivyParser();
    }

    /** A malformed copy of a Trivy report; it is Trivy's to reject with a clear error. */
    @Override
    protected Set<String> alsoRecognised() {
        return Set.of("bad/trailing-garbage-trivy.json");
    }

    @Test
    void imageReportGivesOneFindingPerVulnerabilityWithThePackageAndImage() throws ReportException {
        Report report = parse("trivy/scheme_2_many_vulns.json");

        assertThat(report.findings()).hasSize(5);
        assertThat(report.findings()).extracting(Finding::severity).containsExactly(
                Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL, Severity.MEDIUM, Severity.MEDIUM);
        Finding freetype = report.findings().get(0);
        assertThat(freetype.rule().id()).isEqualTo("CVE-2020-15999");
        assertThat(freetype.identifier("CVE")).isEqualTo("CVE-2020-15999");
        assertThat(freetype.identifier("CWE")).isEqualTo("CWE-787");
        assertThat(freetype.rule().cwes()).containsExactly("CWE-787");
        assertThat(freetype.asset()).isEqualTo(new Asset("freetype", "2.9.1-r2", "2.9.1-r3", "alpine",
                "teamdojo:latest", "teamdojo:latest (alpine 3.9.4)", "", "", ""));
        assertThat(freetype.primaryLocation().path()).isEqualTo("app/libs/freetype-2.9.1-r2");
        assertThat(freetype.score()).isEqualTo(6.5);
        assertThat(freetype.fingerprint().basis()).isEqualTo("package");

        Finding compress = report.findings().get(3);
        assertThat(compress.asset().packageName()).isEqualTo("org.apache.commons:commons-compress");
        assertThat(compress.asset().target()).isEqualTo("app/libs/commons-compress-1.14.jar");
        assertThat(compress.asset().ecosystem()).isEqualTo("jar");
        assertThat(compress.asset().fixedVersion()).isEqualTo("1.18");
    }

    @Test
    void scoreComesFromTheSeveritySourceElseNvd() throws ReportException {
        Report report = parse("trivy/cvss_severity_source.json");

        // curl: SeveritySource ubuntu has no CVSS entry, so NVD's 6.5; certifi: ghsa says 7.5 where NVD says 9.8.
        assertThat(report.findings()).extracting(f -> f.asset().packageName(), Finding::score, Finding::severity)
                .containsExactly(tuple("curl", 6.5, Severity.MEDIUM), tuple("certifi", 7.5, Severity.HIGH));
        // scheme_2: krb5-libs has SeveritySource nvd but only a redhat score, libbz2 has no CVSS at all.
        assertThat(parse("trivy/scheme_2_many_vulns.json").findings())
                .extracting(Finding::score).containsExactly(6.5, null, null, 5.5, 5.5);
    }

    @Test
    void failedMisconfigurationsAndSecretsAreFindings() throws ReportException {
        Report report = parse("trivy/misconfigurations_and_secrets.json");

        assertThat(report.findings()).hasSize(5);
        assertThat(report.summary().ignored()).isZero();
        Finding misconfiguration = report.findings().get(2);
        assertThat(misconfiguration.rule().id()).isEqualTo("DS002");
        assertThat(misconfiguration.severity()).isEqualTo(Severity.HIGH);
        assertThat(misconfiguration.message())
                .isEqualTo("Specify at least 1 USER command in Dockerfile with non-root user as argument");
        assertThat(misconfiguration.rule().helpText()).isEqualTo("Add 'USER <non root user name>' line to the Dockerfile");
        assertThat(misconfiguration.primaryLocation().path()).isEqualTo("Dockerfile");

        List<Finding> secrets = report.findings().subList(3, 5);
        assertThat(secrets).extracting(f -> f.rule().id(), Finding::severity, Finding::primaryLocation).containsExactly(
                tuple("github-pat", Severity.CRITICAL, new Location("Dockerfile", 24, 0, 24, 0, "", "")),
                tuple("github-pat", Severity.CRITICAL, new Location("secret.txt", 1, 0, 1, 0, "", "")));
        assertThat(secrets).extracting(Finding::message).containsOnly("GitHub Personal Access Token");
        for (Finding secret : secrets) {
            assertThat(secret.toString()).doesNotContain("GITHUB_PAT").doesNotContain("*****");
        }
    }

    @Test
    void passedAndExceptedChecksAreCountedAsIgnored() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("trivy/misconfigurations_and_secrets.json").toFile());
        ArrayNode checks = (ArrayNode) report.path("Results").get(1).path("Misconfigurations");
        checks.add(((ObjectNode) checks.get(0).deepCopy()).put("ID", "DS001").put("Status", "PASS"));
        checks.add(((ObjectNode) checks.get(0).deepCopy()).put("ID", "DS026").put("Status", "EXCEPTION"));

        Report parsed = parseTree(report);

        assertThat(parsed.findings()).hasSize(5);
        assertThat(parsed.findings()).extracting(f -> f.rule().id()).doesNotContain("DS001", "DS026");
        assertThat(parsed.summary().ignored()).isEqualTo(2);
    }

    @Test
    void aSecretNeverReachesTheFindingEvenWhenTrivyDidNotMaskIt() throws Exception {
        String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("trivy/misconfigurations_and_secrets.json").toFile());
        ObjectNode secret = (ObjectNode) report.path("Results").get(2).path("Secrets").get(0);
        secret.put("Match", "ENV GITHUB_PAT=" + token);
        secret.putObject("Code").putArray("Lines").addObject().put("Number", 24)
                .put("Content", "ENV GITHUB_PAT=" + token).put("IsCause", true);

        Report parsed = parseTree(report);

        assertThat(parsed.findings()).hasSize(5);
        assertThat(parsed.findings()).allSatisfy(finding -> assertThat(finding.toString()).doesNotContain(token));
    }

    @Test
    void kubernetesReportNamesTheResourceAsTarget() throws ReportException {
        Report report = parse("trivy/kubernetes.json");

        // 2 deployments x 5 vulnerabilities, 2 deployments x 5 failed checks; the services passed everything.
        assertThat(report.findings()).hasSize(20);
        Finding apt = report.findings().get(0);
        assertThat(apt.rule().id()).isEqualTo("CVE-2020-27350");
        assertThat(apt.asset()).isEqualTo(new Asset("apt", "1.8.2.1", "1.8.2.2", "debian",
                "gcr.io/google_samples/gb-redis-follower:v2", "default/Deployment/redis-follower", "", "", ""));
        assertThat(apt.score()).isEqualTo(5.7);
        assertThat(apt.properties()).containsEntry("cluster",
                "arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster");

        List<Finding> checks = report.findings().subList(10, 20);
        assertThat(checks).extracting(Finding::severity).filteredOn(Severity.LOW::equals).hasSize(6);
        assertThat(checks.get(0).rule().id()).isEqualTo("KSV001");
        assertThat(checks.get(0).primaryLocation())
                .isEqualTo(new Location("default/Deployment/redis-follower", 132, 0, 143, 0, "", ""));
        assertThat(checks.get(5).primaryLocation().path()).isEqualTo("default/Deployment/redis-leader");
        assertThat(checks.get(0).fingerprint()).isNotEqualTo(checks.get(5).fingerprint());
    }

    @Test
    void aReportWithoutVulnerabilitiesStillNamesTrivy() throws ReportException {
        Report report = parse("trivy/scheme_2_no_vuln.json");
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().tools()).containsExactly("Trivy");
    }

    @Test
    void legacyArrayReportIsRead() throws ReportException {
        Report report = parse("trivy/legacy_many_vulns.json");

        assertThat(report.findings()).hasSize(93);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.HIGH).hasSize(18);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.LOW).hasSize(65);
        // Trivy's UNKNOWN (not yet rated) is Medium, so that a threshold does not silently drop it, and warned of.
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.MEDIUM).hasSize(10);
        assertThat(report.findings()).filteredOn(f -> f.originalSeverity().equals("UNKNOWN"))
                .extracting(f -> f.rule().id(), Finding::severity)
                .containsExactly(tuple("TEMP-0981404-911A2F", Severity.MEDIUM));
        assertThat(report.findings()).noneMatch(f -> f.severity() == Severity.INFO);
        assertThat(report.summary().warnings()).singleElement().asString().contains("'UNKNOWN'");
        Finding gcc = report.findings().stream().filter(f -> f.rule().id().equals("CVE-2018-12886")).findFirst().orElseThrow();
        assertThat(gcc.asset()).isEqualTo(Asset.ofPackage("debian", "gcc-8-base", "8.3.0-6", "", "debian (debian 10.8)"));
        assertThat(gcc.score()).isEqualTo(8.1);
        assertThat(gcc.identifier("CWE")).isEqualTo("CWE-209");
    }

    @Test
    void everyVulnerabilityStatusIsAFinding() throws ReportException {
        Report report = parse("trivy/all_statuses.json");

        assertThat(report.findings()).hasSize(8);
        assertThat(report.findings()).extracting(f -> f.properties().get("status")).containsExactly(
                "unknown", "not_affected", "affected", "fixed", "under_investigation", "will_not_fix", "fix_deferred",
                "end_of_life");
    }

    @Test
    void identicalEntriesAreOneFinding() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("trivy/scheme_2_many_vulns.json").toFile());
        ArrayNode vulnerabilities = (ArrayNode) report.path("Results").get(0).path("Vulnerabilities");
        vulnerabilities.add(vulnerabilities.get(0).deepCopy());

        Report parsed = parseTree(report);

        assertThat(parsed.findings()).hasSize(5);
        assertThat(parsed.summary().duplicates()).isEqualTo(1);
    }

    @Test
    void unknownSeverityIsMediumWithOneWarningPerLabel() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("trivy/scheme_2_many_vulns.json").toFile());
        ArrayNode vulnerabilities = (ArrayNode) report.path("Results").get(0).path("Vulnerabilities");
        ((ObjectNode) vulnerabilities.get(0)).put("Severity", "SEVERE-ISH");
        ((ObjectNode) vulnerabilities.get(1)).put("Severity", "SEVERE-ISH");

        Report parsed = parseTree(report);

        assertThat(parsed.findings().subList(0, 2)).extracting(Finding::severity, Finding::originalSeverity)
                .containsOnly(tuple(Severity.MEDIUM, "SEVERE-ISH"));
        assertThat(parsed.summary().warnings()).singleElement().asString().contains("'SEVERE-ISH'");
    }

    @Test
    void trailingGarbageIsAClearError() {
        Path file = Samples.shared().resolve("samples/bad/trailing-garbage-trivy.json");
        assertThatThrownBy(() -> new FindingsReader().read(new ReportInput("bad/trailing-garbage-trivy.json", file),
                Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad/trailing-garbage-trivy.json");
                    assertThat(e.position()).matches("line \\d+, column \\d+.*");
                    assertThat(e.reason()).contains("after the end of the JSON document");
                });
    }

    @Test
    void resultsThatAreNotAnArrayAreAClearError() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("trivy/scheme_2_no_vuln.json").toFile());
        report.put("Results", "none");

        assertThatThrownBy(() -> parseTree(report)).isInstanceOfSatisfying(ReportException.class,
                e -> assertThat(e.getMessage()).isEqualTo("report.json: at /Results: expected an array, found string"));
    }

    private Report parseTree(ObjectNode tree) throws IOException, ReportException {
        Path file = temp.resolve("report.json");
        JSON.writeValue(file.toFile(), tree);
        return new FindingsReader().read(new ReportInput("report.json", file), Optional.of(parser().format()));
    }

}
