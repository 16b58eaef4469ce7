package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.jenkins.plugins.adoworkitems.core.parse.JsonReports.text;

/**
 * Trivy's JSON output: filesystem, repository and image reports ({@code SchemaVersion 2}), Kubernetes reports
 * ({@code ClusterName} with resources) and the legacy top-level array of results. One finding per vulnerability,
 * per failed misconfiguration check and per secret; passed checks are counted as ignored.
 *
 * <p>A secret's {@code Match} and {@code Code} hold the secret itself (usually, not always, masked), so they are
 * never read into a finding.
 */
public final class TrivyParser implements ReportParser {
    static final String TOOL = "Trivy";
    private static final String CONTAINER_IMAGE = "container_image";

    @Override
    public ReportFormat format() {
        return ReportFormat.TRIVY;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        if (shape.isObject()) {
            return shape.has("SchemaVersion") && (shape.has("ArtifactName") || shape.has("Results"))
                    || shape.has("ClusterName") && (shape.has("Resources") || shape.has("Misconfigurations")
                    || shape.has("Vulnerabilities"));
        }
        // the legacy report (before schema 2) is a bare array of results
        return shape.isArray() && shape.firstEntry().containsKey("Target")
                && shape.firstEntry().containsKey("Vulnerabilities");
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        return new Run(input, sink).read(root);
    }

    /**
     * Where a result's findings belong: the scanned artifact or Kubernetes resource.
     *
     * @param target the scan target ({@link ScanTarget}) the report names, or empty
     */
    private record Scope(String resource, String image, String cluster, String target) {
    }

    /** The state of one parse, so that the parser itself stays stateless. */
    private static final class Run {
        private final ReportInput input;
        private final Consumer<Finding> sink;
        private final ParseSummary.Counter counter = new ParseSummary.Counter();
        private final DuplicateFilter duplicates = new DuplicateFilter();
        private Tool tool = new Tool(TOOL, "");

        Run(ReportInput input, Consumer<Finding> sink) {
            this.input = input;
            this.sink = sink;
        }

        ParseSummary read(JsonNode root) throws ReportException {
            if (root.isArray()) {
                // the legacy report is the array of results itself
                counter.tool(TOOL);
                // its results name their own targets only in free text ("debian (debian 10.8)")
                readResults(root, "", new Scope("", "", "", ""));
            } else if (root.isObject()) {
                tool = new Tool(TOOL, text(root.path("Trivy"), "Version"));
                String image = CONTAINER_IMAGE.equals(text(root, "ArtifactType")) ? text(root, "ArtifactName") : "";
                Optional<JsonNode> results = container(root, "Results");
                // Newer Kubernetes reports list resources under Resources, older ones split them by scanner.
                Map<String, JsonNode> resources = new LinkedHashMap<>();
                for (String field : List.of("Resources", "Vulnerabilities", "Misconfigurations")) {
                    container(root, field).ifPresent(found -> resources.put(field, found));
                }
                if (results.isEmpty() && resources.isEmpty()) {
                    Coverage.notCovered(counter, input, root.has("ClusterName")
                            ? "no 'Resources', 'Vulnerabilities' or 'Misconfigurations' array"
                            : "no 'Results' array, which Trivy leaves out when it found no target to scan", TOOL);
                    return counter.summary();
                }
                counter.tool(TOOL);
                String cluster = text(root, "ClusterName");
                String target = cluster.isEmpty() ? artifactTarget(root) : ScanTarget.of("cluster", cluster);
                counter.target(target);
                if (results.isPresent()) {
                    readResults(results.get(), "/Results", new Scope("", image, "", target));
                }
                for (Map.Entry<String, JsonNode> field : resources.entrySet()) {
                    readResources(field.getValue(), "/" + field.getKey(), cluster, target);
                }
            } else {
                throw new ReportException(input.name(), "at /", "expected a Trivy report: a JSON object or array");
            }
            return counter.summary();
        }

        private void readResources(JsonNode resources, String pointer, String cluster, String target)
                throws ReportException {
            for (int i = 0; i < resources.size(); i++) {
                JsonNode resource = resources.get(i);
                if (!resource.isObject()) {
                    throw new ReportException(input.name(), "at " + pointer + "/" + i,
                            "expected a Kubernetes resource object");
                }
                String name = String.join("/", nonEmpty(text(resource, "Namespace"), text(resource, "Kind"),
                        text(resource, "Name")));
                String at = pointer + "/" + i;
                readResults(JsonReports.array(input, resource, at, "Results"), at + "/Results",
                        new Scope(name, "", cluster, target));
            }
        }

