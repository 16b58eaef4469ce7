package io.jenkins.plugins.adoworkitems.bench;

import java.time.Duration;
import java.util.Map;

/**
 * One measured run of one mode. When the mode ran on a prefix of the findings ({@code measured < findings}), the
 * totals are extrapolated linearly to all of them and {@link #extrapolated()} says so.
 *
 * @param findings the size of the benchmark case (N)
 * @param measured how many findings the run really synced
 * @param requests HTTP requests the simulator answered, 429s included
 * @param clientRequests what the client counted (SyncResult.httpRequests() for ours); equal unless a connection broke
 * @param outcome what the run did, for people: "1000 created", "1000 unchanged"…
 * @param timeByEndpoint see {@link SyncSimulator#timeByEndpoint}; as measured, never extrapolated
 */
record SyncMeasurement(int findings, String mode, String run, int measured, int requests, int clientRequests,
                       int throttled, int writes, Duration wall, String outcome, Map<String, Integer> byEndpoint,
                       Map<String, Duration> timeByEndpoint) {
    SyncMeasurement {
        byEndpoint = Map.copyOf(byEndpoint);
        timeByEndpoint = Map.copyOf(timeByEndpoint);
    }

    boolean extrapolated() {
        return measured < findings;
    }

    private double scale() {
        return findings / (double) measured;
    }

    double totalRequests() {
        return requests * scale();
    }

    double requestsPerFinding() {
        return requests / (double) measured;
    }

    double totalThrottled() {
        return throttled * scale();
    }

    double totalWrites() {
        return writes * scale();
    }

    double seconds() {
        return wall.toNanos() / 1e9 * scale();
    }
}
