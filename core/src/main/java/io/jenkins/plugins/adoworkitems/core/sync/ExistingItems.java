package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the work items that carry given fingerprints in few requests: chunked WIQL (each query within ADO's length
 * limit, at most 20 000 results) for the ids, then {@code workitemsbatch} 200 at a time. Never one query per finding.
 */
final class ExistingItems {
    /** ADO refuses WIQL results beyond 20 000 items; a query here returns at most one item per fingerprint. */
    static final int MAX_RESULTS = 20_000;

    private final AdoClient client;

    ExistingItems(AdoClient client) {
        this.client = client;
    }

    /** The items carrying each fingerprint, lowest id first (more than one means a concurrent sync raced us). */
    Map<String, List<WorkItem>> byFingerprint(Template template, Collection<String> fingerprints) throws AdoException {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String query : Identity.fingerprintQueries(new LinkedHashSet<>(fingerprints), template)) {
            ids.addAll(client.wiql(template.project(), query, MAX_RESULTS));
        }
        return group(client.workItems(ids), template);
    }

    /** What to do with each query's worth of {@link #eachByFingerprint}. */
    @FunctionalInterface
    interface Found {
        void accept(Map<String, List<WorkItem>> byFingerprint) throws AdoException;
    }

    /**
     * As {@link #byFingerprint}, one WIQL query's worth (about 400 fingerprints) at a time: for looking up every item a
     * run created, which together would not fit in memory. All items of one fingerprint come in the same call.
     */
    void eachByFingerprint(Template template, Collection<String> fingerprints, Found found) throws AdoException {
        for (String query : Identity.fingerprintQueries(new LinkedHashSet<>(fingerprints), template)) {
            List<Integer> ids = client.wiql(template.project(), query, MAX_RESULTS);
            found.accept(group(read(ids), template));
        }
    }

    /**
     * The open items of one template and tool whose targets this run covered: one WIQL (more only past ADO's 20 000
     * results, in id ranges) and a read per 200. Items of targets this run did not scan are left out, unless the run
     * covered a report without a target, whose items carry no target tag.
     */
    List<WorkItem> openInScope(Template template, String scopeTag, Set<String> targets, Collection<String> closedStates)
            throws AdoException {
        List<String> targetTags = targets.contains("") ? List.of()
                : targets.stream().map(Identity::targetTag).sorted().toList();
        Set<Integer> ids = new LinkedHashSet<>();
        for (List<String> tags : targetTags.isEmpty() ? List.of(List.<String>of()) : chunks(targetTags)) {
            int after = 0;
            while (true) {
                List<Integer> page = client.wiql(template.project(),
                        Identity.openInScopeQuery(scopeTag, tags, closedStates, after), MAX_RESULTS);
                ids.addAll(page);
                if (page.size() < MAX_RESULTS) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
        }
        return read(ids);
    }

    /** Target tags in groups whose OR clauses keep a query within ADO's length limit. */
    private static List<List<String>> chunks(List<String> targetTags) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String tag : targetTags) {
            int clause = tag.length() + 40;
            if (!current.isEmpty() && length + clause > Identity.MAX_QUERY - 2_000) {
                chunks.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(tag);
            length += clause;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    List<WorkItem> read(Collection<Integer> ids) throws AdoException {
        return ids.isEmpty() ? List.of() : client.workItems(ids);
    }

    static Map<String, List<WorkItem>> group(List<WorkItem> items, Template template) {
        Map<String, List<WorkItem>> byFingerprint = new LinkedHashMap<>();
        items.stream().sorted(Comparator.comparingInt(WorkItem::id)).forEach(item ->
                Identity.fingerprintOf(item, template.fingerprintField()).ifPresent(fingerprint ->
                        byFingerprint.computeIfAbsent(fingerprint, key -> new ArrayList<>()).add(item)));
        return byFingerprint;
    }
}
