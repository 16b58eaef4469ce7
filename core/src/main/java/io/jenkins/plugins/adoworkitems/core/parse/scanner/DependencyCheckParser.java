package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import io.jenkins.plugins.adoworkitems.core.parse.DuplicateFilter;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;
import io.jenkins.plugins.adoworkitems.core.parse.ReportShape;
import io.jenkins.plugins.adoworkitems.core.parse.XmlReports;
import io.jenkins.plugins.adoworkitems.core.parse.XmlReports.Element;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OWASP Dependency-Check's XML report (any {@code dependency-check.X.Y.xsd}) and JSON report: one finding per
 * vulnerability of each dependency. See docs/formats.md.
 */
public final class DependencyCheckParser implements ReportParser {
    static final String TOOL = "Dependency-Check";
    private static final String NAMESPACE = "jeremylong.github.io/DependencyCheck/dependency-check";

    @Override
    public ReportFormat format() {
        return ReportFormat.DEPENDENCY_CHECK;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        boolean xml = shape.isXmlRoot("analysis", NAMESPACE);
        boolean json = shape.has("reportSchema") && shape.has("dependencies") && shape.has("scanInfo");
        return xml || json;
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        boolean xml = XmlReports.isXml(input);
        Optional<DependencyCheckReport> read = xml ? fromXml(input, options) : fromJson(input, options);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        if (read.isEmpty()) {
            Coverage.notCovered(counter, input, xml ? "no <dependencies> element" : "no 'dependencies' array", TOOL);
            return counter.summary();
        }
        DependencyCheckReport report = read.get();
        counter.tool(TOOL);
        DuplicateFilter seen = new DuplicateFilter();
        Path reportDir = input.path().toAbsolutePath().normalize().getParent();
        String target = ScanTarget.of("project", report.project());
        counter.target(target);
        Tool tool = new Tool(TOOL, report.engineVersion());
        for (DependencyCheckReport.Dependency dependency : report.dependencies()) {
            for (DependencyCheckReport.Vulnerability vulnerability : dependency.vulnerabilities()) {
                if (vulnerability.suppressed() && !options.includeSuppressed()) {
                    counter.suppressed();
                    continue;
                }
                if (!seen.firstTime(dependency.identity() + "\n" + vulnerability.canonical())) {
                    counter.duplicate();
                    continue;
                }
                sink.accept(finding(tool, dependency, vulnerability, reportDir, counter).target(target).build());
                counter.finding();
            }
        }
        return counter.summary();
    }

    private static Finding.Builder finding(Tool tool, DependencyCheckReport.Dependency dependency,
                                   DependencyCheckReport.Vulnerability vulnerability, Path reportDir,
                                   ParseSummary.Counter counter) {
        Double score = vulnerability.score();
        String label = vulnerability.severity();
        Severity severity = Severity.fromLabel(label).orElseGet(() -> label.isEmpty() && score != null
                ? Severity.fromScore(score)
                : counter.unknownSeverity(label, score != null ? Severity.fromScore(score) : Severity.MEDIUM,
                        "by their CVSS score where they have one, else as Medium"));
        String name = vulnerability.name();
        List<String> cwes = vulnerability.cwes().stream().map(Identifier::cwe).flatMap(Optional::stream)
                .distinct().toList();
        String description = vulnerability.description().strip().replaceAll("\\s+", " ");
        String help = vulnerability.referenceUrls().stream().findFirst().orElse("");
        String target = DependencyCheckPaths.target(dependency.filePath(), reportDir);
        Finding.Builder builder = Finding.builder()
                .tool(tool)
                .rule(new Rule(name, name, "", description, help, "", List.of(), cwes))
                .severity(severity)
                .originalSeverity(label)
                .score(score)
                .message(description)
                .asset(DependencyCheckPaths.asset(dependency, target))
                .suppressed(vulnerability.suppressed())
                .property("source", vulnerability.source())
                .property("fileName", dependency.fileName())
                .property("filePath", dependency.filePath());
        Identifier id = Identifier.recognise(name).orElseGet(() -> vulnerability.source().isEmpty()
                ? Identifier.of(name) : new Identifier(vulnerability.source(), name));
        builder.identifier(id);
        cwes.forEach(cwe -> builder.identifier(new Identifier("CWE", cwe)));
        return builder;
    }

    /** The report, or empty when it has no {@code <dependencies>}: then it does not cover Dependency-Check. */
    private static Optional<DependencyCheckReport> fromXml(ReportInput input, ParseOptions options)
            throws ReportException {
        Element root = XmlReports.readTree(input, options, Set.of("evidenceCollected"));
        if (!root.name().equals("analysis") || !root.namespace().contains(NAMESPACE)) {
            throw new ReportException(input.name(), "line " + root.line(), "not a Dependency-Check XML report: "
                    + "the root element is <" + root.name() + "> in namespace '" + root.namespace()
                    + "', expected <analysis> in a dependency-check.X.Y.xsd namespace");
        }
        Optional<Element> listed = root.child("dependencies");
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        List<DependencyCheckReport.Dependency> dependencies = new ArrayList<>();
        for (Element dependency : listed.get().children()) {
            if (!dependency.name().equals("dependency")) {
                throw new ReportException(input.name(), "line " + dependency.line(), "expected <dependency> in "
                        + "<dependencies>, found <" + dependency.name() + ">");
            }
            List<DependencyCheckReport.Vulnerability> vulnerabilities = new ArrayList<>();
            // The XSD puts <suppressedVulnerability> inside <vulnerabilities>; the element name decides.
            for (String container : List.of("vulnerabilities", "suppressedVulnerabilities")) {
                dependency.child(container).ifPresent(list -> list.children().forEach(element -> vulnerabilities.add(
                        vulnerability(element, element.name().equals("suppressedVulnerability")
                                || container.equals("suppressedVulnerabilities")))));
            }
            Set<String> purls = new LinkedHashSet<>();
            Set<String> mavenCoordinates = new LinkedHashSet<>();
            dependency.child("identifiers").ifPresent(identifiers -> {
                identifiers.descendants("package").forEach(pkg -> purls.add(pkg.childText("id")));
                identifiers.descendants("identifier").stream()
                        .filter(identifier -> identifier.attribute("type").equals("maven"))
                        .forEach(identifier -> mavenCoordinates.add(identifier.childText("name")));
            });
            dependencies.add(new DependencyCheckReport.Dependency(dependency.childText("fileName"),
                    dependency.childText("filePath"), List.copyOf(purls), List.copyOf(mavenCoordinates),
                    vulnerabilities));
        }
        String version = root.child("scanInfo").map(info -> info.childText("engineVersion")).orElse("");
        String project = root.child("projectInfo").map(info -> info.childText("name")).orElse("");
        return Optional.of(new DependencyCheckReport(version, project, dependencies));
    }