        private void readResults(JsonNode results, String pointer, Scope scope) throws ReportException {
            for (int i = 0; i < results.size(); i++) {
                JsonNode result = results.get(i);
                String at = pointer + "/" + i;
                if (!result.isObject()) {
                    throw new ReportException(input.name(), "at " + at, "expected a Trivy result object");
                }
                String key = scope.resource() + "\n" + text(result, "Target") + "\n";
                for (JsonNode vulnerability : objects(result, "Vulnerabilities", at, "a vulnerability object")) {
                    if (duplicates.firstTime(key + vulnerability)) {
                        emit(vulnerability(result, vulnerability, scope), scope);
                    } else {
                        counter.duplicate();
                    }
                }
                for (JsonNode misconfiguration : objects(result, "Misconfigurations", at,
                        "a misconfiguration object")) {
                    String status = text(misconfiguration, "Status");
                    // Entries without a status come from Trivy versions that listed failures only.
                    if (!status.isEmpty() && !"FAIL".equalsIgnoreCase(status)) {
                        counter.ignored();
                    } else if (duplicates.firstTime(key + misconfiguration)) {
                        emit(misconfiguration(result, misconfiguration, scope), scope);
                    } else {
                        counter.duplicate();
                    }
                }
                for (JsonNode secret : objects(result, "Secrets", at, "a secret object")) {
                    if (duplicates.firstTime(key + secret)) {
                        emit(secret(result, secret, scope), scope);
                    } else {
                        counter.duplicate();
                    }
                }
            }
        }

        private void emit(Finding.Builder finding, Scope scope) {
            counter.finding();
            sink.accept(finding.target(scope.target()).build());
        }

        private Finding.Builder vulnerability(JsonNode result, JsonNode vulnerability, Scope scope) {
            String id = text(vulnerability, "VulnerabilityID");
            String title = text(vulnerability, "Title");
            String packageName = text(vulnerability, "PkgName");
            String installed = text(vulnerability, "InstalledVersion");
            String target = text(result, "Target");
            List<String> cwes = cwes(vulnerability.path("CweIDs"));
            String image = scope.image();
            if (!scope.resource().isEmpty() && "os-pkgs".equals(text(result, "Class"))) {
                image = withoutDetail(target);
            }
            Finding.Builder finding = Finding.builder()
                    .tool(tool)
                    .rule(new Rule(id, title, title, text(vulnerability, "Description"),
                            text(vulnerability, "PrimaryURL"), "", List.of(), cwes))
                    .message(title.isEmpty() ? id + " in " + packageName + " " + installed : title)
                    .asset(Asset.ofPackage(text(result, "Type"), packageName, installed,
                            text(vulnerability, "FixedVersion"), scope.resource().isEmpty() ? target : scope.resource())
                            .withImage(image))
                    .score(score(vulnerability))
                    .property("status", text(vulnerability, "Status"))
                    .property("severitySource", text(vulnerability, "SeveritySource"))
                    .property("dataSource", text(vulnerability.path("DataSource"), "Name"))
                    .property("publishedDate", text(vulnerability, "PublishedDate"))
                    .property("cluster", scope.cluster())
                    .property("resultTarget", target);
            severity(finding, text(vulnerability, "Severity"));
            String pkgPath = text(vulnerability, "PkgPath");
            if (!pkgPath.isEmpty()) {
                finding.location(Location.of(pkgPath, 0));
            } else if ("lang-pkgs".equals(text(result, "Class"))) {
                finding.location(Location.of(target, 0));
            }
            Identifier.recognise(id).ifPresent(finding::identifier);
            cwes.forEach(cwe -> finding.identifier(new Identifier("CWE", cwe)));
            return finding;
        }

        private Finding.Builder misconfiguration(JsonNode result, JsonNode misconfiguration, Scope scope) {
            String id = text(misconfiguration, "ID");
            String avdId = text(misconfiguration, "AVDID");
            String title = text(misconfiguration, "Title");
            String message = text(misconfiguration, "Message");
            String path = scope.resource().isEmpty() ? text(result, "Target") : scope.resource();
            JsonNode cause = misconfiguration.path("CauseMetadata");
            Finding.Builder finding = Finding.builder()
                    .tool(tool)
                    .rule(new Rule(id.isEmpty() ? avdId : id, title, title, text(misconfiguration, "Description"),
                            text(misconfiguration, "PrimaryURL"), text(misconfiguration, "Resolution"),
                            nonEmpty(text(misconfiguration, "Type")), List.of()))
                    .message(message.isEmpty() ? title : message)
                    .location(new Location(path, cause.path("StartLine").asInt(0), 0, cause.path("EndLine").asInt(0),
                            0, "", ""))
                    .asset(new Asset("", "", "", text(result, "Type"), "", path, "", "", ""))
                    .property("status", text(misconfiguration, "Status"))
                    .property("resource", text(cause, "Resource"))
                    .property("provider", text(cause, "Provider"))
                    .property("service", text(cause, "Service"))
                    .property("cluster", scope.cluster());
            if (!avdId.isEmpty()) {
                finding.identifier(new Identifier("AVD", avdId));
            }
            severity(finding, text(misconfiguration, "Severity"));
            return finding;
        }

