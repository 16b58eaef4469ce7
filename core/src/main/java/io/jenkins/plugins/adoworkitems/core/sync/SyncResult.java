package io.jenkins.plugins.adoworkitems.core.sync;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a sync (or the plan of a dry run): one entry per work item or skipped finding, totals by action,
 * the number of HTTP requests it took, and log lines for the build log or the console.
 *
 * @param duplicatesRetired items this run created that a concurrent sync (another machine) had created too, and that
 *                          this run took out of tracking again; 0 when syncs took turns as they should
 */
public record SyncResult(List<SyncEntry> entries, Map<Action, Integer> totals, int httpRequests, boolean dryRun,
                         List<String> log, int duplicatesRetired) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SyncResult {
        entries = List.copyOf(entries);
        totals = Map.copyOf(totals);
        log = List.copyOf(log);
    }

    static SyncResult of(List<SyncEntry> entries, int httpRequests, boolean dryRun, List<String> log,
                         int duplicatesRetired) {
        Map<Action, Integer> totals = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            totals.put(action, 0);
        }
        entries.forEach(entry -> totals.merge(entry.action(), 1, Integer::sum));
        return new SyncResult(entries, totals, httpRequests, dryRun, log, duplicatesRetired);
    }

    public List<SyncEntry> entries(Action action) {
        return entries.stream().filter(entry -> entry.action() == action).toList();
    }

    public int total(Action action) {
        return totals.getOrDefault(action, 0);
    }

    /** Whether any write failed. */
    public boolean hasFailures() {
        return total(Action.FAILED) > 0;
    }
}
