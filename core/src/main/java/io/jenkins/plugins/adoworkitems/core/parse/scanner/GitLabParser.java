package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab security report JSON (SAST, secret detection, dependency and container scanning): one finding per
 * entry of {@code vulnerabilities}. See docs/formats.md for why GitLab's {@code id} and {@code cve} are not
 * used as the finding's identity.
 */
public final class GitLabParser implements ReportParser {
    private static final Pattern UPGRADE = Pattern.compile("Upgrade to versions? (\\S.*?) or above\\.?");
    /**
     * The package manager GitLab's analyzers name for a lock file, used when the report lists no
     * {@code dependency_files}; same vocabulary, so that a package keeps its identity either way.
     */
    private static final Map<String, String> PACKAGE_MANAGERS = Map.ofEntries(
            Map.entry("go.sum", "go"), Map.entry("go.mod", "go"),
            Map.entry("package-lock.json", "npm"), Map.entry("npm-shrinkwrap.json", "npm"),
            Map.entry("yarn.lock", "yarn"), Map.entry("pnpm-lock.yaml", "pnpm"),
            Map.entry("pom.xml", "maven"), Map.entry("build.gradle", "gradle"),
            Map.entry("build.gradle.kts", "gradle"), Map.entry("gradle.lockfile", "gradle"),
            Map.entry("build.sbt", "sbt"), Map.entry("Gemfile.lock", "bundler"),
            Map.entry("requirements.txt", "pip"), Map.entry("Pipfile.lock", "pipenv"),
            Map.entry("poetry.lock", "poetry"), Map.entry("composer.lock", "composer"),
            Map.entry("packages.lock.json", "nuget"), Map.entry("conan.lock", "conan"));

    @Override
    public ReportFormat format() {
        return ReportFormat.GITLAB;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        if (!shape.has("vulnerabilities")) {
            return false;
        }
        Map<String, Kind> scan = shape.keysOf("scan");
        boolean reportKeys = shape.has("remediations") || shape.has("dependency_files")
                || scan.containsKey("analyzer") || scan.containsKey("scanner");
        // its entries' shape is GitLab's own, seen before any trailing report key; Snyk's identifiers is an object
        Map<String, Kind> entry = shape.keysOf("vulnerabilities");
        boolean entryShape = entry.get("identifiers") == Kind.ARRAY && entry.get("location") == Kind.OBJECT;
        return reportKeys || entryShape;
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        if (!root.isObject()) {
            throw new ReportException(input.name(), "at /",
                    "expected a GitLab security report object with a \"vulnerabilities\" array");
        }
        Scan scan = Scan.of(root);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        Optional<JsonNode> vulnerabilities = JsonReports.container(input, root, "", "vulnerabilities",
                JsonNodeType.ARRAY);
        if (vulnerabilities.isEmpty()) {
            Coverage.notCovered(counter, input, "no 'vulnerabilities' array",
                    scan.toolOf(MissingNode.getInstance()).name());
            return counter.summary();
        }
        if (!scan.tool().name().isEmpty() || vulnerabilities.get().isEmpty()) {
            // the report's scanner, also without findings; reports merged from several name theirs per entry
            counter.tool(scan.toolOf(MissingNode.getInstance()).name());
        }
        JsonReports.forEachNewObject(input, vulnerabilities.get(), "/vulnerabilities", "a vulnerability object",
                counter,
                (vulnerability, at) -> {
                    Finding finding = finding(vulnerability, scan, counter);
                    counter.tool(finding.tool().name());
                    counter.finding();
                    sink.accept(finding);
                });
        return counter.summary();
    }

    /** What the report says about the whole scan, shared by its vulnerabilities. */
    private record Scan(Tool tool, String type, String analyzer, Map<String, String> packageManagers) {
        static Scan of(JsonNode root) {
            JsonNode scan = root.path("scan");
            JsonNode scanner = scan.path("scanner");
            JsonNode analyzer = scan.path("analyzer");
            String analyzerText = (JsonReports.text(analyzer, "name") + " " + JsonReports.text(analyzer, "version")).strip();
            Map<String, String> managers = new HashMap<>();
            for (JsonNode file : root.path("dependency_files")) {
                managers.put(JsonReports.text(file, "path"), JsonReports.text(file, "package_manager"));
            }
            return new Scan(new Tool(JsonReports.text(scanner, "name"), JsonReports.text(scanner, "version")),
                    JsonReports.text(scan, "type"), analyzerText, managers);
        }

