package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.BatchOperation;
import io.jenkins.plugins.adoworkitems.core.ado.BatchResult;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Applies planned changes: creates and updates through {@code $batch}, 200 at a time, or one request each (a few at
 * once) where the server has no {@code $batch}. Safe to interrupt at any point: a create whose answer was lost is
 * looked up by fingerprint before it is tried again, updates carry a {@code test /rev} and are re-planned on a
 * conflict, and after creating, the fingerprints are looked up once more to catch a concurrent sync.
 */
final class Writer {
    private static final Logger LOG = Logger.getLogger(Writer.class.getName());
    /** Bounded so a sync never floods Azure DevOps; its rate limits apply per identity. */
    static final int CONCURRENCY = 4;
    static final int MAX_ATTEMPTS = 3;
    private static final Set<ErrorCode> STOP_ALL = Set.of(ErrorCode.AUTH_REQUIRED, ErrorCode.SCOPE_UNAVAILABLE,
            ErrorCode.MANAGED_IDENTITY_UNAVAILABLE, ErrorCode.FEDERATED_ASSERTION_REFUSED,
            ErrorCode.PROXY_AUTH_REQUIRED, ErrorCode.BASE_URL_BLOCKED, ErrorCode.RATE_LIMITED, ErrorCode.NETWORK);

    private final AdoClient client;
    /** Called before each create batch: keeps this run's lease (docs/sync.md) from expiring in a long run. */
    private final Runnable keepAlive;
    private final List<Integer> retired = new ArrayList<>();
    private volatile boolean batchUnavailable;
    /** Set when an error means no further write of this run can succeed (bad credentials, unreachable, throttled out). */
    private volatile AdoException stopped;

    /** Told after each batch how far the run is, so that a long run is never silent. */
    private final Consumer<String> progress;

    Writer(AdoClient client, Runnable keepAlive, Consumer<String> progress) {
        this.client = client;
        this.keepAlive = keepAlive;
        this.progress = progress;
    }

    /** Ids of our own items retired as duplicates of a concurrent sync's. */
    List<Integer> retired() {
        return List.copyOf(retired);
    }

    List<SyncEntry> apply(List<Change> changes, Planner planner, SyncEngine.Types types) {
        List<SyncEntry> entries = new ArrayList<>();
        List<Change> creates = new ArrayList<>();
        List<Change> updates = new ArrayList<>();
        for (Change change : changes) {
            switch (change.action()) {
                case CREATE -> creates.add(change);
                case UPDATE, COMMENT, REOPEN, RESOLVE -> updates.add(change);
                default -> entries.add(entry(client, change, change.existing(), "", ""));
            }
        }
        List<SyncEntry> created = applyCreates(creates);
        entries.addAll(recheck(creates, created, types));
        entries.addAll(applyUpdates(updates, planner, types));
        return entries;
    }

    // ---- creates

    private List<SyncEntry> applyCreates(List<Change> creates) {
        List<SyncEntry> entries = new ArrayList<>();
        for (int from = 0; from < creates.size(); from += AdoClient.MAX_BATCH) {
            List<Change> chunk = creates.subList(from, Math.min(creates.size(), from + AdoClient.MAX_BATCH));
            keepAlive.run();
            if (stopped != null) {
                chunk.forEach(change -> entries.add(failed(change, stopped)));
            } else if (batchUnavailable) {
                entries.addAll(oneByOne(chunk, change -> createGuarded(change, false)));
            } else {
                entries.addAll(createBatch(chunk));
            }
            progress.accept("Created " + Math.min(creates.size(), from + chunk.size()) + " of " + creates.size()
                    + " new item(s)");
        }
        return entries;
    }

