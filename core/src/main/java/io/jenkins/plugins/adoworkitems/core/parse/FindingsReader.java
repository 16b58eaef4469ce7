package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads report files into findings: detects each file's format (or takes the one given) and parses it. Several
 * reports are read at once, one per thread up to {@link #threads()}, since a build often has many and each is
 * parsed on one core; results always come in the order of the inputs, as if read one after another.
 */
public final class FindingsReader {
    /** More threads than this gain little: parsing also waits on the disk and the garbage collector. */
    private static final int MAX_THREADS = 4;

    private final ParseOptions options;
    private final FormatDetector detector;
    private final int threads;

    /** @param threads how many reports at most are read at once; 1 reads them one after another on the caller's thread */
    public FindingsReader(ParseOptions options, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.options = options;
        this.detector = new FormatDetector(Parsers.all(), options);
        this.threads = threads;
    }

    /** As many threads as the machine has cores, at most {@value #MAX_THREADS}. */
    public FindingsReader(ParseOptions options) {
        this(options, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    public FindingsReader() {
        this(ParseOptions.DEFAULTS);
    }

    public int threads() {
        return threads;
    }

    /** Streams one report's findings into {@code sink}, for reports too large to hold. */
    public ParseSummary stream(ReportInput input, Optional<ReportFormat> format, Consumer<Finding> sink)
            throws ReportException {
        return parserFor(input, format).parse(input, options, sink);
    }

    /**
     * The report's format: {@code format} when given, else the detected one. Pass it to {@link #stream} to know what
     * was read without detecting twice.
     */
    public ReportFormat format(ReportInput input, Optional<ReportFormat> format) throws ReportException {
        return format.isPresent() ? format.get() : detector.detect(input).format();
    }

    /** Reads one report into memory. */
    public Report read(ReportInput input, Optional<ReportFormat> format) throws ReportException {
        ReportParser parser = parserFor(input, format);
        List<Finding> findings = new ArrayList<>();
        ParseSummary summary = parser.parse(input, options, findings::add);
        return new Report(input.name(), parser.format(), findings, summary);
    }

    /**
     * Reads several reports. With {@code keepGoing} a broken file is recorded as a problem and the others
     * are still read; without it the first broken file stops the reading.
     */
    public ReadResult readAll(List<ReportInput> inputs, Optional<ReportFormat> format, boolean keepGoing)
            throws ReportException {
        Each<Report> each = readEach(inputs, input -> read(input, format), keepGoing);
        return new ReadResult(each.results(), each.problems());
    }

    /** What one report gave; {@link #readEach} runs it for each input, on any of its threads. */
    @FunctionalInterface
    public interface ReportTask<T> {
        T read(ReportInput input) throws ReportException;
    }

    /** The results of the reports that were read and the problems of those that were not, each in input order. */
    public record Each<T>(List<T> results, List<ReportProblem> problems) {
        public Each {
            results = List.copyOf(results);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Runs {@code task} for every input, up to {@link #threads()} at once, and gives back what a loop over the
     * inputs in order would: results in input order; with {@code keepGoing} a broken report is a problem and the
     * others are still read, without it the first broken report in input order is thrown (reports after it that
     * have not started yet are not read). {@code task} must be safe to run on several threads at once, e.g. by
     * keeping what it collects per report.
     */
    public <T> Each<T> readEach(List<ReportInput> inputs, ReportTask<T> task, boolean keepGoing)
            throws ReportException {
        if (threads == 1 || inputs.size() < 2) {
            return readInOrder(inputs, task, keepGoing);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()),
                ReaderThreads.named("ado-workitems-report-reader"));
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (ReportInput input : inputs) {
                pending.add(pool.submit(() -> task.read(input)));
            }
            List<T> results = new ArrayList<>();
            List<ReportProblem> problems = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    results.add(await(pending.get(i)));
                } catch (ReportException e) {
                    if (!keepGoing) {
                        pending.subList(i + 1, pending.size()).forEach(later -> later.cancel(false));
                        throw e;
                    }
                    problems.add(ReportProblem.of(e));
                }
            }
            return new Each<>(results, problems);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Each<T> readInOrder(List<ReportInput> inputs, ReportTask<T> task, boolean keepGoing)
            throws ReportException {
        List<T> results = new ArrayList<>();
        List<ReportProblem> problems = new ArrayList<>();
        for (ReportInput input : inputs) {
            try {
                results.add(task.read(input));
            } catch (ReportException e) {
                if (!keepGoing) {
                    throw e;
                }
                problems.add(ReportProblem.of(e));
            }
        }
        return new Each<>(results, problems);
    }

    /** The task's result, its {@link ReportException}, or what else it threw, unwrapped as if run on this thread. */
    private static <T> T await(Future<T> future) throws ReportException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReportException report) {
                throw report;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading reports");
        }
    }

    private ReportParser parserFor(ReportInput input, Optional<ReportFormat> format) throws ReportException {
        return format.isPresent() ? Parsers.forFormat(format.get()) : detector.detect(input);
    }
}
