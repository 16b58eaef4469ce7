package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.DuplicateFilter;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one run in the single pass over the log: its metadata as it comes, then its results one at a time,
 * straight from their tokens. Metadata the run only has after its results is read ahead by {@link RunTail}
 * first, so that memory grows with the metadata, never with the number of results.
 *
 * <p>A run covers its tool only when it has a {@code results} array, even an empty one: SARIF 2.1.0 (§3.14.23)
 * reads an absent or null {@code results} as "the tool did not produce results", for example because it failed,
 * and resolving fixed work items from such a run would close every item of the tool.
 */
final class RunReader {
    /** How the counting rules (docs/formats.md) take a result, before duplicates: only a FINDING may become one. */
    enum Screen { NO_PROBLEM, ABSENT, SUPPRESSED, FINDING }

    private final String file;
    private final ObjectMapper mapper;
    private final RunTail tail;
    private final ParseOptions options;
    private final ParseSummary.Counter counter;
    private final Consumer<Finding> sink;
    /** Reads the results on other threads, when the file was laid out for it; null to read them here. */
    private final ParallelResults parallel;

    RunReader(String file, ObjectMapper mapper, RunTail tail, ParseOptions options, ParseSummary.Counter counter,
              Consumer<Finding> sink, ParallelResults parallel) {
        this.file = file;
        this.mapper = mapper;
        this.tail = tail;
        this.options = options;
        this.counter = counter;
        this.sink = sink;
        this.parallel = parallel;
    }

    /** Reads {@code runs[runIndex]}, the parser being on its {@code START_OBJECT}, and emits its findings. */
    void read(JsonParser parser, int runIndex) throws IOException, ReportException, ParallelResults.NotRead {
        RunParts parts = new RunParts(mapper);
        UniqueKeys keys = new UniqueKeys();
        RunMetadata metadata = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            keys.add(field, parser);
            JsonToken value = parser.nextToken();
            if (RunParts.FIELDS.contains(field)) {
                // After the results this was read ahead; it is read again only for its errors to show where they are.
                (metadata == null ? parts : new RunParts(mapper)).read(field, value, parser);
            } else if ("results".equals(field) && value == JsonToken.START_ARRAY) {
                boolean elsewhere = parallel != null && parallel.covers(runIndex);
                if (!parts.complete()) {
                    parts.add(elsewhere ? tail.read(runIndex, after(runIndex))
                            : tail.read(runIndex, parser.currentTokenLocation().getByteOffset()));
                }
                metadata = parts.metadata();
                counter.tool(metadata.tool().name());
                counter.target(metadata.target());
                if (elsewhere) {
                    parallelResults(parser, runIndex, metadata);
                } else {
                    results(parser, metadata);
                }
            } else if ("results".equals(field) && value != JsonToken.VALUE_NULL) {
                throw new ReportException(file, JsonReports.position(parser.currentTokenLocation(),
                        "/runs/" + runIndex + "/results"), "'results' must be an array, found "
                        + SarifParser.describe(value));
            } else {
                parser.skipChildren();
            }
        }
        if (metadata == null) {
            String tool = parts.metadata().tool().name();
            counter.warning("run " + runIndex + (tool.isBlank() ? "" : " (" + tool + ")")
                    + " has no 'results' array, so its tool's results are unknown: nothing it reported before is"
                    + " resolved from this run");
        }
    }

    private void results(JsonParser parser, RunMetadata run) throws IOException, ReportException {
        // Duplicates are exact copies within one run; the same result in two runs is two scans' word.
        DuplicateFilter duplicates = new DuplicateFilter();
        ResultReader results = new ResultReader(parser, run);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new ReportException(file, JsonReports.position(parser.currentTokenLocation(),
                        JsonReports.pointer(parser)), "a result must be an object, found "
                        + SarifParser.describe(parser.currentToken()));
            }
            SarifResult result = results.read();
            Screen screen = screen(result, options.includeSuppressed());
            if (newFinding(screen, results.identity(), duplicates)) {
                sink.accept(ResultConverter.convert(result, run, counter));
                counter.finding();
            }
        }
    }

    private List<RunTail.Field> after(int runIndex) throws ParallelResults.NotRead {
        try {
            return parallel.after(runIndex);
        } catch (IOException e) {
            throw new ParallelResults.NotRead(e);
        }
    }

    /** The results read on other threads, the parser being on the (now empty) results array of this pass. */
    private void parallelResults(JsonParser parser, int runIndex, RunMetadata run)
            throws IOException, ParallelResults.NotRead {
        DuplicateFilter duplicates = new DuplicateFilter();
        parallel.read(runIndex, run, outcome -> {
            if (newFinding(outcome.screen(), outcome.identity(), duplicates)) {
                Finding finding = outcome.finding();
                if (finding.score() == null) {
                    // the warning ResultConverter gives for an unknown level, here for the findings kept only, as above
                    counter.severity(finding.originalSeverity());
                }
                sink.accept(finding);
                counter.finding();
            }
        });
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw new ParallelResults.NotRead(new IOException("the results array of this pass is not empty"));
        }
    }

    /** The rules that need only the result, in order: no problem, absent, suppressed. */
    static Screen screen(SarifResult result, boolean includeSuppressed) {
        if (ResultConverter.isNoProblem(result)) {
            return Screen.NO_PROBLEM;
        }
        if (BaselineState.parse(result.baselineState()) == BaselineState.ABSENT) {
            return Screen.ABSENT;
        }
        if (result.suppressed() && !includeSuppressed) {
            return Screen.SUPPRESSED;
        }
        return Screen.FINDING;
    }

    /** Whether the result is a new finding, which the caller emits and counts; counts it here when it is not. */
    private boolean newFinding(Screen screen, long identity, DuplicateFilter duplicates) {
        switch (screen) {
            case NO_PROBLEM -> counter.ignored();
            case ABSENT -> counter.absent();
            case SUPPRESSED -> counter.suppressed();
            case FINDING -> {
                if (duplicates.firstTime(identity)) {
                    return true;
                }
                counter.duplicate();
            }
        }
        return false;
    }
}
