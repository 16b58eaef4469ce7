package io.jenkins.plugins.adoworkitems.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What one child run reports, sent to the parent as one {@code key=value} line on standard output.
 *
 * @param count findings, results or tokens, as the mode counts them
 * @param nanos parse time, JVM start-up excluded
 * @param cpuNanos CPU time of the whole process meanwhile: parser, collector and JIT threads
 * @param sampledPeak see {@link HeapMeter}; all heap figures in bytes
 * @param maxHeap the JVM's -Xmx as it took it
 * @param collectors the garbage collectors' names, e.g. {@code G1 Young Generation+G1 Old Generation}
 */
record Measurement(long count, long nanos, long cpuNanos, long sampledPeak, long poolPeaks, long afterGcPeak, long maxHeap,
                   String collectors) {
    private static final String PREFIX = "MEASUREMENT ";

    String toLine() {
        return PREFIX + "count=" + count + " nanos=" + nanos + " cpuNanos=" + cpuNanos + " sampledPeak=" + sampledPeak
                + " poolPeaks=" + poolPeaks + " afterGcPeak=" + afterGcPeak + " maxHeap=" + maxHeap
                + " collectors=" + collectors.replace(' ', '_');
    }

    static boolean isLine(String line) {
        return line.startsWith(PREFIX);
    }

    static Measurement parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int equals = pair.indexOf('=');
            fields.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new Measurement(Long.parseLong(fields.get("count")), Long.parseLong(fields.get("nanos")),
                Long.parseLong(fields.get("cpuNanos")),
                Long.parseLong(fields.get("sampledPeak")), Long.parseLong(fields.get("poolPeaks")),
                Long.parseLong(fields.get("afterGcPeak")), Long.parseLong(fields.get("maxHeap")),
                fields.get("collectors").replace('_', ' '));
    }

    double seconds() {
        return nanos / 1e9;
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }
}
