package io.jenkins.plugins.adoworkitems.core.ado;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to keep trying after HTTP 429, 5xx and I/O errors: exponential backoff with jitter, unless Azure DevOps
 * says how long to wait (Retry-After, X-RateLimit-Delay), within a total time budget.
 *
 * @param totalBudget  time spent on one call (requests plus waits) after which the client gives up
 * @param initialDelay first backoff; each retry doubles it up to {@code maxDelay}
 * @param maxAttempts  upper bound on attempts even when the server asks for no wait at all
 */
public record RetryPolicy(Duration totalBudget, Duration initialDelay, Duration maxDelay, int maxAttempts,
        Sleeper sleeper) {
    public RetryPolicy {
        Objects.requireNonNull(totalBudget, "totalBudget");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(sleeper, "sleeper");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Sleeper.REAL);
    }

    public RetryPolicy withTotalBudget(Duration budget) {
        return new RetryPolicy(budget, initialDelay, maxDelay, maxAttempts, sleeper);
    }

    public RetryPolicy withSleeper(Sleeper replacement) {
        return new RetryPolicy(totalBudget, initialDelay, maxDelay, maxAttempts, replacement);
    }

    /** Backoff before retry number {@code retry} (1-based): between half and all of the doubled delay. */
    Duration backoff(int retry) {
        long base = initialDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        // Jitter spreads the retries of parallel jobs that were throttled together.
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }
}