    private static DependencyCheckReport.Vulnerability vulnerability(Element element, boolean suppressed) {
        List<String> cwes = new ArrayList<>();
        element.children("cwe").forEach(cwe -> cwes.add(cwe.text()));
        element.child("cwes").ifPresent(list -> list.children("cwe").forEach(cwe -> cwes.add(cwe.text())));
        List<String> urls = element.child("references").map(list -> list.children("reference").stream()
                .map(reference -> reference.childText("url").strip()).filter(url -> !url.isEmpty()).toList())
                .orElse(List.of());
        Double score = DependencyCheckReport.number(element.child("cvssV3").map(v3 -> v3.childText("baseScore"))
                .orElse(""));
        if (score == null) {
            score = DependencyCheckReport.number(element.child("cvssV2").map(v2 -> v2.childText("score")).orElse(""));
        }
        if (score == null) {
            score = DependencyCheckReport.number(element.childText("cvssScore"));
        }
        return new DependencyCheckReport.Vulnerability(element.childText("name"), element.attribute("source"),
                element.childText("severity"), score, cwes, element.childText("description"), urls, suppressed,
                element.canonical());
    }

    /** The report, or empty when it has no {@code dependencies}: then it does not cover Dependency-Check. */
    private static Optional<DependencyCheckReport> fromJson(ReportInput input, ParseOptions options)
            throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        if (!root.isObject() || !root.has("reportSchema") && !root.has("scanInfo")) {
            // another tool's report, read as Dependency-Check's on the user's word (--format)
            throw new ReportException(input.name(), "at /", "not a Dependency-Check JSON report: expected an object "
                    + "with 'reportSchema', 'scanInfo' and a 'dependencies' array");
        }
        Optional<JsonNode> dependencies = JsonReports.container(input, root, "", "dependencies", JsonNodeType.ARRAY);
        if (dependencies.isEmpty()) {
            return Optional.empty();
        }
        List<DependencyCheckReport.Dependency> result = new ArrayList<>();
        for (int i = 0; i < dependencies.get().size(); i++) {
            JsonNode dependency = dependencies.get().get(i);
            String at = "/dependencies/" + i;
            if (!dependency.isObject()) {
                throw new ReportException(input.name(), "at " + at, "expected a dependency object");
            }
            List<DependencyCheckReport.Vulnerability> vulnerabilities = new ArrayList<>();
            // a dependency without vulnerabilities has none of these arrays
            for (String field : List.of("vulnerabilities", "suppressedVulnerabilities")) {
                JsonNode entries = JsonReports.array(input, dependency, at, field);
                for (int j = 0; j < entries.size(); j++) {
                    if (!entries.get(j).isObject()) {
                        throw new ReportException(input.name(), "at " + at + "/" + field + "/" + j,
                                "expected a vulnerability object");
                    }
                    vulnerabilities.add(vulnerability(entries.get(j), field.equals("suppressedVulnerabilities")));
                }
            }
            List<String> purls = new ArrayList<>();
            dependency.path("packages").forEach(pkg -> purls.add(JsonReports.text(pkg, "id")));
            result.add(new DependencyCheckReport.Dependency(JsonReports.text(dependency, "fileName"),
                    JsonReports.text(dependency, "filePath"), purls, List.of(), vulnerabilities));
        }
        return Optional.of(new DependencyCheckReport(JsonReports.text(root.path("scanInfo"), "engineVersion"),
                JsonReports.text(root.path("projectInfo"), "name"), result));
    }

    private static DependencyCheckReport.Vulnerability vulnerability(JsonNode node, boolean suppressed) {
        List<String> cwes = new ArrayList<>();
        node.path("cwes").forEach(cwe -> cwes.add(cwe.asText()));
        List<String> urls = new ArrayList<>();
        node.path("references").forEach(reference -> {
            String url = JsonReports.text(reference, "url").strip();
            if (!url.isEmpty()) {
                urls.add(url);
            }
        });
        Double score = DependencyCheckReport.number(JsonReports.text(node.path("cvssv3"), "baseScore"));
        if (score == null) {
            score = DependencyCheckReport.number(JsonReports.text(node.path("cvssv2"), "score"));
        }
        return new DependencyCheckReport.Vulnerability(JsonReports.text(node, "name"), JsonReports.text(node, "source"),
                JsonReports.text(node, "severity"), score, cwes, JsonReports.text(node, "description"), urls,
                suppressed, node.toString());
    }
}
