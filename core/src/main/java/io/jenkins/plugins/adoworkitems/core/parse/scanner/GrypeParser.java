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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.jenkins.plugins.adoworkitems.core.parse.JsonReports.text;

/**
 * Grype's JSON output ({@code grype -o json}): one finding per entry of {@code matches}, that is per
 * vulnerability and matched package.
 */
public final class GrypeParser implements ReportParser {
    static final String TOOL = "Grype";

    @Override
    public ReportFormat format() {
        return ReportFormat.GRYPE;
    }

    /** {@code matches} with Grype's {@code descriptor}, or whose first entry is a Grype match. */
    @Override
    public boolean recognises(ReportShape shape) {
        Map<String, Kind> match = shape.keysOf("matches");
        return shape.is("matches", Kind.ARRAY) && (shape.has("descriptor")
                || match.containsKey("vulnerability") && match.containsKey("artifact"));
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        if (!root.isObject()) {
            throw new ReportException(input.name(), "at /", "expected a Grype report: a JSON object with matches");
        }
        ParseSummary.Counter counter = new ParseSummary.Counter();
        Optional<JsonNode> matches = JsonReports.container(input, root, "", "matches", JsonNodeType.ARRAY);
        if (matches.isEmpty()) {
            Coverage.notCovered(counter, input, "no 'matches' array", TOOL);
            return counter.summary();
        }
        Tool tool = new Tool(TOOL, text(root.path("descriptor"), "version"));
        JsonNode source = root.path("source");
        String image = "image".equals(text(source, "type")) ? text(source.path("target"), "userInput") : "";
        String distro = (text(root.path("distro"), "name") + " " + text(root.path("distro"), "version")).trim();

        counter.tool(TOOL);
        String target = target(source);
        counter.target(target);
        JsonReports.forEachNewObject(input, matches.get(), "/matches", "a match object", counter, (match, at) -> {
            Finding.Builder finding = finding(tool, match, image, distro).target(target);
            String label = text(match.path("vulnerability"), "severity");
            finding.originalSeverity(label).severity(counter.severity(label));
            counter.finding();
            sink.accept(finding.build());
        });
        return counter.summary();
    }

    private static Finding.Builder finding(Tool tool, JsonNode match, String image, String distro) {
        JsonNode vulnerability = match.path("vulnerability");
        JsonNode artifact = match.path("artifact");
        String id = text(vulnerability, "id");
        String name = text(artifact, "name");
        String version = text(artifact, "version");
        List<String> paths = new ArrayList<>();
        for (JsonNode location : artifact.path("locations")) {
            String path = text(location, "path");
            if (!path.isEmpty() && !paths.contains(path)) {
                paths.add(path);
            }
        }
        // An image is what was scanned; for a directory the lock file or manifest that declares the package is.
        String target = !image.isEmpty() ? image : paths.isEmpty() ? "" : paths.get(0);
        List<String> fixes = new ArrayList<>();
        vulnerability.path("fix").path("versions").forEach(fix -> fixes.add(fix.asText()));

        String description = text(vulnerability, "description");
        Double score = score(vulnerability);
        Finding.Builder finding = Finding.builder()
                .tool(tool)
                .asset(Asset.ofPackage(text(artifact, "type"), name, version, String.join(", ", fixes), target)
                        .withImage(image));
        Identifier.recognise(id).ifPresent(finding::identifier);
        for (JsonNode related : match.path("relatedVulnerabilities")) {
            Identifier.recognise(text(related, "id")).ifPresent(finding::identifier);
            // Matches on a distribution's or GitHub's advisory leave NVD's text and score to the related entry.
            if (description.isEmpty()) {
                description = text(related, "description");
            }
            if (score == null) {
                score = score(related);
            }
        }
        paths.forEach(path -> finding.location(Location.of(path, 0)));
        return finding
                .rule(new Rule(id, "", "", description, text(vulnerability, "dataSource"), "", List.of(), List.of()))
                .message(description.isEmpty() ? id + " in " + name + " " + version : description)
                .score(score)
                .property("fixState", text(vulnerability.path("fix"), "state"))
                .property("namespace", text(vulnerability, "namespace"))
                .property("purl", text(artifact, "purl"))
                .property("language", text(artifact, "language"))
                .property("distro", distro);
    }

    /**
     * What Grype scanned, from {@code source}: an image by the reference the user gave ({@code userInput}, else
     * its first tag) without tag or digest; a directory or file as {@code path:} and the path as given (some
     * versions quote it: {@code "\".\""}); any other type as {@code type:target}. Empty without a source.
     */
    static String target(JsonNode source) {
        String type = text(source, "type");
        JsonNode target = source.path("target");
        if ("image".equals(type)) {
            String reference = text(target, "userInput");
            return ScanTarget.image(reference.isEmpty() ? target.path("tags").path(0).asText() : reference);
        }
        String name = target.isTextual() ? target.asText() : text(target, "path");
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return type.isEmpty() ? "" : ScanTarget.of("directory".equals(type) || "file".equals(type) ? "path" : type,
                name);
    }

    /** The base score of the newest CVSS version given (3.1 over 2.0), the first such entry if several. */
    private static Double score(JsonNode vulnerability) {
        Double best = null;
        String bestVersion = "";
        for (JsonNode cvss : vulnerability.path("cvss")) {
            JsonNode score = cvss.path("metrics").path("baseScore");
            String version = text(cvss, "version");
            if (score.isNumber() && (best == null || version.compareTo(bestVersion) > 0)) {
                best = score.asDouble();
                bestVersion = version;
            }
        }
        return best;
    }
}