        /** Reads only fields that describe the rule and place, never {@code Match} or {@code Code}. */
        private Finding.Builder secret(JsonNode result, JsonNode secret, Scope scope) {
            String title = text(secret, "Title");
            String ruleId = text(secret, "RuleID");
            String path = scope.resource().isEmpty() ? text(result, "Target") : scope.resource();
            Finding.Builder finding = Finding.builder()
                    .tool(tool)
                    .rule(new Rule(ruleId, title, title, "", "", "", nonEmpty(text(secret, "Category")), List.of()))
                    .message(title.isEmpty() ? "Secret found by rule " + ruleId : title)
                    .location(new Location(path, secret.path("StartLine").asInt(0), 0, secret.path("EndLine").asInt(0),
                            0, "", ""))
                    .asset(Asset.NONE.withImage(scope.image()))
                    .property("category", text(secret, "Category"))
                    .property("cluster", scope.cluster());
            severity(finding, text(secret, "Severity"));
            return finding;
        }

        private void severity(Finding.Builder finding, String label) {
            finding.originalSeverity(label).severity(counter.severity(label));
        }

        /**
         * The entries of a result's or resource's array field, none when it is absent or null (Trivy leaves out
         * what it found nothing of); another type, or an entry that is not an object, is a broken report.
         *
         * @param what what an entry is, for the error: {@code a secret object}
         */
        private List<JsonNode> objects(JsonNode parent, String field, String pointer, String what)
                throws ReportException {
            JsonNode entries = JsonReports.array(input, parent, pointer, field);
            List<JsonNode> objects = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (!entries.get(i).isObject()) {
                    throw new ReportException(input.name(), "at " + pointer + "/" + field + "/" + i,
                            "expected " + what);
                }
                objects.add(entries.get(i));
            }
            return objects;
        }

        /** A top-level array of the report, when it has one (see {@link JsonReports#container}). */
        private Optional<JsonNode> container(JsonNode root, String field) throws ReportException {
            return JsonReports.container(input, root, "", field, JsonNodeType.ARRAY);
        }
    }

    /**
     * What a schema 2 report scanned, by {@code ArtifactType}: an image without its tag, a repository by its URL,
     * a file system or root file system as {@code path:} and the name as given, a virtual machine image as
     * {@code vm:}, an SBOM as {@code sbom:}, any other type as {@code type:name}. Empty without a name.
     */
    static String artifactTarget(JsonNode root) {
        String name = text(root, "ArtifactName");
        if (name.isBlank()) {
            return "";
        }
        String type = text(root, "ArtifactType");
        return switch (type) {
            case CONTAINER_IMAGE -> ScanTarget.image(name);
            case "repository" -> ScanTarget.repository(name);
            case "filesystem", "rootfs" -> ScanTarget.of("path", name);
            case "cyclonedx", "spdx" -> ScanTarget.of("sbom", name);
            case "" -> ScanTarget.of("artifact", name);
            default -> ScanTarget.of(type, name);
        };
    }

    /**
     * The CVSS score of the source Trivy took the severity from, else NVD's; version 3 only, because Trivy's
     * severity labels follow CVSS v3 bands.
     */
    private static Double score(JsonNode vulnerability) {
        JsonNode cvss = vulnerability.path("CVSS");
        for (String source : List.of(text(vulnerability, "SeveritySource"), "nvd")) {
            JsonNode score = cvss.path(source).path("V3Score");
            if (!source.isEmpty() && score.isNumber()) {
                return score.asDouble();
            }
        }
        return null;
    }

    private static List<String> cwes(JsonNode ids) {
        List<String> cwes = new ArrayList<>();
        for (JsonNode id : ids) {
            Identifier.cwe(id.asText()).filter(cwe -> !cwes.contains(cwe)).ifPresent(cwes::add);
        }
        return cwes;
    }

    /** {@code docker.io/redis:6.0.5} from Trivy's {@code docker.io/redis:6.0.5 (debian 10.4)}. */
    private static String withoutDetail(String target) {
        int detail = target.indexOf(" (");
        return detail > 0 ? target.substring(0, detail) : target;
    }

    private static List<String> nonEmpty(String... values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (!value.isEmpty()) {
                kept.add(value);
            }
        }
        return kept;
    }
}
