package io.jenkins.plugins.adoworkitems.bench;

import io.jenkins.plugins.adoworkitems.bench.SyncSimulator.SyncSettings;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEngine;
import io.jenkins.plugins.adoworkitems.core.sync.SyncLocks;
import io.jenkins.plugins.adoworkitems.core.sync.SyncRequest;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Syncs N findings to the simulator twice (first run: all new; re-run: nothing changed) with our sync engine and
 * with the naive one-query-one-create loop, each mode on a fresh simulator with the same latency and rate limit,
 * and prints a Markdown table. See docs/performance.md, section Sync.
 */
public final class SyncBenchmark {
    static final Template TEMPLATE = Template.of("security", SyncSimulator.PROJECT, "Bug");
    /**
     * The client logs every 429 it waits out at INFO; thousands of those lines would drown the progress lines.
     * Held here because the JDK keeps loggers only weakly and would forget the level.
     */
    private static final Logger CLIENT_LOG = Logger.getLogger("io.jenkins.plugins.adoworkitems.core.ado");

    private final Options options;
    private final SyncFindings findings;

    private SyncBenchmark(Options options, SyncFindings findings) {
        this.options = options;
        this.findings = findings;
    }

    /** Command line: sizes, simulator settings, and how many findings the naive mode really runs at most. */
    record Options(List<Integer> sizes, SyncSettings settings, int naiveMax, Path samples, boolean warmUp) {
        static Options parse(String[] args) {
            List<Integer> sizes = List.of(1_000, 10_000);
            Duration latency = Duration.ofMillis(50);
            int rateLimit = 100;
            Duration window = Duration.ofSeconds(10);
            int naiveMax = 2_000;
            Path samples = Path.of("../shared/samples");
            boolean warmUp = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(","))
                            .map(String::trim).map(Integer::valueOf).toList();
                    case "--latency" -> latency = duration(args[++i]);
                    case "--rate-limit" -> {
                        String[] parts = args[++i].split("/", 2);
                        rateLimit = Integer.parseInt(parts[0].trim());
                        window = parts.length > 1 ? duration(parts[1]) : window;
                    }
                    case "--naive-max" -> naiveMax = Integer.parseInt(args[++i]);
                    case "--samples" -> samples = Path.of(args[++i]);
                    case "--no-warm-up" -> warmUp = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                            + "--sizes 1000,10000 --latency 50ms --rate-limit 100/10s (0 for none) --naive-max 2000 "
                            + "--samples DIR --no-warm-up");
                }
            }
            if (naiveMax < 1 || sizes.stream().anyMatch(size -> size < 1)) {
                throw new IllegalArgumentException("sizes and --naive-max must be at least 1");
            }
            return new Options(sizes, new SyncSettings(latency, rateLimit, window), naiveMax, samples, warmUp);
        }

        /** {@code 50ms}, {@code 10s}, {@code 2m}; a bare number is milliseconds. */
        static Duration duration(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(value));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        CLIENT_LOG.setLevel(Level.WARNING);
        SyncBenchmark benchmark = new SyncBenchmark(options, SyncFindings.fromSamples(options.samples()));
        if (options.warmUp()) {
            benchmark.warmUp();
        }
        List<SyncMeasurement> measurements = new ArrayList<>();
        for (int size : options.sizes()) {
            measurements.addAll(benchmark.ours(size));
            measurements.addAll(benchmark.naive(size));
        }
        System.out.println(SyncBenchmarkReport.markdown(measurements, options));
    }

    /** Both modes once on a few findings, without latency, so the JIT has seen the code before anything is timed. */
    private void warmUp() throws IOException, AdoException {
        progress("warming up");
        SyncSettings none = new SyncSettings(Duration.ZERO, 0, Duration.ofSeconds(1));
        List<Report> reports = findings.reports(300);
        try (SyncSimulator simulator = SyncSimulator.start(none)) {
            engineRun(simulator, reports);
            engineRun(simulator, reports);
        }
        try (SyncSimulator simulator = SyncSimulator.start(none)) {
            new NaiveSync(simulator.client(), TEMPLATE).run(reports);
        }
    }

    private List<SyncMeasurement> ours(int size) throws IOException, AdoException {
        List<Report> reports = findings.reports(size);
        List<SyncMeasurement> runs = new ArrayList<>();
        try (SyncSimulator simulator = SyncSimulator.start(options.settings())) {
            for (String run : List.of("first", "re-run")) {
                progress("ours, N=" + size + ", " + run);
                simulator.newRun();
                long started = System.nanoTime();
                SyncResult result = engineRun(simulator, reports);
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                runs.add(new SyncMeasurement(size, "ours", run, size, simulator.requests(), result.httpRequests(),
                        simulator.throttled(), simulator.writes(), wall, outcome(result), simulator.byEndpoint(),
                        simulator.timeByEndpoint(Instant.now())));
            }
        }
        return runs;
    }

    /** A new engine and client for each run, as a new build or CLI process would have. */
    private static SyncResult engineRun(SyncSimulator simulator, List<Report> reports) throws AdoException {
        return new SyncEngine(simulator.client(), new SyncLocks())
                .run(new SyncRequest(reports, List.of(TEMPLATE), LinkContext.NONE, false, false));
    }

    private List<SyncMeasurement> naive(int size) throws IOException {
        int measured = Math.min(size, options.naiveMax());
        List<Report> reports = findings.reports(measured);
        List<SyncMeasurement> runs = new ArrayList<>();
        try (SyncSimulator simulator = SyncSimulator.start(options.settings())) {
            for (String run : List.of("first", "re-run")) {
                progress("naive, N=" + size + (measured < size ? " (prefix of " + measured + ")" : "") + ", " + run);
                simulator.newRun();
                AdoClient client = simulator.client();
                NaiveSync naive = new NaiveSync(client, TEMPLATE);
                long started = System.nanoTime();
                NaiveSync.Outcome outcome = naive.run(reports);
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                Instant end = Instant.now();
                String text = outcome.creates() + " created, " + (outcome.lookups() - outcome.creates() - outcome.failed())
                        + " found" + (outcome.failed() > 0 ? ", " + outcome.failed() + " failed (" + outcome.firstError() + ")" : "");
                runs.add(new SyncMeasurement(size, "naive", run, measured, simulator.requests(), client.requestCount(),
                        simulator.throttled(), simulator.writes(), wall, text, simulator.byEndpoint(),
                        simulator.timeByEndpoint(end)));
            }
        }
        return runs;
    }

    private static String outcome(SyncResult result) {
        StringJoiner text = new StringJoiner(", ");
        for (Action action : Action.values()) {
            if (result.total(action) > 0) {
                text.add(result.total(action) + " " + action.name().toLowerCase(Locale.ROOT));
            }
        }
        if (result.hasFailures()) {
            text.add("first failure: " + result.entries(Action.FAILED).get(0).errorMessage());
        }
        return text.toString();
    }

    private static void progress(String what) {
        System.err.printf(Locale.ROOT, "[%tT] %s%n", System.currentTimeMillis(), what);
    }
}