    /**
     * Creates a chunk in one {@code $batch}. When the answer is lost (the batch may have been applied in part or
     * whole), the whole chunk is looked up at once and only what is missing is sent again, as a batch: a lost answer
     * costs a lookup (a WIQL and a read per 200) and a batch, not a lookup per item.
     */
    private List<SyncEntry> createBatch(List<Change> chunk) {
        Map<Change, SyncEntry> done = new IdentityHashMap<>();
        List<Change> pending = chunk;
        boolean mayExist = false;
        AdoException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty() && stopped == null; attempt++) {
            try {
                if (mayExist) {
                    pending = missing(pending, done);
                    if (pending.isEmpty()) {
                        break;
                    }
                }
                List<BatchResult> results = client.batch(pending.stream().map(change -> BatchOperation.create(
                        change.template().project(), change.template().workItemType(), change.patch())).toList());
                for (int i = 0; i < pending.size(); i++) {
                    BatchResult result = i < results.size() ? results.get(i) : new BatchResult(0, null, "no answer in the batch");
                    Change change = pending.get(i);
                    done.put(change, result.succeeded() && result.workItem() != null
                            ? entry(client, change, result.workItem(), "", "")
                            : failed(change, result.errorCode(), result.error()));
                }
                pending = List.of();
            } catch (AdoException e) {
                last = e;
                if (STOP_ALL.contains(e.code())) {
                    stopped = e;
                } else if (isUnavailable(e)) {
                    LOG.info(() -> "No $batch endpoint on " + client.target() + "; writing one item per request");
                    batchUnavailable = true;
                    pending = guardedOneByOne(pending, done, mayExist);
                } else if (isTransient(e)) {
                    // The batch may or may not have been applied, in part or whole: find out before writing again.
                    mayExist = true;
                } else {
                    // Refused as a whole: one by one, so that one bad item does not fail the others.
                    pending = guardedOneByOne(pending, done, mayExist);
                }
            }
        }
        AdoException cause = stopped != null ? stopped : last;
        pending.forEach(change -> done.put(change, failed(change, cause)));
        return chunk.stream().map(done::get).toList();
    }

    /** Creates each change on its own, recording the entries; nothing is left pending. */
    private List<Change> guardedOneByOne(List<Change> pending, Map<Change, SyncEntry> done, boolean mayExist) {
        List<SyncEntry> entries = oneByOne(pending, change -> createGuarded(change, mayExist));
        for (int i = 0; i < pending.size(); i++) {
            done.put(pending.get(i), entries.get(i));
        }
        return List.of();
    }

    /**
     * Looks every pending fingerprint up in one go (per template), records the items an earlier try created, and
     * returns the changes that are still missing.
     */
    private List<Change> missing(List<Change> pending, Map<Change, SyncEntry> done) throws AdoException {
        Map<Template, List<Change>> byTemplate = new LinkedHashMap<>();
        pending.forEach(change -> byTemplate.computeIfAbsent(change.template(), t -> new ArrayList<>()).add(change));
        List<Change> missing = new ArrayList<>();
        for (Map.Entry<Template, List<Change>> group : byTemplate.entrySet()) {
            Map<String, List<WorkItem>> found = new ExistingItems(client).byFingerprint(group.getKey(),
                    group.getValue().stream().map(Change::fingerprint).toList());
            for (Change change : group.getValue()) {
                List<WorkItem> items = found.getOrDefault(change.fingerprint(), List.of());
                if (items.isEmpty()) {
                    missing.add(change);
                } else {
                    done.put(change, entry(client, change, items.get(0), "", "")
                            .withDetail(change.detail() + " (found after a lost answer)"));
                }
            }
        }
        return missing;
    }

    /**
     * Creates one item, looking its fingerprint up before any second try so a lost answer never duplicates it.
     *
     * @param mayExist whether an earlier write (a batch whose answer was lost) may already have created it; planning
     *                 looked the fingerprint up just before, so a first try otherwise needs no second lookup
     */
    private SyncEntry createGuarded(Change change, boolean mayExist) {
        AdoException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && stopped == null; attempt++) {
            try {
                WorkItem existing = mayExist || attempt > 1 ? lookUp(change.template(), change.fingerprint()) : null;
                if (existing != null) {
                    return entry(client, change, existing, "", "").withDetail(change.detail() + " (found after a lost answer)");
                }
                WorkItem created = client.create(change.template().project(), change.template().workItemType(),
                        change.patch(), WriteOptions.DEFAULT);
                return entry(client, change, created, "", "");
            } catch (AdoException e) {
                last = e;
                if (STOP_ALL.contains(e.code())) {
                    stopped = e;
                } else if (!isTransient(e)) {
                    return failed(change, e);
                }
            }
        }
        return failed(change, stopped != null ? stopped : last);
    }

    private WorkItem lookUp(Template template, String fingerprint) throws AdoException {
        List<WorkItem> items = new ExistingItems(client).byFingerprint(template, List.of(fingerprint))
                .getOrDefault(fingerprint, List.of());
        return items.isEmpty() ? null : items.get(0);
    }

    /**
     * After creating, looks the new fingerprints up again. Another process syncing the same findings at the same
     * moment may have created the same items; the lowest id wins everywhere, and each sync retires its own losers.
     */
    private List<SyncEntry> recheck(List<Change> creates, List<SyncEntry> created, SyncEngine.Types types) {
        Map<Template, List<String>> fingerprints = new LinkedHashMap<>();
        Set<Integer> ours = new HashSet<>();
        for (SyncEntry entry : created) {
            if (entry.action() == Action.CREATE && entry.workItemId() > 0) {
                ours.add(entry.workItemId());
            }
        }
        creates.forEach(change -> fingerprints.computeIfAbsent(change.template(), t -> new ArrayList<>()).add(change.fingerprint()));
        if (ours.isEmpty()) {
            return created;
        }
        Map<Integer, WorkItem> winners = new HashMap<>();
        try {
            for (Map.Entry<Template, List<String>> byTemplate : fingerprints.entrySet()) {
                Template template = byTemplate.getKey();
                // A query's worth at a time: the items of a hundred thousand creates, descriptions and all, do not fit.
                new ExistingItems(client).eachByFingerprint(template, byTemplate.getValue(), found -> {
                    for (List<WorkItem> items : found.values()) {
                        for (WorkItem loser : items.subList(1, items.size())) {
                            if (ours.contains(loser.id())) {
                                retire(loser, items.get(0), types.get(template.project(), template.workItemType()));
                                winners.put(loser.id(), items.get(0));
                                retired.add(loser.id());
                            }
                        }
                    }
                });
            }
        } catch (AdoException e) {
            LOG.warning(() -> "Could not re-check the new items for concurrent duplicates: " + e.getMessage());
        }
        return created.stream().map(entry -> {
            WorkItem winner = winners.get(entry.workItemId());
            return winner == null ? entry : new SyncEntry(Action.NOOP, entry.fingerprint(), entry.template(), winner.id(),
                    client.webUrl(projectOf(entry, creates), winner.id()), winner.state(), entry.severity(), entry.title(),
                    "a concurrent sync created #" + winner.id() + " first; #" + entry.workItemId()
                            + " was retired as its duplicate", "", "", SkipReason.NONE);
        }).toList();
    }

    private static String projectOf(SyncEntry entry, List<Change> creates) {
        return creates.stream().filter(change -> change.fingerprint().equals(entry.fingerprint())).findFirst()
                .map(change -> change.template().project()).orElse("");
    }

    /** Takes our duplicate out of tracking: its identity tags go, and it moves to a Removed or Completed state. */
    private void retire(WorkItem duplicate, WorkItem winner, WorkItemType type) throws AdoException {
        List<String> tags = new ArrayList<>(Identity.tags(duplicate.field("System.Tags")).stream()
                .filter(tag -> !tag.toLowerCase(java.util.Locale.ROOT).startsWith(Identity.PREFIX)).toList());
        tags.add(Identity.PREFIX + "duplicate");
        JsonPatch patch = JsonPatch.create().testRevision(duplicate.rev())
                .setField("System.Tags", String.join("; ", tags))
                .setField("System.History", "Duplicate of #" + winner.id() + ", created by a concurrent sync.");
        Planner.firstAllowed(type, duplicate.state(), "Removed", "Completed")
                .ifPresent(state -> patch.setField("System.State", state));
        client.update(duplicate.id(), patch, WriteOptions.DEFAULT);
    }

    // ---- updates

    private List<SyncEntry> applyUpdates(List<Change> updates, Planner planner, SyncEngine.Types types) {
        List<SyncEntry> entries = new ArrayList<>();
        List<Change> pending = updates;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<Change> conflicts = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += AdoClient.MAX_BATCH) {
                List<Change> chunk = pending.subList(from, Math.min(pending.size(), from + AdoClient.MAX_BATCH));
                if (stopped != null) {
                    chunk.forEach(change -> entries.add(failed(change, stopped)));
                } else if (batchUnavailable) {
                    oneByOneUpdates(chunk, entries, conflicts);
                } else {
                    updateBatch(chunk, entries, conflicts);
                }
                progress.accept("Updated " + Math.min(pending.size(), from + chunk.size()) + " of " + pending.size()
                        + " item(s)" + (attempt > 1 ? " changed by someone while we wrote" : ""));
            }
            pending = attempt < MAX_ATTEMPTS ? replan(conflicts, planner, types, entries) : conflicts;
        }
        pending.forEach(change -> entries.add(failed(change, ErrorCode.CONFLICT,
                "the work item kept changing while we wrote; the next sync tries again")));
        return entries;
    }

    private void updateBatch(List<Change> chunk, List<SyncEntry> entries, List<Change> conflicts) {
        List<BatchOperation> operations = chunk.stream().map(change -> BatchOperation.update(change.id(), change.patch())).toList();
        try {
            List<BatchResult> results = client.batch(operations);
            for (int i = 0; i < chunk.size(); i++) {
                BatchResult result = i < results.size() ? results.get(i) : new BatchResult(0, null, "no answer in the batch");
                Change change = chunk.get(i);
                if (result.succeeded() && result.workItem() != null) {
                    entries.add(entry(client, change, result.workItem(), "", ""));
                } else if (result.errorCode() == ErrorCode.CONFLICT) {
                    conflicts.add(change);
                } else {
                    entries.add(failed(change, result.errorCode(), result.error()));
                }
            }
        } catch (AdoException e) {
            if (isUnavailable(e)) {
                batchUnavailable = true;
                oneByOneUpdates(chunk, entries, conflicts);
            } else if (STOP_ALL.contains(e.code())) {
                stopped = e;
                chunk.forEach(change -> entries.add(failed(change, e)));
            } else {
                // Applied or not, every update carries its revision test: re-plan from what is there now.
                conflicts.addAll(chunk);
            }
        }
    }

    private void oneByOneUpdates(List<Change> chunk, List<SyncEntry> entries, List<Change> conflicts) {
        List<SyncEntry> results = oneByOne(chunk, change -> {
            try {
                return entry(client, change, client.update(change.id(), change.patch(), WriteOptions.DEFAULT), "", "");
            } catch (AdoException e) {
                if (STOP_ALL.contains(e.code())) {
                    stopped = e;
                }
                return failed(change, e);
            }
        });
        for (int i = 0; i < chunk.size(); i++) {
            SyncEntry result = results.get(i);
            if (result.errorCode().equals(ErrorCode.CONFLICT.name()) || result.errorCode().equals(ErrorCode.OUTCOME_UNKNOWN.name())) {
                conflicts.add(chunk.get(i));
            } else {
                entries.add(result);
            }
        }
    }

    /** Reads the conflicting items again and plans them anew; what is already as wanted needs no write. */
    private List<Change> replan(List<Change> conflicts, Planner planner, SyncEngine.Types types, List<SyncEntry> entries) {
        if (conflicts.isEmpty()) {
            return List.of();
        }
        Map<Integer, WorkItem> fresh = new HashMap<>();
        try {
            client.workItems(conflicts.stream().map(Change::id).toList()).forEach(item -> fresh.put(item.id(), item));
        } catch (AdoException e) {
            conflicts.forEach(change -> entries.add(failed(change, e)));
            return List.of();
        }
        List<Change> again = new ArrayList<>();
        for (Change change : conflicts) {
            WorkItem item = fresh.get(change.id());
            if (item == null) {
                entries.add(failed(change, ErrorCode.WORK_ITEM_NOT_FOUND, "the work item is gone"));
                continue;
            }
            try {
                WorkItemType type = types.of(change.template().project(), item,
                        types.get(change.template().project(), change.template().workItemType()));
                Change replanned = change.unit() == null
                        ? planner.resolve(change.template(), change.fingerprint(), change.tool(), item, type)
                        : planner.update(change.unit(), item, type);
                if (change.unit() == null && Planner.isClosed(type, item.state())
                        || replanned.action() == Action.NOOP) {
                    entries.add(entry(client, change, item, "", "").withDetail(change.detail() + " (already applied)"));
                } else {
                    again.add(replanned);
                }
            } catch (AdoException e) {
                entries.add(failed(change, e));
            }
        }
        return again;
    }

    // ---- plumbing

    private List<SyncEntry> oneByOne(List<Change> changes, java.util.function.Function<Change, SyncEntry> write) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENCY, Math.max(1, changes.size())), runnable -> {
            Thread thread = new Thread(runnable, "ado-work-items-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<SyncEntry>> futures = changes.stream().map(change -> pool.submit(() -> write.apply(change))).toList();
            List<SyncEntry> entries = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    entries.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    entries.add(failed(changes.get(i), ErrorCode.SERVER_ERROR, "unexpected failure: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    entries.add(failed(changes.get(i), ErrorCode.NETWORK, "interrupted"));
                }
            }
            return entries;
        } finally {
            pool.shutdownNow();
        }
    }

    /** No {@code $batch} here: Azure DevOps Server versions without it answer 404 or 405. */
    private static boolean isUnavailable(AdoException e) {
        return e.httpStatus() == 404 || e.httpStatus() == 405 || e.httpStatus() == 501;
    }

    private static boolean isTransient(AdoException e) {
        return e.code() == ErrorCode.OUTCOME_UNKNOWN || e.code() == ErrorCode.SERVER_ERROR;
    }

    static SyncEntry entry(AdoClient client, Change change, WorkItem item, String errorCode, String errorMessage) {
        int id = item == null ? 0 : item.id();
        Action action = errorCode.isEmpty() ? change.action() : Action.FAILED;
        String title = item != null && item.field("System.Title") != null ? item.field("System.Title") : change.title();
        return new SyncEntry(action, change.fingerprint(), change.template().name(), id,
                id == 0 ? "" : client.webUrl(change.template().project(), id), item == null ? "" : item.state(),
                change.severity(), title, change.detail(), errorCode, errorMessage,
                action == Action.SKIP ? change.skipReason() : SkipReason.NONE);
    }

    private SyncEntry failed(Change change, AdoException e) {
        return entry(client, change, change.existing(), e.code().name(), e.getMessage());
    }

    private SyncEntry failed(Change change, ErrorCode code, String message) {
        return entry(client, change, change.existing(), code.name(), message == null ? code.name() : message);
    }
}
