package io.jenkins.plugins.adoworkitems.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** The sync benchmark's results as Markdown: the table, the verdicts against the targets, where the requests go. */
final class SyncBenchmarkReport {
    static final double FIRST_RUN_TARGET = 0.05;
    static final double RE_RUN_TARGET = 0.02;
    static final double SPEED_UP_TARGET = 20;

    private SyncBenchmarkReport() {
    }

    static String markdown(List<SyncMeasurement> measurements, SyncBenchmark.Options options) {
        StringBuilder out = new StringBuilder();
        out.append("Simulator: ").append(options.settings().describe())
                .append("; a fresh simulator per mode and size, the rate-limit window restarted before each run.\n");
        if (measurements.stream().anyMatch(SyncMeasurement::extrapolated)) {
            out.append("Rows marked * are extrapolated linearly from the first ").append(options.naiveMax())
                    .append(" findings, which were really synced; requests/finding is the measured ratio.\n");
        }
        out.append('\n');
        out.append("| N | mode | run | requests | requests/finding | 429s | writes | wall time | speed-up vs naive | outcome |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (SyncMeasurement m : measurements) {
            String star = m.extrapolated() ? "*" : "";
            out.append(String.format(Locale.ROOT, "| %,d | %s%s | %s | %s%s | %.4f | %s%s | %s%s | %s%s | %s | %s |%n",
                    m.findings(), m.mode(), m.extrapolated() ? " (measured " + String.format(Locale.ROOT, "%,d", m.measured()) + ")" : "",
                    m.run(), count(m.totalRequests()), star, m.requestsPerFinding(), count(m.totalThrottled()), star,
                    count(m.totalWrites()), star, time(m.seconds()), star,
                    speedUp(m, measurements).map(x -> String.format(Locale.ROOT, "%.0f×", x)).orElse("–"),
                    m.outcome()));
        }
        int largest = measurements.stream().mapToInt(SyncMeasurement::findings).max().orElse(0);
        out.append("\nTargets at N = ").append(String.format(Locale.ROOT, "%,d", largest)).append(":\n\n");
        find(measurements, largest, "ours", "first").ifPresent(m -> out.append(verdict("first run",
                m.requestsPerFinding() <= FIRST_RUN_TARGET, String.format(Locale.ROOT, "%.4f requests per finding (target ≤ %.2f)",
                        m.requestsPerFinding(), FIRST_RUN_TARGET))));
        find(measurements, largest, "ours", "re-run").ifPresent(m -> out.append(verdict("re-run",
                m.requestsPerFinding() <= RE_RUN_TARGET, String.format(Locale.ROOT, "%.4f requests per finding (target ≤ %.2f)",
                        m.requestsPerFinding(), RE_RUN_TARGET))));
        for (String run : List.of("first", "re-run")) {
            find(measurements, largest, "ours", run).flatMap(m -> speedUp(m, measurements)).ifPresent(x -> out.append(
                    verdict("speed-up, " + run, x >= SPEED_UP_TARGET, String.format(Locale.ROOT,
                            "%.0f× faster than naive (target ≥ %.0f×)", x, SPEED_UP_TARGET))));
        }
        out.append('\n').append(endpoints(measurements, largest));
        for (SyncMeasurement m : measurements) {
            if (m.requests() != m.clientRequests()) {
                out.append(String.format(Locale.ROOT, "%nNote: N=%d %s %s: the simulator answered %d requests, the client"
                        + " counted %d.%n", m.findings(), m.mode(), m.run(), m.requests(), m.clientRequests()));
            }
        }
        return out.toString();
    }

    /** Naive wall time over ours for the same N and run; naive rows have none. */
    private static Optional<Double> speedUp(SyncMeasurement m, List<SyncMeasurement> all) {
        if (!m.mode().equals("ours")) {
            return Optional.empty();
        }
        return find(all, m.findings(), "naive", m.run()).map(naive -> naive.seconds() / m.seconds());
    }

    private static Optional<SyncMeasurement> find(List<SyncMeasurement> all, int findings, String mode, String run) {
        return all.stream().filter(m -> m.findings() == findings && m.mode().equals(mode) && m.run().equals(run)).findFirst();
    }

    private static String verdict(String what, boolean met, String detail) {
        return "- " + what + ": " + (met ? "**met**" : "**missed**") + ", " + detail + "\n";
    }

    /** Requests by endpoint for each run at one size (the naive ones as measured, not extrapolated). */
    private static String endpoints(List<SyncMeasurement> all, int findings) {
        List<SyncMeasurement> runs = all.stream().filter(m -> m.findings() == findings).toList();
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(m -> keys.addAll(m.byEndpoint().keySet()));
        StringBuilder out = new StringBuilder("Requests by endpoint at N = " + String.format(Locale.ROOT, "%,d", findings)
                + " (as measured, 429s included; in brackets the seconds from each such request to the next, which"
                + " include the latency, the simulator's work, Retry-After waits and the client's own work):\n\n| endpoint |");
        List<String> separator = new ArrayList<>(List.of("---"));
        for (SyncMeasurement m : runs) {
            out.append(' ').append(m.mode()).append(' ').append(m.run())
                    .append(m.extrapolated() ? String.format(Locale.ROOT, " (%,d findings)", m.measured()) : "").append(" |");
            separator.add("---:");
        }
        out.append("\n|").append(String.join("|", separator)).append("|\n");
        for (String key : keys) {
            out.append("| `").append(key).append("` |");
            runs.forEach(m -> out.append(' ').append(m.byEndpoint().getOrDefault(key, 0)).append(String.format(Locale.ROOT,
                    " (%.1f s)", m.timeByEndpoint().getOrDefault(key, java.time.Duration.ZERO).toNanos() / 1e9)).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    static String time(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        return whole < 3600 ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60)
                : String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }
}
