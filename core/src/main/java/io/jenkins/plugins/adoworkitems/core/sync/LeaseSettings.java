package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.Sleeper;

import java.time.Clock;
import java.time.Duration;

/**
 * How long a sync's claim on creating a template's items lasts and how long others wait for it (docs/sync.md).
 *
 * @param ttl a claim not renewed for this long is taken to belong to a crashed run; the holder renews it between
 *            create batches, so a long run keeps it
 * @param maxWait how long a run waits for another's claim before it creates anyway (the re-check after creating
 *                then retires any duplicate)
 * @param skew how far apart two machines' clocks may be; a claim whose stated end is this far past is over at once
 */
record LeaseSettings(Duration ttl, Duration maxWait, Duration skew, Clock clock, Sleeper sleeper) {
    static final LeaseSettings DEFAULTS = new LeaseSettings(Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(1), Clock.systemUTC(), Sleeper.REAL);
}
