package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReaderThreads;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;
import io.jenkins.plugins.adoworkitems.core.parse.ReportShape;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Streams SARIF 2.1.0 logs in one pass: each run's metadata (rules, artifacts, uri bases) as it comes, then
 * its results one at a time. Key order is free in JSON and tools do write {@code results} before
 * {@code tool}; such a run's later metadata is read ahead ({@link RunTail}) before its results. Memory grows
 * with the metadata, not with the number of results. See docs/formats.md for what one finding is and how
 * fields map.
 */
public final class SarifParser implements ReportParser {
    /** Smaller files are read on one thread: laying them out and starting threads would not pay. */
    private static final long PARALLEL_FROM = 8L << 20;
    /** About how many bytes of results a thread reads at a time. */
    private static final long PIECE_BYTES = 1L << 20;
    /** More threads than this gain little: the pass hands findings on one at a time, and the disk is shared. */
    private static final int MAX_THREADS = 4;

    private final int threads;
    private final long parallelFrom;
    private final long pieceBytes;

    /** Reads large logs' results on several threads where that was measured to pay ({@link #threadsFor}). */
    public SarifParser() {
        this(threadsFor(Runtime.getRuntime().availableProcessors(), tieredStopAtLevel()), PARALLEL_FROM, PIECE_BYTES);
    }

    /**
     * As many threads as cores, at most {@value #MAX_THREADS}, where the JVM compiles with C1 only
     * ({@code -XX:TieredStopAtLevel} below 4, as the CLI's launcher sets it); else one. Measured on two cores
     * (docs/performance.md): with C1 and the serial collector, threads read the 200 MB benchmark log 1.5 times as
     * fast; with the JVM's defaults (C2, G1) they made it 15-20 % slower in a fresh JVM, where C2's compiler threads
     * already take the second core, and slower in a warm one too. Not measured on more cores, so not used there.
     */
    static int threadsFor(int cores, int tieredStopAtLevel) {
        return tieredStopAtLevel < 4 ? Math.min(MAX_THREADS, cores) : 1;
    }

