package io.jenkins.plugins.adoworkitems.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every request the simulator answered, in arrival order; thread-safe. */
public final class RequestLog {
    private final List<LoggedRequest> entries = new ArrayList<>();

    synchronized void add(LoggedRequest entry) {
        entries.add(entry);
    }

    public synchronized List<LoggedRequest> entries() {
        return List.copyOf(entries);
    }

    public synchronized int count() {
        return entries.size();
    }

    /** Requests that changed (or would have changed) work items: creates, updates, comments, $batch. */
    public synchronized int writes() {
        return (int) entries.stream().filter(LoggedRequest::isWrite).count();
    }

    /** Counts keyed by {@code "METHOD /path"}, path without the query. */
    public synchronized Map<String, Integer> countsByMethodAndPath() {
        Map<String, Integer> counts = new TreeMap<>();
        for (LoggedRequest e : entries) {
            counts.merge(e.method() + " " + e.path(), 1, Integer::sum);
        }
        return counts;
    }

    public synchronized void reset() {
        entries.clear();
    }
}
