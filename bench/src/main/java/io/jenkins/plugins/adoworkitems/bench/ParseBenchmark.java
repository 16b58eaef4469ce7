package io.jenkins.plugins.adoworkitems.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Generates large SARIF logs and measures each parser on them in its own JVM; prints a Markdown table.
 * Files of {@value #LARGE_MB} MB and more are read with the small heap (the "1 GB in 256 MB" target), smaller
 * ones with the normal heap and every mode. See docs/performance.md.
 */
public final class ParseBenchmark {
    static final long MB = 1024 * 1024;
    private static final int LARGE_MB = 1024;
    private static final List<String> SAMPLES = List.of("codeQL-output.sarif",
            "semgrepowasp-benchmark-sample.sarif", "security-code-scan.sarif");

    private final Options options;

    private ParseBenchmark(Options options) {
        this.options = options;
    }

    /**
     * Command line: sizes in MB, where generated files go, the two heaps, a time cap per run; {@code jvm}, more JVM
     * options for each measured run (e.g. the CLI launcher's).
     */
    record Options(List<Integer> sizes, Path dir, Path samples, String heap, String largeHeap, long timeoutSeconds,
                   boolean pretty, List<ParseMode> only, int repeat, int warmUps, List<String> jvm) {
        static Options parse(String[] args) {
            List<Integer> sizes = List.of(200, 1024);
            Path dir = Path.of("/tmp/adowi-bench");
            Path samples = Path.of("../shared/samples/sarif");
            String heap = "4g";
            String largeHeap = "256m";
            long timeout = 900;
            boolean pretty = true;
            List<ParseMode> only = List.of();
            int repeat = 1;
            int warmUps = 0;
            List<String> jvm = List.of();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(","))
                            .map(String::trim).map(Integer::valueOf).toList();
                    case "--dir" -> dir = Path.of(args[++i]);
                    case "--samples" -> samples = Path.of(args[++i]);
                    case "--heap" -> heap = args[++i];
                    case "--large-heap" -> largeHeap = args[++i];
                    case "--timeout" -> timeout = Long.parseLong(args[++i]);
                    case "--compact" -> pretty = false;
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    case "--warm" -> warmUps = Integer.parseInt(args[++i]);
                    case "--jvm" -> jvm = java.util.Arrays.stream(args[++i].trim().split("\\s+"))
                            .filter(option -> !option.isEmpty()).toList();
                    case "--modes" -> only = java.util.Arrays.stream(args[++i].split(","))
                            .map(name -> ParseMode.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                            + "--sizes 200,1024 --dir DIR --samples DIR --heap 4g --large-heap 256m "
                            + "--timeout SECONDS --compact --repeat N --warm N --modes ours,ours_high,... --jvm \"OPTIONS\"");
                }
            }
            return new Options(sizes, dir, samples, heap, largeHeap, timeout, pretty, only, repeat, warmUps, jvm);
        }
    }

    /** One parser on one file: a measurement, or why there is none (out of memory, timed out…). */
    record Outcome(int sizeMb, long bytes, ParseMode mode, String heap, Optional<Measurement> measurement,
                   String failure) {
        double mbPerSecond() {
            return measurement.map(m -> bytes / (double) MB / m.seconds()).orElse(0.0);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Outcome> outcomes = new ParseBenchmark(options).runAll();
        System.out.println(BenchmarkReport.markdown(outcomes, options));
    }

    private List<Outcome> runAll() throws IOException, InterruptedException {
        Files.createDirectories(options.dir());
        List<Outcome> outcomes = new ArrayList<>();
        for (int size : options.sizes()) {
            Path file = generated(size);
            long bytes = Files.size(file);
            boolean large = size >= LARGE_MB;
            String heap = large ? options.largeHeap() : options.heap();
            for (ParseMode mode : modes(large)) {
                progress("%s on %s (%,d bytes) with -Xmx%s %s", mode.label(), file, bytes, heap, String.join(" ", options.jvm()));
                Outcome outcome = fastest(mode, file, size, bytes, heap);
                progress("  -> %s", outcome.measurement().map(m -> String.format(Locale.ROOT,
                        "%d counted, %.1f s, %.1f MB/s", m.count(), m.seconds(), outcome.mbPerSecond()))
                        .orElse(outcome.failure()));
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    /** Large files: the comparison only, the diagnostics cost minutes and say nothing new at that size. */
    private List<ParseMode> modes(boolean large) {
        if (!options.only().isEmpty()) {
            return options.only();
        }
        if (large) {
            return List.of(ParseMode.OURS_HIGH, ParseMode.OURS, ParseMode.JACKSON_TREE, ParseMode.ANALYSIS_MODEL);
        }
        return List.of(ParseMode.values());
    }

    private Path generated(int sizeMb) throws IOException {
        Path file = options.dir().resolve("sarif-" + sizeMb + "MB" + (options.pretty() ? "" : "-compact") + ".sarif");
        if (Files.exists(file)) {
            progress("reusing %s", file);
            return file;
        }
        progress("generating %s ...", file);
        long started = System.nanoTime();
        List<Path> samples = SAMPLES.stream().map(options.samples()::resolve).toList();
        new SarifGenerator(samples, options.pretty()).write(file, sizeMb * MB);
        progress("  %,d bytes in %.1f s", Files.size(file), (System.nanoTime() - started) / 1e9);
        return file;
    }

    /**
     * The fastest of {@code --repeat} runs: on a shared machine the other processes only ever slow a run
     * down, so the fastest is the least disturbed. A failure is not retried.
     */
    private Outcome fastest(ParseMode mode, Path file, int sizeMb, long bytes, String heap)
            throws IOException, InterruptedException {
        Outcome best = measure(mode, file, sizeMb, bytes, heap);
        for (int run = 1; run < options.repeat() && best.measurement().isPresent(); run++) {
            Outcome next = measure(mode, file, sizeMb, bytes, heap);
            if (next.measurement().isPresent() && next.mbPerSecond() > best.mbPerSecond()) {
                best = next;
            }
        }
        return best;
    }

    private Outcome measure(ParseMode mode, Path file, int sizeMb, long bytes, String heap)
            throws IOException, InterruptedException {
        Path out = options.dir().resolve("run.out");
        Path err = options.dir().resolve("run.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(options.jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MeasuredRun.class.getName(), mode.name(),
                file.toString(), Integer.toString(options.warmUps())));
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long started = System.nanoTime();
        if (!process.waitFor(options.timeoutSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return failed(sizeMb, bytes, mode, heap, "stopped after the " + options.timeoutSeconds() + " s cap");
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        // -XX:+ExitOnOutOfMemoryError prints its "Terminating due to ..." line on standard output.
        if ((errors + Files.readString(out, StandardCharsets.UTF_8)).contains("OutOfMemoryError")) {
            return failed(sizeMb, bytes, mode, heap,
                    String.format(Locale.ROOT, "OutOfMemoryError at -Xmx%s after %.1f s", heap, elapsed));
        }
        Optional<String> line = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(Measurement::isLine).findFirst();
        if (process.exitValue() != 0 || line.isEmpty()) {
            String firstError = errors.lines().findFirst().orElse("no output");
            return failed(sizeMb, bytes, mode, heap, "failed (exit " + process.exitValue() + "): " + firstError);
        }
        return new Outcome(sizeMb, bytes, mode, heap, Optional.of(Measurement.parse(line.get())), "");
    }

    private static Outcome failed(int sizeMb, long bytes, ParseMode mode, String heap, String why) {
        return new Outcome(sizeMb, bytes, mode, heap, Optional.empty(), why);
    }

    private static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
