package io.jenkins.plugins.adoworkitems.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Markdown the benchmark prints: one row per run, then the targets and whether each was met. */
final class BenchmarkReport {
    static final double TARGET_MB_PER_SECOND = 100;
    static final double TARGET_TIMES_ANALYSIS_MODEL = 10;

    private BenchmarkReport() {
    }

    static String markdown(List<ParseBenchmark.Outcome> outcomes, ParseBenchmark.Options options) {
        StringBuilder text = new StringBuilder();
        text.append("| file | parser | -Xmx | counted | time (s) | MB/s | CPU (s) | MB per CPU-s | heap peak, sampled (MB) "
                + "| heap after GC, max (MB) | pool peaks, sum (MB) |\n");
        text.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ParseBenchmark.Outcome outcome : outcomes) {
            String file = outcome.sizeMb() + " MB" + (options.pretty() ? "" : " compact");
            String parser = outcome.mode().label() + (outcome.mode().diagnostic() ? " *(diagnostic)*" : "");
            if (outcome.measurement().isEmpty()) {
                text.append(row(file, parser, outcome.heap(), "—", outcome.failure(), "—", "—", "—", "—", "—", "—"));
                continue;
            }
            Measurement m = outcome.measurement().get();
            text.append(row(file, parser, outcome.heap(), String.format(Locale.ROOT, "%,d", m.count()),
                    format(m.seconds()), format(outcome.mbPerSecond()), format(m.cpuSeconds()),
                    format(outcome.bytes() / (double) ParseBenchmark.MB / m.cpuSeconds()), megabytes(m.sampledPeak()),
                    m.afterGcPeak() == 0 ? "no GC" : megabytes(m.afterGcPeak()), megabytes(m.poolPeaks())));
        }
        text.append('\n').append(targets(outcomes));
        return text.toString();
    }

    private static String targets(List<ParseBenchmark.Outcome> outcomes) {
        StringBuilder text = new StringBuilder("Targets:\n");
        for (ParseBenchmark.Outcome ours : find(outcomes, ParseMode.OURS)) {
            text.append(String.format(Locale.ROOT, "- ≥ %.0f MB/s, %d MB, all findings: %s%n", TARGET_MB_PER_SECOND,
                    ours.sizeMb(), ours.measurement().isEmpty() ? "not met (" + ours.failure() + ")"
                            : verdict(ours.mbPerSecond() >= TARGET_MB_PER_SECOND,
                            format(ours.mbPerSecond()) + " MB/s")));
            Optional<ParseBenchmark.Outcome> theirs = find(outcomes, ParseMode.ANALYSIS_MODEL).stream()
                    .filter(other -> other.sizeMb() == ours.sizeMb()).findFirst();
            if (theirs.isPresent() && ours.measurement().isPresent()) {
                if (theirs.get().measurement().isPresent()) {
                    double times = ours.mbPerSecond() / theirs.get().mbPerSecond();
                    text.append(String.format(Locale.ROOT, "- ≥ %.0f× analysis-model, %d MB: %s%n",
                            TARGET_TIMES_ANALYSIS_MODEL, ours.sizeMb(),
                            verdict(times >= TARGET_TIMES_ANALYSIS_MODEL, format(times) + "×")));
                } else {
                    text.append(String.format(Locale.ROOT, "- analysis-model, %d MB: %s%n", ours.sizeMb(),
                            theirs.get().failure()));
                }
            }
        }
        for (ParseBenchmark.Outcome filtered : find(outcomes, ParseMode.OURS_HIGH)) {
            text.append(String.format(Locale.ROOT, "- %d MB parsed and filtered to high+critical at -Xmx%s: %s%n",
                    filtered.sizeMb(), filtered.heap(), filtered.measurement()
                            .map(m -> "met, " + String.format(Locale.ROOT, "%,d", m.count()) + " kept")
                            .orElse("not met (" + filtered.failure() + ")")));
        }
        return text.toString();
    }

    private static List<ParseBenchmark.Outcome> find(List<ParseBenchmark.Outcome> outcomes, ParseMode mode) {
        return outcomes.stream().filter(outcome -> outcome.mode() == mode).toList();
    }

    private static String verdict(boolean met, String value) {
        return (met ? "met" : "NOT met") + " (" + value + ")";
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / (double) ParseBenchmark.MB);
    }
}
