package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
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
import java.util.Map;
import java.util.function.Consumer;

/**
 * Gitleaks JSON, v8 ({@code RuleID}, {@code StartLine}…) and v7 ({@code rule}, {@code lineNumber}…): one
 * finding per leak, always {@link Severity#HIGH}. The leaked secret never enters a finding: the fields that
 * hold it ({@code Secret}, {@code Match}, {@code Line}, v7 {@code offender} and {@code line}) are not read.
 */
public final class GitleaksParser implements ReportParser {
    static final String TOOL = "Gitleaks";

    @Override
    public ReportFormat format() {
        return ReportFormat.GITLEAKS;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        // Gitleaks is the only format we read whose report is a bare list of findings, so an empty list, or the
        // null that Go writes for an empty one, can only be a Gitleaks run without leaks.
        if (shape.kind() == Kind.NULL || shape.isEmptyArray()) {
            return true;
        }
        Map<String, Kind> leak = shape.firstEntry();
        boolean v8 = leak.containsKey("RuleID") && (leak.containsKey("StartLine") || leak.containsKey("File"));
        boolean v7 = leak.containsKey("offender") || leak.containsKey("leakURL")
                || leak.containsKey("rule") && leak.containsKey("commit") && leak.containsKey("lineNumber");
        return shape.isArray() && (v8 || v7);
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        // The report is the findings container itself, and null (Go's empty list) and [] are what Gitleaks writes
        // when it found no leak: unlike a missing container elsewhere, they are "nothing found" and cover Gitleaks.
        counter.tool(TOOL);
        if (root.isNull()) {
            return counter.summary();
        }
        if (!root.isArray()) {
            throw new ReportException(input.name(), "at /", "expected a Gitleaks JSON array of leaks");
        }
        JsonReports.forEachNewObject(input, root, "", "a leak object", counter, (leak, at) -> {
            Finding finding = leak.has("RuleID") || leak.has("StartLine") ? fromV8(leak) : fromV7(leak);
            if (finding.rule().id().isEmpty()) {
                throw new ReportException(input.name(), "at " + at, "a leak without a rule (\"RuleID\" or \"rule\")");
            }
            counter.finding();
            sink.accept(finding);
        });
        return counter.summary();
    }

    private static Finding fromV8(JsonNode leak) {
        String ruleId = JsonReports.text(leak, "RuleID");
        String description = JsonReports.text(leak, "Description");
        String file = JsonReports.text(leak, "File");
        int startLine = number(leak, "StartLine");
        String commit = JsonReports.text(leak, "Commit");
        return Finding.builder()
                .tool(new Tool(TOOL, ""))
                .rule(new Rule(ruleId, description, "", "", "", "", tags(leak.get("Tags")), List.of()))
                .severity(Severity.HIGH)
                .message(message(description.isEmpty() ? ruleId : description, file))
                .location(new Location(file, startLine, number(leak, "StartColumn"), number(leak, "EndLine"),
                        number(leak, "EndColumn"), "", ""))
                .toolFingerprint("gitleaks", orComputed(JsonReports.text(leak, "Fingerprint"), commit, file, ruleId,
                        startLine))
                .property("commit", commit)
                .property("author", JsonReports.text(leak, "Author"))
                .property("date", JsonReports.text(leak, "Date"))
                .property("entropy", entropy(leak.get("Entropy")))
                .property("tags", String.join(", ", tags(leak.get("Tags"))))
                .property("link", JsonReports.text(leak, "Link"))
                .build();
    }

    private static Finding fromV7(JsonNode leak) {
        String rule = JsonReports.text(leak, "rule");
        String file = JsonReports.text(leak, "file");
        int line = number(leak, "lineNumber");
        String commit = JsonReports.text(leak, "commit");
        List<String> tags = tags(leak.get("tags"));
        return Finding.builder()
                .tool(new Tool(TOOL, ""))
                .rule(new Rule(rule, rule, "", "", "", "", tags, List.of()))
                .severity(Severity.HIGH)
                .message(message(rule, file))
                .location(Location.of(file, line))
                .toolFingerprint("gitleaks", orComputed("", commit, file, rule, line))
                .property("commit", commit)
                .property("author", JsonReports.text(leak, "author"))
                .property("date", JsonReports.text(leak, "date"))
                .property("tags", String.join(", ", tags))
                .property("link", JsonReports.text(leak, "leakURL"))
                .property("repository", JsonReports.text(leak, "repoURL"))
                .build();
    }

    private static String message(String what, String file) {
        return "Possible leaked secret (" + what + ") in " + file;
    }

    /**
     * Gitleaks' own fingerprint when the report has it, else one built the way Gitleaks builds it
     * ({@code commit:file:rule:line}, without the commit for a directory scan). Either way it is the value users
     * write in {@code .gitleaksignore}, and a leak keeps its identity when Gitleaks starts writing the field.
     */
    private static String orComputed(String fingerprint, String commit, String file, String rule, int line) {
        if (!fingerprint.isEmpty()) {
            return fingerprint;
        }
        String location = file + ":" + rule + ":" + line;
        return commit.isEmpty() ? location : commit + ":" + location;
    }

    /** v8 writes a list of tags, v7 one comma-separated string. */
    private static List<String> tags(JsonNode tags) {
        List<String> result = new ArrayList<>();
        if (tags == null) {
            return result;
        }
        if (tags.isArray()) {
            tags.forEach(tag -> addTag(result, tag.asText()));
        } else if (tags.isTextual()) {
            for (String tag : tags.asText().split(",")) {
                addTag(result, tag);
            }
        }
        return result;
    }

    private static void addTag(List<String> tags, String tag) {
        if (!tag.isBlank()) {
            tags.add(tag.strip());
        }
    }

    /** Only a measured entropy is worth showing; Gitleaks writes 0 for rules that do not measure it. */
    private static String entropy(JsonNode entropy) {
        return entropy != null && entropy.isNumber() && entropy.asDouble() > 0 ? entropy.asText() : "";
    }

    private static int number(JsonNode leak, String field) {
        return Math.max(0, leak.path(field).asInt(0));
    }
}
