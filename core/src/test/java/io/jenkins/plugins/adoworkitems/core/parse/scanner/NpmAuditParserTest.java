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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NpmAuditParserTest extends AbstractParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new NpmAuditParser();
    }

    @Test
    void onePackageWithTwoAdvisoriesIsTwoFindings() throws ReportException {
        Report report = parse("npm-audit/one_vuln.json");

        assertThat(report.findings()).extracting(f -> f.rule().id(), Finding::severity, Finding::score).containsExactly(
                tuple("GHSA-gxpj-cx7g-858c", Severity.MEDIUM, 5.3),
                tuple("GHSA-9vvw-cc9w-f27h", Severity.HIGH, 7.5));
        Finding redos = report.findings().get(0);
        assertThat(redos.message()).isEqualTo("Regular Expression Denial of Service in debug");
        assertThat(redos.originalSeverity()).isEqualTo("moderate");
        assertThat(redos.identifier("GHSA")).isEqualTo("GHSA-gxpj-cx7g-858c");
        assertThat(redos.identifier("NPM")).isEqualTo("1094222");
        assertThat(redos.identifier("CWE")).isEqualTo("CWE-400");
        assertThat(redos.rule().helpUri()).isEqualTo("https://github.com/advisories/GHSA-gxpj-cx7g-858c");
        // npm fixes debug by upgrading express, the package that pulls it in.
        assertThat(redos.asset()).isEqualTo(Asset.ofPackage("npm", "debug", "", "express@4.18.3", ""));
        assertThat(redos.locations()).containsExactly(Location.of("node_modules/debug", 0));
        assertThat(redos.properties()).containsEntry("vulnerableRange", "<2.6.9").containsEntry("isDirect", "true");
        assertThat(report.summary().ignored()).isZero();
    }

    @Test
    void packagesVulnerableOnlyThroughOthersAreIgnored() throws ReportException {
        Report report = parse("npm-audit/many_vulns.json");

        // debug, semver and undici carry advisories; @vercel/fun, @vercel/node and vercel only name them.
        assertThat(report.findings()).extracting(f -> f.asset().packageName(), f -> f.rule().id(), Finding::severity)
                .containsExactly(
                        tuple("debug", "GHSA-gxpj-cx7g-858c", Severity.MEDIUM),
                        tuple("semver", "GHSA-c2qf-rxjj-qqgw", Severity.MEDIUM),
                        tuple("undici", "GHSA-3787-6prv-h9w3", Severity.LOW));
        assertThat(report.summary().ignored()).isEqualTo(3);
        assertThat(report.findings().get(0).primaryLocation().path())
                .isEqualTo("node_modules/@vercel/fun/node_modules/debug");
        assertThat(report.findings().get(2).asset().fixedVersion()).isEqualTo("vercel@32.3.0");
        assertThat(report.findings().get(2).properties()).containsEntry("fixAvailable", "vercel@32.3.0 (semver major)");
    }

    @Test
    void noVulnerabilities() throws ReportException {
        Report report = parse("npm-audit/no_vuln.json");
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().tools()).containsExactly("npm audit");
        assertThat(report.summary().warnings()).isEmpty();
    }

    @Test
    void identicalAdvisoriesAreOneFindingAndUnknownSeverityWarnsOnce() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("npm-audit/one_vuln.json").toFile());
        ArrayNode via = (ArrayNode) report.path("vulnerabilities").path("debug").path("via");
        ((ObjectNode) via.get(0)).put("severity", "dire");
        ((ObjectNode) via.get(1)).put("severity", "dire");
        via.add(via.get(0).deepCopy());

        Report parsed = new FindingsReader().read(write(report), Optional.of(parser().format()));

        assertThat(parsed.findings()).hasSize(2).extracting(Finding::severity).containsOnly(Severity.MEDIUM);
        assertThat(parsed.summary().duplicates()).isEqualTo(1);
        assertThat(parsed.summary().warnings()).singleElement().asString().contains("'dire'");
    }

    private ReportInput write(ObjectNode tree) throws IOException {
        Path file = temp.resolve("report.json");
        JSON.writeValue(file.toFile(), tree);
        return new ReportInput("report.json", file);
    }
}