    /** The JVM's {@code -XX:TieredStopAtLevel}: 4 when C2 compiles, and where the JVM does not say. */
    private static int tieredStopAtLevel() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null ? 4 : Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue());
        } catch (RuntimeException notHotSpot) {
            return 4;
        }
    }

    /**
     * @param threads      how many threads read a large log's results; 1 reads every log in one pass
     * @param parallelFrom the size in bytes from which a log's results are read on several threads
     * @param pieceBytes   about how many bytes of results a thread reads at a time
     */
    SarifParser(int threads, long parallelFrom, long pieceBytes) {
        this.threads = threads;
        this.parallelFrom = parallelFrom;
        this.pieceBytes = pieceBytes;
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.SARIF;
    }

    /** A top-level {@code runs} with a SARIF {@code $schema} or version 2.1.0, the only one we read. */
    @Override
    public boolean recognises(ReportShape shape) {
        String version = shape.text("version");
        return shape.has("runs") && (shape.text("$schema").toLowerCase(Locale.ROOT).contains("sarif")
                || version.equals("2.1.0") || version.startsWith("2.1.0-"));
    }

    /**
     * Reads the log in one pass; a large one's results, when its bytes are laid out as expected
     * ({@link ResultsLayout}), on several threads ({@link ParallelResults}) while this pass reads the rest. Both
     * give the same findings in the same order with the same summary; should the threads find anything wrong, the
     * log is read again in one pass, which reports it where it is, and the findings already handed on are not
     * handed on again.
     */
    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        if (threads < 2 || options.maxNestingDepth() <= ParallelResults.DEPTH_OF_RESULTS
                || size(input) < parallelFrom) {
            return inOnePass(input, options, sink);
        }
        HandedOn handedOn = new HandedOn(sink);
        try {
            ParseSummary summary = onThreads(input, options, handedOn);
            if (summary != null) {
                return summary;
            }
        } catch (ParallelResults.NotRead | ReportException e) {
            // read again in one pass below, which reports the error with its line and column
        }
        long handed = handedOn.count;
        long[] seen = {0};
        return inOnePass(input, options, finding -> {
            if (seen[0]++ >= handed) {
                sink.accept(finding);
            }
        });
    }

    private ParseSummary inOnePass(ReportInput input, ParseOptions options, Consumer<Finding> sink)
            throws ReportException {
        try {
            return parse(input, options, sink, null, null);
        } catch (ParallelResults.NotRead impossible) {
            throw new IllegalStateException("nothing is read on other threads in one pass", impossible);
        }
    }

    /**
     * Reads the log with its results on several threads, as far as the layout walk finds them (after the walk stops
     * on bytes it does not expect, the pass reads the results itself); null when the file cannot be read this way, or
     * when the walk stopped inside results it had given the threads (the caller then reads the log in one pass).
     *
     * @throws ParallelResults.NotRead when a piece of results could not be read
     * @throws ReportException when the rest of the log is malformed; its position is that of the log without results
     */
    ParseSummary onThreads(ReportInput input, ParseOptions options, Consumer<Finding> sink)
            throws ParallelResults.NotRead, ReportException {
        try (FileChannel channel = FileChannel.open(input.path(), StandardOpenOption.READ)) {
            ResultsLayout layout = new ResultsLayout();
            // one thread walks the bytes, the others parse the pieces it finds
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1,
                    ReaderThreads.named("ado-workitems-sarif"));
            try {
                pool.execute(() -> layout.walk(channel, pieceBytes));
                ParallelResults parallel = new ParallelResults(channel, layout, options, pool, 2 * threads);
                return parse(input, options, sink, parallel, parallel.withoutResults(channel.size()));
            } catch (ParallelResults.NotRead | ReportException e) {
                if (layout.failed()) {
                    return null;
                }
                throw e;
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's size; 0 when unknown, for the pass in one go to report why. */
    private static long size(ReportInput input) {
        try {
            return input.size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Counts the findings handed on, so that a second reading hands on only those after them. */
    private static final class HandedOn implements Consumer<Finding> {
        private final Consumer<Finding> sink;
        private long count;

        HandedOn(Consumer<Finding> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(Finding finding) {
            sink.accept(finding);
            count++;
        }
    }

    /**
     * One pass over the log, or over {@code stream} (the log without its results' contents) with {@code parallel}
     * reading the results; both null to read it all here.
     */
    private ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink,
                               ParallelResults parallel, InputStream stream)
            throws ReportException, ParallelResults.NotRead {
        ObjectMapper mapper = JsonReports.treeMapper(options);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        RunReader runs = new RunReader(input.name(), mapper, new RunTail(input, options, mapper), options, counter,
                sink, parallel);
        boolean versioned;
        try (JsonParser parser = stream == null ? JsonReports.open(input, options)
                : JsonReports.open(input, options, stream)) {
            try {
                versioned = read(input, parser, runs);
            } catch (IOException e) {
                throw JsonReports.error(input, e, parser);
            }
        } catch (IOException closing) {
            throw JsonReports.error(input, closing, null);
        }
        ParseSummary summary = counter.summary();
        if (versioned) {
            return summary;
        }
        // first, as it applies to everything read
        List<String> warnings = new ArrayList<>();
        // Callers print warnings after the report's name.
        warnings.add("the SARIF log has no 'version'; read as SARIF 2.1.0");
        warnings.addAll(summary.warnings());
        return new ParseSummary(summary.findings(), summary.suppressed(), summary.absent(), summary.duplicates(),
                summary.ignored(), summary.tools(), warnings, summary.targets());
    }

    /** Reads the log in one pass, emitting findings run by run; whether it has a {@code version}. */
    private static boolean read(ReportInput input, JsonParser parser, RunReader runs)
            throws ReportException, IOException, ParallelResults.NotRead {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonLocation start = parser.currentTokenLocation();
            // Skipping first lets a hostile document fail on the nesting limit rather than on its shape.
            parser.skipChildren();
            throw new ReportException(input.name(), JsonReports.position(start, null),
                    "a SARIF log is a JSON object, but the file starts with " + describe(parser.currentToken()));
        }
        UniqueKeys keys = new UniqueKeys();
        boolean versioned = false;
        boolean hasRuns = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            keys.add(field, parser);
            JsonToken value = parser.nextToken();
            if ("version".equals(field)) {
                checkVersion(input, value.isScalarValue() ? parser.getText() : "", parser.currentTokenLocation());
                versioned = true;
                parser.skipChildren();
            } else if ("runs".equals(field)) {
                hasRuns = true;
                runs(input, parser, value, runs);
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(), null),
                    "unexpected content after the end of the JSON document");
        }
        if (!hasRuns) {
            throw new ReportException(input.name(), "", "not a SARIF log: the 'runs' array is missing");
        }
        return versioned;
    }

    private static void runs(ReportInput input, JsonParser parser, JsonToken value, RunReader runs)
            throws ReportException, IOException, ParallelResults.NotRead {
        if (value == JsonToken.VALUE_NULL) {
            // SARIF §3.13.4: null when the tool failed before it could start a run.
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(), "/runs"),
                    "'runs' must be an array, found " + describe(value));
        }
        for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(),
                        "/runs/" + index), "a run must be an object, found " + describe(parser.currentToken()));
            }
            runs.read(parser, index);
        }
    }

    /** 2.1.0 and its release candidates ("2.1.0-rtm.5"), which GitHub and others still write. */
    private static void checkVersion(ReportInput input, String version, JsonLocation location)
            throws ReportException {
        if (!version.equals("2.1.0") && !version.startsWith("2.1.0-rtm.")) {
            throw new ReportException(input.name(), JsonReports.position(location, "/version"),
                    "unsupported SARIF version '" + version + "': expected 2.1.0");
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
