package io.jenkins.plugins.adoworkitems.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed-window counter shaped like ADO's global consumption limiter: the caller learns the limit, what is left,
 * when the window resets, and is asked to back off (Retry-After) once 80% of the window is used.
 */
final class RateLimiter {
    record Decision(boolean blocked, int limit, int remaining, Instant reset, long retryAfterSeconds, boolean near) {
    }

    private final int limit;
    private final Duration window;
    private Instant windowStart = Instant.EPOCH;
    private int used;

    RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    Decision admit(Instant now) {
        if (!now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            used = 0;
        }
        Instant reset = windowStart.plus(window);
        long retryAfter = Math.max(1, (long) Math.ceil(Duration.between(now, reset).toMillis() / 1000.0));
        if (used >= limit) {
            return new Decision(true, limit, 0, reset, retryAfter, true);
        }
        used++;
        int remaining = limit - used;
        boolean near = used * 5 >= limit * 4;
        return new Decision(false, limit, remaining, reset, retryAfter, near);
    }
}
