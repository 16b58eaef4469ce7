package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Semgrep's own JSON ({@code semgrep --json}): one finding per entry of {@code results}. See docs/formats.md.
 */
public final class SemgrepParser implements ReportParser {
    static final String TOOL = "Semgrep";
    /** What Semgrep writes instead of a snippet or fingerprint when the user is not logged in. */
    private static final String REQUIRES_LOGIN = "requires login";
    /** Metadata copied as properties for templates; the rest (licence, metavariables…) is noise in a work item. */
    private static final List<String> METADATA_PROPERTIES = List.of("category", "subcategory", "confidence",
            "likelihood", "impact", "owasp", "references", "technology", "vulnerability_class");

    @Override
    public ReportFormat format() {
        return ReportFormat.SEMGREP;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        // a SARIF log (Semgrep's own --sarif among them) is never Semgrep JSON
        if (!shape.is("results", Kind.ARRAY) || shape.has("runs")) {
            return false;
        }
        // A run without findings has nothing Semgrep-specific but this pair of empty-or-not arrays.
        return shape.keysOf("results").containsKey("check_id")
                || shape.isEmptyArray("results") && shape.is("errors", Kind.ARRAY);
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        if (!root.isObject()) {
            throw new ReportException(input.name(), "at /", "expected a Semgrep JSON object with a \"results\" array");
        }
        ParseSummary.Counter counter = new ParseSummary.Counter();
        warnAboutErrors(root.get("errors"), counter);
        Optional<JsonNode> results = JsonReports.container(input, root, "", "results", JsonNodeType.ARRAY);
        if (results.isEmpty()) {
            Coverage.notCovered(counter, input, "no 'results' array", TOOL);
            return counter.summary();
        }
        Tool tool = new Tool(TOOL, JsonReports.text(root, "version"));
        counter.tool(TOOL);
        JsonReports.forEachNewObject(input, results.get(), "/results", "a result object", counter, (result, at) -> {
            String ruleId = JsonReports.text(result, "check_id");
            if (ruleId.isEmpty()) {
                throw new ReportException(input.name(), "at " + at, "a result without \"check_id\"");
            }
            Finding finding = finding(result, ruleId, tool, counter);
            if (finding.suppressed() && !options.includeSuppressed()) {
                counter.suppressed();
                return;
            }
            counter.finding();
            sink.accept(finding);
        });
        return counter.summary();
    }

    private static void warnAboutErrors(JsonNode errors, ParseSummary.Counter counter) {
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            counter.warning("Semgrep reported " + errors.size() + " error(s) while scanning; the results may be incomplete");
        }
    }

    private static Finding finding(JsonNode result, String ruleId, Tool tool, ParseSummary.Counter counter) {
        JsonNode extra = result.path("extra");
        JsonNode metadata = extra.path("metadata");
        String label = JsonReports.text(extra, "severity");
        List<String> cwes = cwes(metadata.get("cwe"));
        List<String> tags = new ArrayList<>(values(metadata.get("category")));
        tags.addAll(values(metadata.get("owasp")));
        Rule rule = new Rule(ruleId, lastSegment(ruleId), "", "", helpUri(metadata), "", tags, cwes);
        Finding.Builder builder = Finding.builder()
                .tool(tool)
                .rule(rule)
                .severity(counter.severity(label, severity(label)))
                .originalSeverity(label)
                .message(JsonReports.text(extra, "message"))
                .location(new Location(JsonReports.text(result, "path"),
                        number(result.path("start"), "line"), number(result.path("start"), "col"),
                        number(result.path("end"), "line"), number(result.path("end"), "col"),
                        unlessLoginRequired(JsonReports.text(extra, "lines")), ""))
                .suppressed(extra.path("is_ignored").asBoolean(false))
                .toolFingerprint("semgrep", unlessLoginRequired(JsonReports.text(extra, "fingerprint")));
        cwes.forEach(cwe -> builder.identifier(new Identifier("CWE", cwe)));
        for (String key : METADATA_PROPERTIES) {
            builder.property(key, String.join(", ", values(metadata.get(key))));
        }
        return builder.build();
    }

    /**
     * Semgrep's own renaming of its legacy levels (ERROR is now HIGH, WARNING MEDIUM, INFO LOW), so that old and
     * new reports of one rule agree. Rule metadata such as {@code impact} is kept as a property but not used:
     * it is one of the two inputs Semgrep itself combines, and only registry rules carry it.
     */
    private static Optional<Severity> severity(String label) {
        return switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> Optional.of(Severity.CRITICAL);
            case "ERROR", "HIGH" -> Optional.of(Severity.HIGH);
            case "WARNING", "MEDIUM" -> Optional.of(Severity.MEDIUM);
            case "INFO", "LOW" -> Optional.of(Severity.LOW);
            default -> Optional.empty();
        };
    }

    /** {@code metadata.cwe} is a string in older rules and a list in newer ones; each entry reads "CWE-79: …". */
    private static List<String> cwes(JsonNode cwe) {
        return values(cwe).stream().map(Identifier::cwe).flatMap(Optional::stream).distinct().toList();
    }

    private static String helpUri(JsonNode metadata) {
        for (String key : List.of("source", "shortlink", "source-rule-url")) {
            String uri = JsonReports.text(metadata, key);
            if (!uri.isEmpty()) {
                return uri;
            }
        }
        return "";
    }

    /** A metadata value as a list of texts, whether the rule author wrote a string or a list. */
    private static List<String> values(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> texts = new ArrayList<>();
            node.forEach(item -> {
                if (item.isValueNode() && !item.asText().isBlank()) {
                    texts.add(item.asText());
                }
            });
            return texts;
        }
        return node.isValueNode() && !node.asText().isBlank() ? List.of(node.asText()) : List.of();
    }

    private static String lastSegment(String ruleId) {
        return ruleId.substring(ruleId.lastIndexOf('.') + 1);
    }

    private static int number(JsonNode position, String field) {
        return Math.max(0, position.path(field).asInt(0));
    }

    private static String unlessLoginRequired(String text) {
        return REQUIRES_LOGIN.equals(text.trim()) ? "" : text;
    }
}
