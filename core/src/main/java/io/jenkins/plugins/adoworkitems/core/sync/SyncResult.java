package io.jenkins.plugins.adoworkitems.core.sync;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a sync (or the plan of a dry run): one entry per work item (and per skip that names an item or a
 * unit), totals by action, skips counted by reason, the number of HTTP requests it took, and log lines for the build
 * log or the console.
 *
 * <p>Findings dropped before any item was looked at (suppressed, taken by no template, below the threshold) have no
 * entry: they are counted in {@link #skipped()}, so that a result grows with the items, not with the reports. The
 * {@link Action#SKIP} total counts every skip, listed or not: {@code total(SKIP)} is the sum of {@link #skipped()},
 * while {@code entries(SKIP)} holds only the listed ones ({@link SkipReason#listed()}).
 *
 * @param skipped every skip by reason (each reason but {@link SkipReason#NONE}, zeros included)
 * @param duplicatesRetired items this run created that a concurrent sync (another machine) had created too, and that
 *                          this run took out of tracking again; 0 when syncs took turns as they should
 */
public record SyncResult(List<SyncEntry> entries, Map<Action, Integer> totals, Map<SkipReason, Integer> skipped,
                         int httpRequests, boolean dryRun, List<String> log, int duplicatesRetired) implements Serializable {
    private static final long serialVersionUID = 2L;

    public SyncResult {
        entries = List.copyOf(entries);
        totals = Map.copyOf(totals);
        skipped = skipped == null ? Map.of() : Map.copyOf(skipped);
        log = List.copyOf(log);
    }

    /**
     * @param counted skips that have no entry, by reason (suppressed, no template, below threshold)
     */
    static SyncResult of(List<SyncEntry> entries, Map<SkipReason, Integer> counted, int httpRequests, boolean dryRun,
                         List<String> log, int duplicatesRetired) {
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            if (reason != SkipReason.NONE) {
                skipped.put(reason, counted.getOrDefault(reason, 0));
            }
        }
        Map<Action, Integer> totals = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            totals.put(action, 0);
        }
        for (SyncEntry entry : entries) {
            totals.merge(entry.action(), 1, Integer::sum);
            if (entry.action() == Action.SKIP) {
                skipped.merge(entry.skipReason(), 1, Integer::sum);
            }
        }
        totals.merge(Action.SKIP, counted.values().stream().mapToInt(Integer::intValue).sum(), Integer::sum);
        return new SyncResult(entries, totals, skipped, httpRequests, dryRun, log, duplicatesRetired);
    }

    public List<SyncEntry> entries(Action action) {
        return entries.stream().filter(entry -> entry.action() == action).toList();
    }

    /** How many of this action: for {@link Action#SKIP} every skip, whether listed as an entry or only counted. */
    public int total(Action action) {
        return totals.getOrDefault(action, 0);
    }

    /** How many were skipped for this reason, listed or counted. */
    public int skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0);
    }

    /** Whether any write failed. */
    public boolean hasFailures() {
        return total(Action.FAILED) > 0;
    }
}
