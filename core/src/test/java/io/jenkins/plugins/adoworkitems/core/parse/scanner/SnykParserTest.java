package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
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

class SnykParserTest extends AbstractParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new SnykParser();
    }

    @Test
    void oneVulnerabilityWithItsPackageIdentifiersAndPath() throws ReportException {
        Report report = parse("snyk/single_project_one_vuln.json");

        Finding xmlsec = report.findings().get(0);
        assertThat(report.findings()).hasSize(1);
        assertThat(xmlsec.rule().id()).isEqualTo("SNYK-JAVA-ORGAPACHESANTUARIO-460281");
        assertThat(xmlsec.message()).isEqualTo("XML External Entity (XXE) Injection");
        assertThat(xmlsec.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(xmlsec.score()).isEqualTo(6.5);
        assertThat(xmlsec.asset()).isEqualTo(Asset.ofPackage("maven", "org.apache.santuario:xmlsec", "2.1.1", "2.1.4",
                "pom.xml"));
        assertThat(xmlsec.identifier("CVE")).isEqualTo("CVE-2019-12400");
        assertThat(xmlsec.identifier("CWE")).isEqualTo("CWE-611");
        assertThat(xmlsec.identifier("SNYK")).isEqualTo("SNYK-JAVA-ORGAPACHESANTUARIO-460281");
        assertThat(xmlsec.locations()).containsExactly(new Location("pom.xml", 0, 0, 0, 0, "",
                "com.test:myframework@1.0.0-SNAPSHOT > org.apache.santuario:xmlsec@2.1.1"));
    }

    @Test
    void everyDependencyPathInTheFileBecomesALocation() throws Exception {
        JsonNode file = JSON.readTree(Samples.sample("snyk/single_project_many_vulns.json").toFile());
        int paths = 0;
        for (JsonNode vulnerability : file.path("vulnerabilities")) {
            paths += vulnerability.path("from").isArray() ? 1 : 0;
        }

        Report report = parse("snyk/single_project_many_vulns.json");

        assertThat(report.findings().stream().mapToInt(f -> f.locations().size()).sum()).isEqualTo(paths).isEqualTo(41);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.HIGH).hasSize(12);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.MEDIUM).hasSize(29);
    }

    @Test
    void aVulnerabilityListedOncePerPathIsOneFinding() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("snyk/single_project_one_vuln.json").toFile());
        ArrayNode vulnerabilities = (ArrayNode) report.path("vulnerabilities");
        ObjectNode viaOtherParent = vulnerabilities.get(0).deepCopy();
        viaOtherParent.putArray("from").add("com.test:myframework@1.0.0-SNAPSHOT")
                .add("org.opensaml:opensaml@2.6.4").add("org.apache.santuario:xmlsec@2.1.1");
        vulnerabilities.add(viaOtherParent);
        vulnerabilities.add(viaOtherParent.deepCopy());

        Report parsed = parseTree(report, ParseOptions.DEFAULTS);

        assertThat(parsed.findings()).hasSize(1);
        assertThat(parsed.summary().duplicates()).isEqualTo(1);
        assertThat(parsed.findings().get(0).locations()).extracting(Location::message).containsExactly(
                "com.test:myframework@1.0.0-SNAPSHOT > org.apache.santuario:xmlsec@2.1.1",
                "com.test:myframework@1.0.0-SNAPSHOT > org.opensaml:opensaml@2.6.4 > org.apache.santuario:xmlsec@2.1.1");
        assertThat(parsed.findings().get(0).properties()).containsEntry("dependencyPaths", "2");
    }

    @Test
    void allProjectsArrayKeepsTheSameVulnerabilityApartPerProject() throws ReportException {
        Report report = parse("snyk/all-projects_many_vulns.json");

        assertThat(report.findings()).extracting(f -> f.rule().id(), f -> f.asset().installedVersion(),
                f -> f.asset().target()).containsExactly(
                tuple("SNYK-JAVA-COMGOOGLEGUAVA-1015415", "29.0-jre", "pom.xml"),
                tuple("SNYK-JAVA-COMGOOGLEGUAVA-1015415", "22.0", "project-a/pom.xml"),
                tuple("SNYK-JAVA-COMGOOGLEGUAVA-32236", "22.0", "project-a/pom.xml"),
                tuple("SNYK-JAVA-COMGOOGLEGUAVA-1015415", "29.0-jre", "project-b/pom.xml"));
        assertThat(report.findings().get(2).identifier("GHSA")).isEqualTo("GHSA-mvr2-9pj6-7w5j");
        assertThat(report.findings().get(0).fingerprint()).isNotEqualTo(report.findings().get(3).fingerprint());
    }

    @Test
    void containerProjectAndItsApplicationsCarryTheImage() throws ReportException {
        Report report = parse("snyk/snykcontainer_issue_epss.json");

        // One OS package issue plus the twelve of the npm application inside the image: uniqueCount 13.
        assertThat(report.findings()).hasSize(13);
        Finding gcc = report.findings().get(0);
        assertThat(gcc.asset()).isEqualTo(new Asset("gcc-10/libgcc-s1", "10.2.1-6", "", "debian:11",
                "sarim04/juiceshop", "docker-image|sarim04/juiceshop", "", "", ""));
        assertThat(gcc.severity()).isEqualTo(Severity.LOW);
        assertThat(gcc.properties()).containsEntry("epssProbability", "0.00046").containsEntry("epssPercentile", "0.14414");

        Finding expressJwt = report.findings().get(1);
        assertThat(expressJwt.asset()).isEqualTo(new Asset("express-jwt", "0.1.3", "6.0.0", "npm", "sarim04/juiceshop",
                "/juice-shop/package.json", "", "", ""));
        assertThat(expressJwt.identifier("GHSA")).isEqualTo("GHSA-6g6m-m6h5-w9gf");
        assertThat(expressJwt.score()).isEqualTo(7.4);
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL)
                .extracting(f -> f.rule().id()).containsExactly("SNYK-JS-SANITIZEHTML-585892");
    }

    @Test
    void ignoredIssuesAreSuppressed() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("snyk/single_project_one_vuln.json").toFile());
        ((ArrayNode) report.path("filtered").path("ignore")).add(report.path("vulnerabilities").get(0).deepCopy());
        report.putArray("vulnerabilities");

        Report skipped = parseTree(report, ParseOptions.DEFAULTS);
        assertThat(skipped.findings()).isEmpty();
        assertThat(skipped.summary().suppressed()).isEqualTo(1);

        Report kept = parseTree(report, ParseOptions.DEFAULTS.withIncludeSuppressed(true));
        assertThat(kept.findings()).singleElement().extracting(Finding::suppressed).isEqualTo(true);
    }

    @Test
    void unknownSeverityIsMediumWithAWarning() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(Samples.sample("snyk/single_project_one_vuln.json").toFile());
        ((ObjectNode) report.path("vulnerabilities").get(0)).put("severity", "urgent");

        Report parsed = parseTree(report, ParseOptions.DEFAULTS);

        assertThat(parsed.findings().get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(parsed.summary().warnings()).singleElement().asString().contains("'urgent'");
    }

    @Test
    void noVulnerabilities() throws ReportException {
        assertThat(parse("snyk/single_project_no_vulns.json").findings()).isEmpty();
        assertThat(parse("snyk/single_project_no_vulns.json").summary().tools()).containsExactly("Snyk");
    }

    private Report parseTree(ObjectNode tree, ParseOptions options) throws IOException, ReportException {
        Path file = temp.resolve("report.json");
        JSON.writeValue(file.toFile(), tree);
        return new FindingsReader(options).read(new ReportInput("report.json", file), Optional.of(parser().format()));
    }
}
