package io.jenkins.plugins.adoworkitems.bench;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The child process: runs one {@link ParseMode} on one file in a fresh JVM, so that no other parser's
 * classes, JIT state or garbage share its heap, and prints one {@link Measurement} line.
 * Usage: {@code MeasuredRun MODE FILE [WARM_UPS]}: with warm-ups, the same parse runs that many times untimed
 * first, as in a long-running JVM such as a Jenkins agent, so that the timed run measures compiled code rather
 * than the JIT compiler.
 */
public final class MeasuredRun {
    private MeasuredRun() {
    }

    public static void main(String[] args) throws Exception {
        ParseMode mode = ParseMode.valueOf(args[0]);
        Path file = mode.input(Path.of(args[1]));
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int i = 0; i < warmUps; i++) {
            mode.run(file);
        }
        // Start from an empty heap, so the peaks are the parser's and not the JVM's start-up garbage.
        System.gc();
        HeapMeter meter = new HeapMeter();
        meter.start();
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = system.getProcessCpuTime();
        long started = System.nanoTime();
        long count = mode.run(file);
        long nanos = System.nanoTime() - started;
        long cpuNanos = system.getProcessCpuTime() - cpuStarted;
        HeapMeter.Peaks peaks = meter.stop();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+"));
        System.out.println(new Measurement(count, nanos, cpuNanos, peaks.sampled(), peaks.poolPeaks(), peaks.afterGc(),
                Runtime.getRuntime().maxMemory(), collectors).toLine());
    }
}
