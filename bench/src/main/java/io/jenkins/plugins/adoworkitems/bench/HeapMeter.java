package io.jenkins.plugins.adoworkitems.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap of this JVM while one parser runs, three ways, because no single number is right:
 * <ul>
 *   <li>{@code sampled}: the most heap in use seen by a thread polling every {@value #SAMPLE_MILLIS} ms. It
 *   includes garbage not yet collected, so with a large -Xmx it shows how lazy the collector was, not what the
 *   parser needs; short spikes between two samples are missed.</li>
 *   <li>{@code poolPeaks}: the sum of each heap pool's own peak (peaks reset at the start). The pools peak at
 *   different moments, so this is an upper bound.</li>
 *   <li>{@code afterGc}: the most heap still in use right after a collection, from the collector's
 *   notifications: the closest to the live set the parser keeps. Zero when no collection ran.</li>
 * </ul>
 */
final class HeapMeter {
    static final int SAMPLE_MILLIS = 2;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong sampledPeak = new AtomicLong();
    private final AtomicLong afterGcPeak = new AtomicLong();
    private final NotificationListener gcListener = this::onCollection;
    private volatile boolean sampling;
    private Thread sampler;

    /** The three peaks, in bytes. */
    record Peaks(long sampled, long poolPeaks, long afterGc) {
    }

    void start() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(gcListener, null, null);
        }
        sampling = true;
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    Peaks stop() throws InterruptedException {
        sampling = false;
        sampler.join();
        record(memory.getHeapMemoryUsage().getUsed());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(gcListener);
            } catch (javax.management.ListenerNotFoundException alreadyGone) {
                // nothing to remove
            }
        }
        long poolPeaks = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Peaks(sampledPeak.get(), poolPeaks, afterGcPeak.get());
    }

    private void sample() {
        while (sampling) {
            record(memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void record(long used) {
        sampledPeak.accumulateAndGet(used, Math::max);
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                MemoryUsage usage = pool.getValue();
                after += usage.getUsed();
            }
        }
        afterGcPeak.accumulateAndGet(after, Math::max);
    }
}
