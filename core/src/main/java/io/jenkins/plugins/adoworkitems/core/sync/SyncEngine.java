package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Plans and applies a sync: routes findings to templates, finds their work items, decides one action per item and
 * writes what changed. A second run over the same findings writes nothing. See docs/sync.md.
 */
public final class SyncEngine {
    private final AdoClient client;
    private final SyncLocks locks;
    private final LeaseSettings leaseSettings;

    public SyncEngine(AdoClient client, SyncLocks locks) {
        this(client, locks, LeaseSettings.DEFAULTS);
    }

    SyncEngine(AdoClient client, SyncLocks locks, LeaseSettings leaseSettings) {
        this.client = client;
        this.locks = locks;
        this.leaseSettings = leaseSettings;
    }

    public SyncResult run(SyncRequest request) throws AdoException {
        int requestsBefore = client.requestCount();
        Router.Routed routed = Router.route(request.reports(), request.templates());
        List<String> log = new ArrayList<>();
        List<ReentrantLock> held = lockProjects(request.templates());
        try {
            Planner planner = new Planner(request.links());
            Types types = new Types(client);
            List<SyncEntry> entries = new ArrayList<>(routed.skipped());
            List<Change> changes = new ArrayList<>();
            Map<Template, Lease> leases = new LinkedHashMap<>();
            String owner = UUID.randomUUID().toString();
            for (Template template : request.templates()) {
                List<WorkUnit> units = routed.units().stream().filter(unit -> unit.template() == template).toList();
                if (!units.isEmpty()) {
                    if (!request.dryRun()) {
                        // Read before planning, so that a claim another machine takes while we plan shows.
                        leases.put(template, Lease.before(client, template, types.get(template.project(),
                                template.workItemType()), leaseSettings, owner, request.links().buildName()));
                    }
                    changes.addAll(plan(template, units, planner, types, entries));
                }
            }
            // Resolves are planned after every template's units: an item one template still tracks (a finding
            // routed elsewhere since) is never resolved by another.
            Set<Integer> planned = new HashSet<>();
            changes.forEach(change -> planned.add(change.id()));
            for (Template template : request.templates()) {
                if (request.resolveFixed() || template.resolveFixed()) {
                    changes.addAll(planResolves(template, types.get(template.project(), template.workItemType()), routed,
                            planned, planner, types));
                }
            }
            if (request.dryRun()) {
                log.add(summary(changes, true));
                changes.forEach(change -> entries.add(Writer.entry(client, change, change.existing(), "", "")));
                return SyncResult.of(entries, client.requestCount() - requestsBefore, true, log, 0);
            }
            List<Lease> taken = new ArrayList<>();
            try {
                changes = takeLeases(leases, changes, planner, types, taken, log);
                log.add(summary(changes, false));
                // A writer per run: what it learns about one run's failures must not stop another's.
                Writer writer = new Writer(client, () -> taken.forEach(Lease::renewIfDue));
                entries.addAll(writer.apply(changes, planner, types));
                // Released here, not only in finally, so that the result counts the release's request.
                taken.forEach(Lease::release);
                if (!writer.retired().isEmpty()) {
                    log.add("Cleaned up " + writer.retired().size() + " duplicate(s) created by a concurrent run: "
                            + writer.retired().stream().map(id -> "#" + id).collect(Collectors.joining(", "))
                            + " retired, the other run's items kept.");
                }
                return SyncResult.of(entries, client.requestCount() - requestsBefore, false, log, writer.retired().size());
            } finally {
                taken.forEach(Lease::release); // after a failure; a no-op for a lease already released
            }
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    /**
     * Takes the lease of every template that creates items, in a fixed order, waiting for syncs on other machines
     * that hold one. Where another run held or took a lease since planning, the planned creates are looked up again:
     * what that run created is updated instead of created twice.
     */
    private List<Change> takeLeases(Map<Template, Lease> leases, List<Change> changes, Planner planner, Types types,
                                    List<Lease> taken, List<String> log) throws AdoException {
        List<Change> result = changes;
        List<Template> creating = leases.keySet().stream()
                .filter(template -> changes.stream().anyMatch(c -> c.action() == Action.CREATE && c.template() == template))
                .sorted(Comparator.comparing(Template::name)).toList();
        for (Template template : creating) {
            Lease lease = leases.get(template);
            taken.add(lease);
            if (lease.acquire(log)) {
                result = replanCreates(template, result, planner, types);
            }
        }
        return result;
    }

    private List<Change> replanCreates(Template template, List<Change> changes, Planner planner, Types types)
            throws AdoException {
        List<String> fingerprints = changes.stream()
                .filter(change -> change.action() == Action.CREATE && change.template() == template)
                .map(Change::fingerprint).toList();
        Map<String, List<WorkItem>> found = new ExistingItems(client).byFingerprint(template, fingerprints);
        if (found.isEmpty()) {
            return changes;
        }
        WorkItemType type = types.get(template.project(), template.workItemType());
        List<Change> replanned = new ArrayList<>();
        for (Change change : changes) {
            List<WorkItem> items = change.action() == Action.CREATE && change.template() == template
                    ? found.getOrDefault(change.fingerprint(), List.of()) : List.of();
            replanned.add(items.isEmpty() ? change
                    : planner.update(change.unit(), items.get(0), types.of(template.project(), items.get(0), type)));
        }
        return replanned;
    }

    /**
     * The plan when Azure DevOps cannot be reached: every unit would be created (existing items are unknown), plus
     * the skips. Exported with {@link PlanExport}, it is the portable record of what the scan found.
     */
    public static SyncResult planOffline(SyncRequest request) {
        Router.Routed routed = Router.route(request.reports(), request.templates());
        List<SyncEntry> entries = new ArrayList<>(routed.skipped());
        // The cap applies as online, where every unit without an item is a create: the offline plan assumes none has.
        Map<Template, Integer> creates = new HashMap<>();
        for (WorkUnit unit : routed.units()) {
            Template template = unit.template();
            int planned = creates.getOrDefault(template, 0);
            if (overTheCap(template, planned)) {
                entries.add(capped(unit));
                continue;
            }
            creates.put(template, planned + 1);
            entries.add(new SyncEntry(Action.CREATE, unit.fingerprint(), template.name(), 0, "", "",
                    unit.severity(), Planner.title(unit), "planned without Azure DevOps: existing items unknown", "", ""));
        }
        return SyncResult.of(entries, 0, true, List.of("Plan made offline: Azure DevOps was not asked which items exist."), 0);
    }

    /** Whether one more create, after {@code creates} planned, would pass the template's cap (0: no cap). */
    private static boolean overTheCap(Template template, int creates) {
        return template.maxNewItems() > 0 && creates >= template.maxNewItems();
    }

    private static SyncEntry capped(WorkUnit unit) {
        return new SyncEntry(Action.SKIP, unit.fingerprint(), unit.template().name(), 0, "", "", unit.severity(),
                Planner.title(unit), "over the cap of " + unit.template().maxNewItems() + " new items per run", "", "");
    }

    private List<Change> plan(Template template, List<WorkUnit> units, Planner planner, Types types,
                              List<SyncEntry> entries) throws AdoException {
        WorkItemType type = types.get(template.project(), template.workItemType());
        Map<String, List<WorkItem>> found = new ExistingItems(client)
                .byFingerprint(template, units.stream().map(WorkUnit::fingerprint).toList());
        List<Change> changes = new ArrayList<>();
        int creates = 0;
        for (WorkUnit unit : units) {
            List<WorkItem> items = found.getOrDefault(unit.fingerprint(), List.of());
            if (items.isEmpty()) {
                if (overTheCap(template, creates)) {
                    entries.add(capped(unit));
                    continue;
                }
                creates++;
                changes.add(planner.create(unit, type));
            } else {
                WorkItem item = items.get(0);
                changes.add(planner.update(unit, item, types.of(template.project(), item, type)));
            }
        }
        return changes;
    }

    /** Open items of this template for each tool scanned in this run whose fingerprint the run did not report. */
    private List<Change> planResolves(Template template, WorkItemType type, Router.Routed routed, Set<Integer> known,
                                      Planner planner, Types types) throws AdoException {
        // Fingerprints are identities across templates: present anywhere in this run means not fixed.
        Set<String> present = new HashSet<>();
        routed.present().values().forEach(present::addAll);
        ExistingItems existing = new ExistingItems(client);
        List<Change> changes = new ArrayList<>();
        for (String tool : routed.scannedTools()) {
            String scopeTag = Identity.scopeTag(template.name(), tool);
            List<Integer> ids = existing.openInScope(template, scopeTag, Planner.closedStates(type)).stream()
                    .filter(id -> !known.contains(id)).toList();
            for (WorkItem item : existing.read(ids)) {
                WorkItemType itemType = types.of(template.project(), item, type);
                String fingerprint = Identity.fingerprintOf(item, template.fingerprintField()).orElse("");
                if (fingerprint.isEmpty() || present.contains(fingerprint) || Planner.isClosed(itemType, item.state())) {
                    continue;
                }
                changes.add(planner.resolve(template, fingerprint, tool, item, itemType));
            }
        }
        return changes;
    }

    /** Locks every project of the run in a fixed order, so two runs can never wait on each other crosswise. */
    private List<ReentrantLock> lockProjects(List<Template> templates) {
        List<ReentrantLock> held = new ArrayList<>();
        for (String project : new TreeSet<>(templates.stream().map(Template::project).toList())) {
            ReentrantLock lock = locks.lockFor(client.target().url().toString(), project);
            lock.lock();
            held.add(lock);
        }
        return held;
    }

    private static String summary(List<Change> changes, boolean dryRun) {
        Map<Action, Integer> counts = new HashMap<>();
        changes.forEach(change -> counts.merge(change.action(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(dryRun ? "Plan (dry run, nothing written):" : "Plan:");
        for (Action action : Action.values()) {
            if (counts.containsKey(action)) {
                text.append(' ').append(action.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(counts.get(action));
            }
        }
        return text.toString();
    }

    /** Work item types read once per run and project. */
    static final class Types {
        private final AdoClient client;
        private final Map<String, WorkItemType> cache = new HashMap<>();

        Types(AdoClient client) {
            this.client = client;
        }

        WorkItemType get(String project, String type) throws AdoException {
            String key = project + "\n" + type.toLowerCase(java.util.Locale.ROOT);
            WorkItemType known = cache.get(key);
            if (known == null) {
                known = client.workItemType(project, type);
                cache.put(key, known);
            }
            return known;
        }

        /** The type of an existing item: someone may have changed it from the template's. */
        WorkItemType of(String project, WorkItem item, WorkItemType expected) throws AdoException {
            String actual = item.type();
            return actual == null || actual.equalsIgnoreCase(expected.name()) ? expected : get(project, actual);
        }
    }
}
