package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.Map.entry;

/**
 * The scan target each real sample names (docs/formats.md, "Scan target"), in its summary, also without findings,
 * and on every finding. The table lists every good sample, so that a new one needs its line.
 */
@Tag("shared-data")
class SampleTargetsTest {
    private static final List<String> NONE = List.of();

    private static final Map<String, List<String>> TARGETS = new TreeMap<>(Map.ofEntries(
            entry("dependency-check/dc_empty.xml", NONE), // <name/>
            entry("dependency-check/multiple_vulnerabilities_has_multiple_findings.xml", List.of("project:Test Project")),
            entry("dependency-check/single_vuln.xml", List.of("project:Test Project")),
            entry("dependency-check/version-6.5.3.xml", NONE), // <name />
            entry("gitlab/dep-gl-dependency-scanning-report-many-vuln_v15.json", NONE),
            entry("gitlab/gl-sast-report-0-vuln.json", NONE),
            entry("gitlab/gl-sast-report-1-vuln_v14.json", NONE),
            entry("gitlab/gl-sast-report-many-vuln_v15.json", NONE),
            entry("gitleaks/gitleaks8_many.json", NONE),
            entry("gitleaks/no_findings.json", NONE),
            entry("gitleaks/redacted_data_many.json", NONE), // each leak's repo ".", which an empty report cannot name
            entry("grype/check_all_fields.json", List.of("image:vulnerable-image")),
            entry("grype/fix_available.json", List.of("image:redacted")),
            entry("grype/many_vulns4.json", List.of("path:.")), // written "\".\""
            entry("grype/no_vuln.json", List.of("image:busybox")),
            entry("grype/same_cve_different_paths.json", List.of("image:test-image")),
            entry("npm-audit/many_vulns.json", NONE),
            entry("npm-audit/no_vuln.json", NONE),
            entry("npm-audit/one_vuln.json", NONE),
            entry("sarif/SuppressionTestCurrent.sarif", NONE),
            entry("sarif/appendix_k.sarif", List.of("repo:https://github.com/example-corp/browser")),
            entry("sarif/appendix_k1.sarif", NONE),
            entry("sarif/appendix_k2.sarif", NONE),
            entry("sarif/appendix_k3.sarif", NONE),
            entry("sarif/appendix_k4.sarif", List.of("repo:https://github.com/example-corp/browser")),
            // versionControlProvenance after the results; automationDetails without an id
            entry("sarif/bash-report.sarif", List.of("repo:https://github.com/damiencarol/django-defectdojo")),
            entry("sarif/blackduck_nested_fingerprints.sarif", NONE),
            // results first, then versionControlProvenance with "https://gitlab.com/ourRepo.git"
            entry("sarif/broken-file-path.sarif", List.of("repo:https://gitlab.com/ourrepo")),
            entry("sarif/codeQL-output.sarif", NONE),
            entry("sarif/dependency_check.sarif", NONE),
            entry("sarif/dockle_0_3_15.sarif", NONE),
            entry("sarif/flawfinder.sarif", NONE),
            entry("sarif/gitleaks_7.5.0.sarif", NONE),
            entry("sarif/njsscan.sarif", NONE),
            entry("sarif/no-runs.sarif", NONE),
            entry("sarif/security-code-scan.sarif", NONE),
            entry("sarif/semgrepowasp-benchmark-sample.sarif", NONE),
            entry("sarif/spotbugs.sarif", NONE),
            entry("sarif/suppression_test.sarif", NONE),
            entry("sarif/taint-python-report.sarif", List.of("repo:https://github.com/damiencarol/django-defectdojo")),
            entry("semgrep/cwe_list.json", NONE),
            entry("semgrep/empty.json", NONE),
            entry("semgrep/high-medium-low-severities.json", NONE),
            entry("semgrep/many_vulns.json", NONE),
            entry("snyk/all-projects_many_vulns.json", List.of("project:com.test:version-collision",
                    "project:com.test:project-a", "project:com.test:project-b")),
            entry("snyk/single_project_many_vulns.json", List.of("project:com.test:myframework")),
            entry("snyk/single_project_no_vulns.json", List.of("project:com.test:maven-profiles")),
            entry("snyk/single_project_one_vuln.json", List.of("project:com.test:myframework")),
            // projectName docker-image|sarim04/juiceshop; its application juice-shop belongs to the image
            entry("snyk/snykcontainer_issue_epss.json", List.of("image:sarim04/juiceshop")),
            entry("trivy/all_statuses.json", NONE), // container_image with an empty ArtifactName
            entry("trivy/cvss_severity_source.json", List.of("sbom:sbom.json")),
            entry("trivy/kubernetes.json",
                    List.of("cluster:arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster")),
            entry("trivy/legacy_many_vulns.json", NONE),
            entry("trivy/misconfigurations_and_secrets.json", List.of("path:.")),
            entry("trivy/scheme_2_many_vulns.json", List.of("image:teamdojo")), // teamdojo:latest
            entry("trivy/scheme_2_no_vuln.json", List.of("image:trivy-unittest")),
            entry("zap/dvwa_baseline_dojo.xml", List.of("site:http://172.17.0.2")),
            entry("zap/empty_2.9.0.xml", List.of("site:https://isaac.nl")),
            entry("zap/some_2.9.0.xml", List.of("site:https://mainsite.com")),
            entry("zap/zap-results-first-scan.xml", List.of("site:http://bodgeit.securecodebox-demo.svc:8080")),
            entry("zap/zap_2.16.1_with_req_resp.xml", List.of("site:https://example-domain.com"))));

    @Test
    void everyGoodSampleIsInTheTable() throws IOException {
        Path root = Samples.sample("");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> good = files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.startsWith("bad/") && !name.equals("SOURCES.md")).sorted().toList();
            assertThat(TARGETS.keySet()).containsExactlyElementsOf(good);
        }
    }

    @Test
    void eachSampleNamesItsTargetsInTheSummaryAndOnEveryFinding() throws ReportException {
        ParseOptions withSuppressed = ParseOptions.DEFAULTS.withIncludeSuppressed(true);
        for (Map.Entry<String, List<String>> sample : TARGETS.entrySet()) {
            Report report = new FindingsReader(withSuppressed).read(ReportInput.of(Samples.sample(sample.getKey())),
                    Optional.empty());
            List<String> targets = sample.getValue();
            assertThat(report.summary().targets()).as(sample.getKey()).containsExactlyElementsOf(targets);
            assertThat(report.findings()).as(sample.getKey()).extracting(Finding::target)
                    .allMatch(target -> targets.isEmpty() ? target.isEmpty() : targets.contains(target));
            if (targets.size() == 1 && !report.findings().isEmpty()) {
                assertThat(report.findings()).extracting(Finding::target).containsOnly(targets.get(0));
            }
        }
    }
}
