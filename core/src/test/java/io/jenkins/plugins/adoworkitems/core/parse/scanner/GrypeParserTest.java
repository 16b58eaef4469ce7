package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GrypeParserTest extends AbstractParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new GrypeParser();
    }

    @Test
    void imageReportGivesOneFindingPerMatchAndMergesTheIdenticalDjangoMatch() throws ReportException {
        Report report = parse("grype/check_all_fields.json");

        // Six matches, the two Django GHSA-v6rh-hp5x-86rv entries are identical.
        assertThat(report.findings()).hasSize(5);
        assertThat(report.summary().duplicates()).isEqualTo(1);
        assertThat(report.findings()).extracting(f -> f.rule().id(), f -> f.asset().packageName(), Finding::severity)
                .containsExactly(
                        tuple("CVE-2004-0971", "libgssapi-krb5-2", Severity.INFO),
                        tuple("CVE-2021-32626", "redis", Severity.HIGH),
                        tuple("CVE-2021-33574", "libc-bin", Severity.CRITICAL),
                        tuple("CVE-2021-33574", "libc6", Severity.CRITICAL),
                        tuple("GHSA-v6rh-hp5x-86rv", "Django", Severity.HIGH));
        assertThat(report.findings()).extracting(Finding::tool).containsOnly(
                new Tool("Grype", "0.28.0"));

        Finding krb5 = report.findings().get(0);
        assertThat(krb5.originalSeverity()).isEqualTo("Negligible");
        assertThat(krb5.asset()).isEqualTo(Asset.ofPackage("deb", "libgssapi-krb5-2", "1.17-3+deb10u3", "",
                "vulnerable-image:latest").withImage("vulnerable-image:latest"));
        assertThat(krb5.locations()).extracting(Location::path).containsExactly("/var/lib/dpkg/status",
                "/var/lib/dpkg/info/libgssapi-krb5-2:amd64.md5sums", "/usr/share/doc/libgssapi-krb5-2/copyright");
        assertThat(krb5.score()).as("from the related NVD entry").isEqualTo(2.1);
        assertThat(krb5.properties()).containsEntry("distro", "debian 10").containsEntry("fixState", "not-fixed");

        Finding redis = report.findings().get(1);
        assertThat(redis.asset().fixedVersion()).isEqualTo("fix_1, fix_2");
        assertThat(redis.score()).as("CVSS 3.1 over 2.0").isEqualTo(8.8);

        Finding django = report.findings().get(4);
        assertThat(django.identifier("GHSA")).isEqualTo("GHSA-v6rh-hp5x-86rv");
        assertThat(django.identifier("CVE")).isEqualTo("CVE-2021-44420");
        assertThat(django.asset().installedVersion()).isEqualTo("3.2.9");
        assertThat(django.asset().fixedVersion()).isEqualTo("3.2.10");
        assertThat(django.score()).isEqualTo(7.3);
        assertThat(django.message()).isEqualTo("Potential bypass of an upstream access control based on URL paths in Django");
    }

    @Test
    void directoryScanNamesTheLockFileAsTarget() throws ReportException {
        Report report = parse("grype/many_vulns4.json");

        assertThat(report.findings()).hasSize(9);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).hasSize(2);
        Finding staticEval = report.findings().get(8);
        assertThat(staticEval.asset()).isEqualTo(Asset.ofPackage("npm", "static-eval", "2.1.0", "", "components/yarn.lock"));
        assertThat(staticEval.identifier("GHSA")).isEqualTo("GHSA-8v27-2fg9-7h62");
        assertThat(staticEval.identifier("CVE")).isEqualTo("CVE-2021-23334");
        assertThat(report.findings().get(7).asset().target()).isEqualTo("requirements.txt");
    }

    @Test
    void samePackageAtTwoPathsIsTwoFindingsWithOneIdentity() throws ReportException {
        List<Finding> findings = parse("grype/same_cve_different_paths.json").findings();

        assertThat(findings).extracting(f -> f.primaryLocation().path())
                .containsExactly("/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(findings.get(0).fingerprint()).isEqualTo(findings.get(1).fingerprint());
    }

    @Test
    void fixedVersionAndNoVulnerabilities() throws ReportException {
        Finding java = parse("grype/fix_available.json").findings().get(0);
        assertThat(java.asset().fixedVersion()).isEqualTo("1.2.3");
        assertThat(java.asset().image()).isEqualTo("REDACTED");
        assertThat(java.score()).isEqualTo(7.5);

        assertThat(parse("grype/no_vuln.json").findings()).isEmpty();
        assertThat(parse("grype/no_vuln.json").summary().tools()).containsExactly("Grype");
    }

    @Test
    void unknownSeverityIsMediumWithAWarning() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("grype/fix_available.json").toFile());
        ((ObjectNode) report.path("matches").get(0).path("vulnerability")).put("severity", "Catastrophic");

        Report parsed = parseTree(report);

        assertThat(parsed.findings().get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(parsed.summary().warnings()).singleElement().asString().contains("'Catastrophic'");
    }

    /** Grype's Unknown means not yet rated: Medium with a warning, never Info, so that a threshold keeps it. */
    @Test
    void unratedIsMediumWithAWarningButNegligibleIsInfo() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("grype/many_vulns4.json").toFile());
        ((ObjectNode) report.path("matches").get(0).path("vulnerability")).put("severity", "Unknown");
        ((ObjectNode) report.path("matches").get(1).path("vulnerability")).put("severity", "Negligible");

        Report parsed = parseTree(report);

        assertThat(parsed.findings()).extracting(Finding::severity).startsWith(Severity.MEDIUM, Severity.INFO);
        assertThat(parsed.summary().warnings()).singleElement().asString().contains("'Unknown'");
    }

    @Test
    void matchesThatAreNotAnArrayAreAClearError() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("grype/no_vuln.json").toFile());
        report.putObject("matches");

        assertThatThrownBy(() -> parseTree(report)).isInstanceOfSatisfying(ReportException.class,
                e -> assertThat(e.getMessage()).isEqualTo("report.json: at /matches: expected an array, found object"));
    }

    private Report parseTree(ObjectNode tree) throws IOException, ReportException {
        Path file = temp.resolve("report.json");
        JSON.writeValue(file.toFile(), tree);
        return new FindingsReader().read(new ReportInput("report.json", file), Optional.of(parser().format()));
    }
}
