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
import io.jenkins.plugins.adoworkitems.core.parse.ReportShape.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.jenkins.plugins.adoworkitems.core.parse.JsonReports.text;

/**
 * Snyk CLI JSON ({@code snyk test --json}, {@code snyk container test --json}): one project object, or an array
 * of them with {@code --all-projects}; a container project lists the applications found in the image under
 * {@code applications}. Snyk repeats a vulnerability once per dependency path; we merge those into one finding
 * per project, vulnerability, package and version, with one location per path.
 */
public final class SnykParser implements ReportParser {
    static final String TOOL = "Snyk";
    private static final String DOCKER_PREFIX = "docker-image|";

    @Override
    public ReportFormat format() {
        return ReportFormat.SNYK;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        if (shape.isArray()) {
            return project(shape.firstEntry()); // --all-projects
        }
        // a project's own keys, or, with its vulnerabilities first, the first one's Snyk-only keys
        Map<String, Kind> vulnerability = shape.keysOf("vulnerabilities");
        return shape.isObject() && shape.has("vulnerabilities") && (project(shape.members())
                || vulnerability.containsKey("packageManager")
                && (vulnerability.containsKey("isUpgradable") || vulnerability.containsKey("upgradePath")));
    }

    private static boolean project(Map<String, ?> keys) {
        return keys.containsKey("vulnerabilities") && keys.containsKey("packageManager")
                && (keys.containsKey("dependencyCount") || keys.containsKey("uniqueCount")
                || keys.containsKey("projectName"));
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        Run run = new Run(input, options, sink);
        if (root.isArray()) {
            List<String> uncovered = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                if (!run.project(root.get(i), "/" + i)) {
                    uncovered.add("/" + i);
                }
            }
            run.warnAboutUncovered(root.size(), uncovered);
        } else if (root.isObject()) {
            if (!run.project(root, "")) {
                Coverage.notCovered(run.counter, input, "no 'vulnerabilities' array", TOOL);
            }
        } else {
            throw new ReportException(input.name(), "at /", "expected a Snyk report: a JSON object or array");
        }
        return run.counter.summary();
    }

    /** The state of one parse, so that the parser itself stays stateless. */
    private static final class Run {
        private final ReportInput input;
        private final ParseOptions options;
        private final Consumer<Finding> sink;
        private final ParseSummary.Counter counter = new ParseSummary.Counter();
        private final DuplicateFilter duplicates = new DuplicateFilter();

        Run(ReportInput input, ParseOptions options, Consumer<Finding> sink) {
            this.input = input;
            this.options = options;
            this.sink = sink;
        }

        /**
         * Reads a top-level project, unless it has no {@code vulnerabilities} (Snyk's output for a project it
         * could not test has an {@code error} instead): then it covers nothing.
         *
         * @return whether the project covers Snyk
         */
        boolean project(JsonNode project, String pointer) throws ReportException {
            Optional<JsonNode> vulnerabilities = JsonReports.container(input, checkProject(project, pointer), pointer,
                    "vulnerabilities", JsonNodeType.ARRAY);
            if (vulnerabilities.isEmpty()) {
                return false;
            }
            counter.tool(TOOL);
            String target = target(project);
            counter.target(target);
            project(project, vulnerabilities.get(), pointer, "", target);
            return true;
        }

        /**
         * Warns about the projects of an {@code --all-projects} array that have no {@code vulnerabilities}. Their
         * targets are not recorded as covered, so their items are not resolved from this report.
         */
        void warnAboutUncovered(int projects, List<String> uncovered) {
            if (projects == 0 || uncovered.size() == projects) {
                Coverage.notCovered(counter, input,
                        projects == 0 ? "no project" : "no project has a 'vulnerabilities' array", TOOL);
            } else if (!uncovered.isEmpty()) {
                counter.warning(input.name() + ": the projects at " + String.join(", ", uncovered)
                        + " have no 'vulnerabilities' array, so their results are unknown and none of their items is"
                        + " resolved from this report");
            }
        }

        private JsonNode checkProject(JsonNode project, String pointer) throws ReportException {
            if (!project.isObject()) {
                throw new ReportException(input.name(), "at " + (pointer.isEmpty() ? "/" : pointer),
                        "expected a Snyk project object");
            }
            return project;
        }

        /**
         * @param parentImage the image an application was found in, for container projects' applications, whose
         *                    {@code vulnerabilities} Snyk leaves out when there are none
         * @param scanTarget the top-level project's scan target, which its applications share
         */
        private void project(JsonNode project, JsonNode vulnerabilities, String pointer, String parentImage,
                             String scanTarget) throws ReportException {
            String projectName = text(project, "projectName");
            String image = parentImage.isEmpty() ? image(project) : parentImage;
            String file = (text(project, "displayTargetFile").isEmpty() ? text(project, "targetFile")
                    : text(project, "displayTargetFile")).replace('\\', '/');
            String target = file.isEmpty() ? projectName : file;
            Map<String, List<JsonNode>> issues = group(vulnerabilities, pointer + "/vulnerabilities", projectName);
            for (List<JsonNode> paths : issues.values()) {
                emit(finding(project, paths, image, target, file, false).target(scanTarget).build());
            }
            // Issues ignored in the Snyk policy are listed apart, with the same shape.
            Map<String, List<JsonNode>> ignored = group(array(project.path("filtered"), "ignore", pointer + "/filtered"),
                    pointer + "/filtered/ignore", projectName);
            for (List<JsonNode> paths : ignored.values()) {
                if (options.includeSuppressed()) {
                    emit(finding(project, paths, image, target, file, true).target(scanTarget).build());
                } else {
                    counter.suppressed();
                }
            }
            JsonNode applications = array(project, "applications", pointer);
            for (int i = 0; i < applications.size(); i++) {
                String at = pointer + "/applications/" + i;
                JsonNode application = checkProject(applications.get(i), at);
                project(application, array(application, "vulnerabilities", at), at, image, scanTarget);
            }
        }

        private void emit(Finding finding) {
            counter.finding();
            sink.accept(finding);
        }

        /** Entries by project, id, package and version, in the order Snyk listed them; identical entries dropped. */
        private Map<String, List<JsonNode>> group(JsonNode vulnerabilities, String pointer, String projectName)
                throws ReportException {
            Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
            for (int i = 0; i < vulnerabilities.size(); i++) {
                JsonNode vulnerability = vulnerabilities.get(i);
                if (!vulnerability.isObject()) {
                    throw new ReportException(input.name(), "at " + pointer + "/" + i,
                            "expected a vulnerability object");
                }
                if (!duplicates.firstTime(projectName + "\n" + vulnerability)) {
                    counter.duplicate();
                    continue;
                }
                String key = String.join("\n", text(vulnerability, "id"), packageName(vulnerability),
                        text(vulnerability, "version"));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(vulnerability);
            }
            return groups;
        }

        private Finding.Builder finding(JsonNode project, List<JsonNode> paths, String image, String target,
                                        String file, boolean suppressed) {
            JsonNode first = paths.get(0);
            String id = text(first, "id");
            String title = text(first, "title");
            JsonNode identifiers = first.path("identifiers");
            List<String> cwes = new ArrayList<>();
            identifiers.path("CWE").forEach(cwe -> Identifier.cwe(cwe.asText())
                    .filter(value -> !cwes.contains(value)).ifPresent(cwes::add));
            String ecosystem = text(first, "packageManager").isEmpty() ? text(project, "packageManager")
                    : text(first, "packageManager");
            List<String> fixedIn = new ArrayList<>();
            first.path("fixedIn").forEach(version -> fixedIn.add(version.asText()));
            Double score = first.path("cvssScore").isNumber() ? first.path("cvssScore").asDouble() : null;

            Finding.Builder finding = Finding.builder()
                    .tool(new Tool(TOOL, ""))
                    .rule(new Rule(id, title, title, text(first, "description"),
                            id.isEmpty() ? "" : "https://security.snyk.io/vuln/" + id, "", List.of(), cwes))
                    .message(title.isEmpty() ? id : title)
                    .asset(Asset.ofPackage(ecosystem, packageName(first), text(first, "version"),
                            String.join(", ", fixedIn), target).withImage(image))
                    .score(score)
                    .suppressed(suppressed)
                    .property("projectName", text(project, "projectName"))
                    .property("cvssVector", text(first, "CVSSv3"))
                    .property("exploit", text(first, "exploit"))
                    .property("isUpgradable", text(first, "isUpgradable"))
                    .property("isPatchable", text(first, "isPatchable"))
                    .property("epssProbability", text(first.path("epssDetails"), "probability"))
                    .property("epssPercentile", text(first.path("epssDetails"), "percentile"))
                    .property("dependencyPaths", Integer.toString(paths.size()));
            for (JsonNode path : paths) {
                List<String> chain = new ArrayList<>();
                path.path("from").forEach(step -> chain.add(step.asText()));
                finding.location(new Location(file, 0, 0, 0, 0, "", String.join(" > ", chain)));
            }
            if (id.startsWith("SNYK-")) {
                finding.identifier(new Identifier("SNYK", id));
            }
            for (String type : List.of("CVE", "GHSA")) {
                identifiers.path(type).forEach(value -> Identifier.recognise(value.asText()).ifPresent(finding::identifier));
            }
            cwes.forEach(cwe -> finding.identifier(new Identifier("CWE", cwe)));
            String label = text(first, "severity");
            finding.originalSeverity(label).severity(counter.severity(label));
            return finding;
        }

        /** An array field, empty when absent or null; anything else is a broken report. */
        private JsonNode array(JsonNode parent, String field, String pointer) throws ReportException {
            return JsonReports.array(input, parent, pointer, field);
        }
    }

    /**
     * What a top-level project scanned: a container project's image without its tag; otherwise the project as
     * Snyk names it ({@code projectName}: a Maven {@code group:artifact}, a package.json's name…), which stays
     * the same across checkouts, unlike {@code path}; without a name, the manifest file.
     */
    private static String target(JsonNode project) {
        String image = image(project);
        if (!image.isEmpty()) {
            return ScanTarget.image(image);
        }
        String projectName = text(project, "projectName");
        if (!projectName.isBlank()) {
            return ScanTarget.of("project", projectName);
        }
        String file = text(project, "displayTargetFile").isEmpty() ? text(project, "targetFile")
                : text(project, "displayTargetFile");
        return ScanTarget.of("path", file.replace('\\', '/'));
    }

    /** {@code name} is the installed (binary) package in container scans, {@code packageName} its source package. */
    private static String packageName(JsonNode vulnerability) {
        String name = text(vulnerability, "name");
        return name.isEmpty() ? text(vulnerability, "packageName") : name;
    }

    /** {@code sarim04/juiceshop} from {@code docker.image} or the project name {@code docker-image|sarim04/juiceshop}. */
    private static String image(JsonNode project) {
        String image = text(project.path("docker"), "image");
        if (!image.isEmpty()) {
            return image;
        }
        String projectName = text(project, "projectName");
        return projectName.startsWith(DOCKER_PREFIX) ? projectName.substring(DOCKER_PREFIX.length()) : "";
    }
}
