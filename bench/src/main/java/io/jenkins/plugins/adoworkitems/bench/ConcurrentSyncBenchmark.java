package io.jenkins.plugins.adoworkitems.bench;

import io.jenkins.plugins.adoworkitems.bench.SyncSimulator.SyncSettings;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEngine;
import io.jenkins.plugins.adoworkitems.core.sync.SyncLocks;
import io.jenkins.plugins.adoworkitems.core.sync.SyncRequest;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several syncs of the same findings started together, each with its own client and lock, as on separate machines
 * (issue 12 §5): how many duplicates they create, and how many the runs report cleaning up. Uses only the public
 * API, so the same class measures an older checkout. Prints a Markdown table; see docs/performance.md.
 * Arguments: {@code --samples DIR --findings 56 --runs 2,3,5 --trials 5 --latency 50ms}.
 */
public final class ConcurrentSyncBenchmark {
    private static final Pattern CLEANED = Pattern.compile("Cleaned up (\\d+) duplicate");
    private static final Logger CORE_LOG = Logger.getLogger("io.jenkins.plugins.adoworkitems.core");

    private ConcurrentSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of("../shared/samples");
        int findings = 56;
        List<Integer> runs = List.of(2, 3, 5);
        int trials = 5;
        Duration latency = Duration.ofMillis(50);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--samples" -> samples = Path.of(args[++i]);
                case "--findings" -> findings = Integer.parseInt(args[++i]);
                case "--runs" -> runs = java.util.Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--latency" -> latency = SyncBenchmark.Options.duration(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        CORE_LOG.setLevel(Level.WARNING);
        List<Report> reports = SyncFindings.fromSamples(samples).reports(findings);
        System.out.println("| concurrent runs | trials | duplicates created (total) | per trial (min–max) "
                + "| reported cleaned up | tracked items right | wall time per trial |");
        System.out.println("|--:|--:|--:|--:|--:|---|--:|");
        for (int concurrent : runs) {
            int created = 0;
            int reported = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            boolean right = true;
            long nanos = 0;
            for (int trial = 0; trial < trials; trial++) {
                System.err.printf(Locale.ROOT, "%d runs, trial %d%n", concurrent, trial + 1);
                try (SyncSimulator simulator = SyncSimulator.start(new SyncSettings(latency, 0, Duration.ofSeconds(1)))) {
                    long started = System.nanoTime();
                    List<SyncResult> results = together(simulator, reports, concurrent);
                    nanos += System.nanoTime() - started;
                    List<WorkItem> items = items(simulator.client());
                    long tracked = items.stream().filter(item -> tags(item).matches("(?s).*adowi-[0-9a-f]{32}.*"))
                            .map(ConcurrentSyncBenchmark::fingerprintTag).distinct().count();
                    long trackedItems = items.stream().filter(item -> tags(item).matches("(?s).*adowi-[0-9a-f]{32}.*")).count();
                    int duplicates = (int) items.stream().filter(item -> !tags(item).contains("adowi-lease")).count() - findings;
                    right &= tracked == findings && trackedItems == findings;
                    created += duplicates;
                    min = Math.min(min, duplicates);
                    max = Math.max(max, duplicates);
                    for (SyncResult result : results) {
                        for (String line : result.log()) {
                            Matcher matcher = CLEANED.matcher(line);
                            if (matcher.find()) {
                                reported += Integer.parseInt(matcher.group(1));
                            }
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f (%d–%d) | %d | %s | %.1f s |%n", concurrent, trials, created,
                    created / (double) trials, min, max, reported, right ? "yes, " + findings + " every time" : "NO",
                    nanos / 1e9 / trials);
        }
    }

    private static List<SyncResult> together(SyncSimulator simulator, List<Report> reports, int concurrent)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            List<Future<SyncResult>> futures = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                // Its own client and lock: a separate machine.
                AdoClient client = simulator.client();
                futures.add(pool.submit(() -> {
                    go.await();
                    return new SyncEngine(client, new SyncLocks()).run(new SyncRequest(reports,
                            List.of(SyncBenchmark.TEMPLATE), LinkContext.NONE, false, false));
                }));
            }
            go.countDown();
            List<SyncResult> results = new ArrayList<>();
            for (Future<SyncResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<WorkItem> items(AdoClient client) throws Exception {
        return client.workItems(client.wiql(SyncSimulator.PROJECT,
                "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project", 20_000));
    }

    private static String tags(WorkItem item) {
        return item.field("System.Tags") == null ? "" : item.field("System.Tags").toLowerCase(Locale.ROOT);
    }

    private static String fingerprintTag(WorkItem item) {
        Matcher matcher = Pattern.compile("adowi-[0-9a-f]{32}").matcher(tags(item));
        return matcher.find() ? matcher.group() : "";
    }
}
