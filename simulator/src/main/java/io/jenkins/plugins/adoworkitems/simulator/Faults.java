package io.jenkins.plugins.adoworkitems.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Misbehaviour switched on at runtime, for the retry, throttling and idempotency paths of clients.
 * Applies to every request except the {@code /_simulator} admin endpoint. Thread-safe.
 */
public final class Faults {
    private Duration latency = Duration.ZERO;
    private Duration slowBody = Duration.ZERO;
    private int failCount;
    private int failStatus;
    private boolean resetNext;
    /** Writes to let through before the one whose answer is lost; 0 when off. */
    private int writesUntilLoss;
    private RateLimiter rateLimiter;
    private int echoAuthorizationCount;

    /** Every answer is delayed by this much before processing. */
    public synchronized Faults latency(Duration delay) {
        this.latency = requireNonNegative(delay);
        return this;
    }

    /** Allows {@code requestsPerWindow} requests per fixed window, then answers 429 with ADO's headers. */
    public synchronized Faults rateLimit(int requestsPerWindow, Duration window) {
        if (requestsPerWindow < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("rate limit needs at least one request per positive window");
        }
        this.rateLimiter = new RateLimiter(requestsPerWindow, window);
        return this;
    }

    public synchronized Faults rateLimitOff() {
        this.rateLimiter = null;
        return this;
    }

    /** The next {@code count} requests fail with {@code status} (500 or 503) before doing anything. */
    public synchronized Faults failNext(int count, int status) {
        if (status != 500 && status != 503) {
            throw new IllegalArgumentException("failNext supports 500 and 503, not " + status);
        }
        this.failCount = count;
        this.failStatus = status;
        return this;
    }

    /**
     * The next {@code count} requests fail with HTTP 400 whose message quotes the request's headers, Authorization
     * included, as a gateway or a debugging server does: what clients must not pass on to their logs.
     */
    public synchronized Faults echoAuthorizationNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        this.echoAuthorizationCount = count;
        return this;
    }

    /** The next request's connection is closed without any answer, before it is processed. */
    public synchronized Faults resetNextConnection() {
        this.resetNext = true;
        return this;
    }

    /** The next write is applied, then its connection closed without an answer (the client cannot know it worked). */
    public synchronized Faults loseResponseOfNextWrite() {
        return loseResponseOfWrite(1);
    }

    /**
     * The {@code n}-th write from now (1 = the next) is applied, then its connection closed without an answer: lets a
     * test lose the answer at every position of a client's sequence of writes.
     */
    public synchronized Faults loseResponseOfWrite(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n counts writes from 1, got " + n);
        }
        this.writesUntilLoss = n;
        return this;
    }

    /** Response bodies are trickled out over this long after the headers. */
    public synchronized Faults slowBody(Duration total) {
        this.slowBody = requireNonNegative(total);
        return this;
    }

    public synchronized Faults clear() {
        latency = Duration.ZERO;
        slowBody = Duration.ZERO;
        failCount = 0;
        resetNext = false;
        writesUntilLoss = 0;
        rateLimiter = null;
        echoAuthorizationCount = 0;
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Duration slowBodyDuration() {
        return slowBody;
    }

    synchronized boolean takeReset() {
        boolean r = resetNext;
        resetNext = false;
        return r;
    }

    /** The status to fail this request with, or 0. */
    synchronized int takeFailure() {
        if (failCount > 0) {
            failCount--;
            return failStatus;
        }
        return 0;
    }

    synchronized boolean takeEchoAuthorization() {
        if (echoAuthorizationCount > 0) {
            echoAuthorizationCount--;
            return true;
        }
        return false;
    }

    synchronized boolean takeLostWrite() {
        if (writesUntilLoss == 0) {
            return false;
        }
        writesUntilLoss--;
        return writesUntilLoss == 0;
    }

    synchronized RateLimiter.Decision admit(Instant now) {
        return rateLimiter == null ? null : rateLimiter.admit(now);
    }

    private static Duration requireNonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return d;
    }
}