        /**
         * The scanner named in the entry (older reports, and reports merged from several analyzers), else the
         * report's, else just GitLab: some reports name no scanner at all.
         */
        Tool toolOf(JsonNode vulnerability) {
            String own = JsonReports.text(vulnerability.path("scanner"), "name");
            if (!own.isEmpty() && !own.equals(tool.name())) {
                return new Tool(own, "");
            }
            return tool.name().isEmpty() ? new Tool("GitLab", "") : tool;
        }
    }

    private static Finding finding(JsonNode vulnerability, Scan scan, ParseSummary.Counter counter) {
        List<Identifier> identifiers = new ArrayList<>();
        List<String> cwes = new ArrayList<>();
        for (JsonNode identifier : vulnerability.path("identifiers")) {
            Identifier id = identifier(identifier);
            if (!id.value().isEmpty()) {
                identifiers.add(id);
                if (id.type().equals("CWE") && !cwes.contains(id.value())) {
                    cwes.add(id.value());
                }
            }
        }
        JsonNode primary = vulnerability.path("identifiers").path(0);
        String name = firstOf(JsonReports.text(vulnerability, "name"), JsonReports.text(vulnerability, "message"));
        String description = JsonReports.text(vulnerability, "description");
        String ruleId = firstOf(JsonReports.text(primary, "value"), name);
        String solution = JsonReports.text(vulnerability, "solution");
        String label = JsonReports.text(vulnerability, "severity");
        JsonNode location = vulnerability.path("location");
        String file = JsonReports.text(location, "file");

        Finding.Builder builder = Finding.builder()
                .tool(scan.toolOf(vulnerability))
                .rule(new Rule(ruleId, name, JsonReports.text(vulnerability, "message"), description,
                        JsonReports.text(primary, "url"), solution, List.of(), cwes))
                .severity(counter.severity(label))
                .originalSeverity(label)
                .message(firstOf(description, name))
                .asset(asset(location, file, solution, scan))
                .property("category", firstOf(JsonReports.text(vulnerability, "category"), scan.type()))
                .property("confidence", JsonReports.text(vulnerability, "confidence"))
                .property("solution", solution)
                .property("links", links(vulnerability.path("links")))
                .property("analyzer", scan.analyzer());
        if (!file.isEmpty()) {
            builder.location(new Location(file, number(location, "start_line"), 0, number(location, "end_line"), 0,
                    "", ""));
        }
        identifiers.forEach(builder::identifier);
        return builder.build();
    }

    /**
     * GitLab's identifier types are lower case ({@code cve}, {@code cwe}, {@code gemnasium},
     * {@code semgrep_id}…); CVE, GHSA and CWE ids are recognised by shape, the others keep GitLab's type.
     */
    private static Identifier identifier(JsonNode identifier) {
        String type = JsonReports.text(identifier, "type");
        String value = JsonReports.text(identifier, "value");
        if (type.equalsIgnoreCase("cwe")) {
            return Identifier.cwe(value).map(cwe -> new Identifier("CWE", cwe)).orElse(new Identifier("CWE", value));
        }
        return Identifier.recognise(value).orElse(new Identifier(type.isEmpty() ? "OTHER" : type, value));
    }

    private static Asset asset(JsonNode location, String file, String solution, Scan scan) {
        JsonNode dependency = location.path("dependency");
        String packageName = JsonReports.text(dependency.path("package"), "name");
        if (packageName.isEmpty()) {
            return Asset.NONE;
        }
        String image = JsonReports.text(location, "image");
        String ecosystem = image.isEmpty() ? packageManager(file, scan)
                : JsonReports.text(location, "operating_system");
        Matcher upgrade = UPGRADE.matcher(solution.strip());
        String fixed = upgrade.matches() ? upgrade.group(1) : "";
        Asset asset = Asset.ofPackage(ecosystem, packageName, JsonReports.text(dependency, "version"), fixed,
                file.isEmpty() ? image : file);
        return image.isEmpty() ? asset : asset.withImage(image);
    }

    private static String packageManager(String file, Scan scan) {
        String listed = scan.packageManagers().getOrDefault(file, "");
        if (!listed.isEmpty()) {
            return listed;
        }
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        return PACKAGE_MANAGERS.getOrDefault(fileName, "");
    }


    private static String links(JsonNode links) {
        List<String> urls = new ArrayList<>();
        links.forEach(link -> {
            String url = JsonReports.text(link, "url");
            if (!url.isEmpty()) {
                urls.add(url);
            }
        });
        return String.join(", ", urls);
    }

    private static String firstOf(String first, String second) {
        return first.isEmpty() ? second : first;
    }

    private static int number(JsonNode node, String field) {
        return Math.max(0, node.path(field).asInt(0));
    }
}
