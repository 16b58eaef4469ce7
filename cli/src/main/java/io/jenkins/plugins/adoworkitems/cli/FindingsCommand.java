package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** Parses reports and prints the normalised findings: the tool to debug scanner output, no Azure DevOps needed. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = "Parse scan reports and print the normalised findings (no Azure DevOps needed).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ado-workitems findings results.sarif",
            "  ado-workitems findings 'reports/**/*.json' --summary",
            "  ado-workitems findings trivy.json --format trivy --json > findings.json"})
final class FindingsCommand implements Callable<Integer> {

    @Mixin
    ReportOptions reports;

    @Option(names = "--json", description = "Print findings (or, with --summary, totals) as JSON.")
    boolean json;

    @Option(names = "--summary", description = "Print only totals by tool and severity.")
    boolean summary;

    @Option(names = "--fail-fast", description = "Stop at the first unreadable report instead of reading the others.")
    boolean failFast;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (summary) {
            return summarise(out, err);
        }
        ReadResult result = reports.read(!failFast);
        for (Report report : result.reports()) {
            report.summary().warnings().forEach(warning -> err.println("warning: " + report.source() + ": " + warning));
        }
        if (json) {
            out.println(Json.write(findingsJson(result)));
        } else {
            FindingsTable.print(out, result.findings());
        }
        out.flush();
        for (ReportProblem problem : result.problems()) {
            err.println("error: " + problem.message());
        }
        return result.problems().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }

    /**
     * Totals without holding the findings: each report is streamed into counts, which join the totals only when the
     * whole report read (a broken report counts nothing, as in {@link #call()}'s other modes). Memory grows with the
     * number of tools, not of findings, so a report of any size is summarised in a small heap. Several reports are
     * read at once (each into counts of its own) and joined in the order given, so the output does not depend on
     * which finished first.
     */
    private int summarise(PrintWriter out, PrintWriter err) {
        FindingsReader reader = reports.reader();
        FindingsReader.Each<Counted> each;
        try {
            each = reader.readEach(reports.inputs(), input -> count(reader, input), !failFast);
        } catch (ReportException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
        Map<String, Map<Severity, Integer>> totals = new TreeMap<>();
        int findings = 0;
        int suppressed = 0;
        int absent = 0;
        int duplicates = 0;
        for (Counted report : each.results()) {
            report.parsed().warnings().forEach(warning -> err.println("warning: " + report.input().name() + ": " + warning));
            report.counts().forEach((tool, bySeverity) -> bySeverity.forEach((severity, count) ->
                    totals.computeIfAbsent(tool, key -> new EnumMap<>(Severity.class)).merge(severity, count, Integer::sum)));
            findings += report.parsed().findings();
            suppressed += report.parsed().suppressed();
            absent += report.parsed().absent();
            duplicates += report.parsed().duplicates();
        }
        int read = each.results().size();
        List<ReportProblem> problems = each.problems();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ObjectNode byTool = root.putObject("totals");
            totals.forEach((tool, counts) -> {
                ObjectNode node = byTool.putObject(tool);
                counts.forEach((severity, count) -> node.put(severity.name().toLowerCase(java.util.Locale.ROOT), count));
            });
            root.put("findings", findings);
            root.set("problems", Json.MAPPER.valueToTree(problems));
            out.println(Json.write(root));
        } else {
            out.printf("%-28s %8s %8s %8s %8s %8s %8s%n", "TOOL", "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "TOTAL");
            Map<Severity, Integer> all = new EnumMap<>(Severity.class);
            totals.forEach((tool, counts) -> {
                printRow(out, tool, counts);
                counts.forEach((severity, count) -> all.merge(severity, count, Integer::sum));
            });
            printRow(out, "all tools", all);
            out.printf("%d report(s) read, %d unreadable; skipped: %d suppressed, %d absent from baseline; %d duplicate entries merged%n",
                    read, problems.size(), suppressed, absent, duplicates);
        }
        out.flush();
        problems.forEach(problem -> err.println("error: " + problem.message()));
        return problems.isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }

    /** One report's findings counted by tool and severity, and what its parser said. */
    private record Counted(ReportInput input, Map<String, Map<Severity, Integer>> counts, ParseSummary parsed) {
    }

    private Counted count(FindingsReader reader, ReportInput input) throws ReportException {
        Map<String, Map<Severity, Integer>> counts = new TreeMap<>();
        ParseSummary parsed = reader.stream(input, reports.format(), finding -> counts.computeIfAbsent(finding.tool().name(),
                tool -> new EnumMap<>(Severity.class)).merge(finding.severity(), 1, Integer::sum));
        return new Counted(input, counts, parsed);
    }

    private static void printRow(PrintWriter out, String tool, Map<Severity, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("%-28s %8d %8d %8d %8d %8d %8d%n", Text.cut(tool, 28),
                counts.getOrDefault(Severity.CRITICAL, 0), counts.getOrDefault(Severity.HIGH, 0),
                counts.getOrDefault(Severity.MEDIUM, 0), counts.getOrDefault(Severity.LOW, 0),
                counts.getOrDefault(Severity.INFO, 0), total);
    }

    private static ObjectNode findingsJson(ReadResult result) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode reportsNode = root.putArray("reports");
        for (Report report : result.reports()) {
            ObjectNode node = reportsNode.addObject();
            node.put("source", report.source());
            node.put("format", report.format().id());
            node.set("summary", Json.MAPPER.valueToTree(report.summary()));
            node.set("findings", Json.MAPPER.valueToTree(report.findings()));
        }
        root.set("problems", Json.MAPPER.valueToTree(result.problems()));
        return root;
    }

    /** JSON output shared by the commands. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        private Json() {
        }

        static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Cannot write JSON", e);
            }
        }
    }
}
