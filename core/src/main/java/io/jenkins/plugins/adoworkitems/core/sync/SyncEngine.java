package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.finding.FingerprintSet;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.template.TemplateChecks;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
        return run(request, line -> { });
    }

    /**
     * @param progress receives each log line as it happens (the plan before any write, then a line per batch
     *                 written), for a console that should not stay silent through a long run
     */
    public SyncResult run(SyncRequest request, Consumer<String> progress) throws AdoException {
        renderable(request.templates());
        int requestsBefore = client.requestCount();
        Router.Routed routed = Router.route(request.scan(), request.templates(), request.origin().target());
        List<String> log = new ArrayList<>();
        Consumer<String> say = line -> {
            log.add(line);
            progress.accept(line);
        };
        List<ReentrantLock> held = lockProjects(request.templates());
        try {
            Planner planner = new Planner(request.links());
            Types types = new Types(client);
            List<SyncEntry> entries = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            Map<Template, Lease> leases = new LinkedHashMap<>();
            Map<Template, Map<String, List<WorkItem>>> scopes = new HashMap<>();
            String owner = UUID.randomUUID().toString();
            boolean writes = !request.dryRun();
            for (Template template : request.templates()) {
                List<WorkUnit> units = routed.units().stream().filter(unit -> unit.template() == template).toList();
                boolean resolves = resolves(request, template);
                if (units.isEmpty() && !resolves) {
                    continue;
                }
                WorkItemType type = types.get(template.project(), template.workItemType());
                if (!units.isEmpty() && writes && mayWrite(template, request.origin())) {
                    // Read before planning, so that a claim another machine takes while we plan shows.
                    leases.put(template, Lease.before(client, template, type, leaseSettings, owner,
                            request.links().buildName()));
                }
                scopes.put(template, openInScope(template, type, units, routed, resolves));
                changes.addAll(plan(template, units, planner, types, entries, scopes.get(template)));
            }
            // Resolves are planned after every template's units: an item one template still tracks (a finding
            // routed elsewhere since) is never resolved by another.
            Set<Integer> planned = new HashSet<>();
            changes.forEach(change -> planned.add(change.id()));
            for (Template template : request.templates()) {
                if (resolves(request, template)) {
                    changes.addAll(planResolves(template, types.get(template.project(), template.workItemType()), routed,
                            planned, planner, types, scopes.get(template)));
                }
            }
            changes = withDeciders(changes, types);
            List<Change> unwritten = writes ? changes.stream()
                    .filter(change -> !mayWrite(change.template(), request.origin())).toList() : changes;
            boolean planOnly = !writes || request.origin().isPullRequest() && request.templates().stream()
                    .noneMatch(template -> mayWrite(template, request.origin()));
            if (planOnly) {
                say.accept(summary(changes, true, routed.skipped()));
                if (writes) {
                    say.accept(pullRequestNote(request.origin()));
                }
                changes.forEach(change -> entries.add(Writer.entry(client, change, change.existing(), "", "")));
                return SyncResult.of(entries, routed.skipped(), client.requestCount() - requestsBefore, true, log, 0);
            }
            if (!unwritten.isEmpty()) {
                say.accept(pullRequestNote(request.origin()) + " (" + unwritten.size() + " change(s) of templates that "
                        + "do not allow pull requests)");
                unwritten.forEach(change -> entries.add(Writer.entry(client, change, change.existing(), "", "")
                        .withDetail(change.detail() + " (planned only: pull request " + request.origin().pullRequest() + ")")));
                changes = changes.stream().filter(change -> !unwritten.contains(change)).toList();
            }
            List<Lease> taken = new ArrayList<>();
            try {
                changes = takeLeases(leases, changes, planner, types, taken, say);
                say.accept(summary(changes, false, routed.skipped()));
                // A writer per run: what it learns about one run's failures must not stop another's.
                Writer writer = new Writer(client, () -> taken.forEach(Lease::renewIfDue), progress);
                entries.addAll(writer.apply(changes, planner, types));
                // Released here, not only in finally, so that the result counts the release's request.
                taken.forEach(Lease::release);
                if (!writer.retired().isEmpty()) {
                    say.accept("Cleaned up " + writer.retired().size() + " duplicate(s) created by a concurrent run: "
                            + writer.retired().stream().map(id -> "#" + id).collect(Collectors.joining(", "))
                            + " retired, the other run's items kept.");
                }
                return SyncResult.of(entries, routed.skipped(), client.requestCount() - requestsBefore, false, log,
                        writer.retired().size());
            } finally {
                taken.forEach(Lease::release); // after a failure; a no-op for a lease already released
            }
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    /**
     * Patches are rendered only when their batch is sent; a template whose placeholders cannot be rendered fails the
     * run here, before anything is written, as it did when every patch was rendered while planning.
     */
    private static void renderable(List<Template> templates) {
        for (Template template : templates) {
            List<String> problems = TemplateChecks.placeholderProblems(template);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Template '" + template.name() + "': " + String.join("; ", problems));
            }
        }
    }

    /** Pull-request builds plan only, unless the template lets them write (docs/sync.md, "Scope"). */
    private static boolean mayWrite(Template template, ScanOrigin origin) {
        return !origin.isPullRequest() || template.pullRequests();
    }

    private static String pullRequestNote(ScanOrigin origin) {
        return "Pull request " + origin.pullRequest() + (origin.branch().isEmpty() ? "" : " (" + origin.branch() + ")")
                + ": planned only, nothing written; a template with pullRequests: true lets such builds write";
    }

    /**
     * The open items of the template for each tool of its units (and, when it resolves, each tool scanned), in the
     * targets the run covered, by fingerprint: one query per tool instead of one per fingerprint list.
     */
    private Map<String, List<WorkItem>> openInScope(Template template, WorkItemType type, List<WorkUnit> units,
                                                    Router.Routed routed, boolean resolves) throws AdoException {
        Set<String> tools = new LinkedHashSet<>();
        units.forEach(unit -> tools.add(Fingerprints.normaliseName(unit.tool())));
        if (resolves) {
            tools.addAll(routed.scannedTools().keySet());
        }
        List<WorkItem> items = new ArrayList<>();
        ExistingItems existing = new ExistingItems(client);
        for (String tool : tools) {
            items.addAll(existing.openInScope(template, Identity.scopeTag(template.name(), tool), routed.covered(tool),
                    Planner.closedStates(type)));
        }
        return ExistingItems.group(items, template);
    }

    /**
     * Takes the lease of every template that creates items, in a fixed order, waiting for syncs on other machines
     * that hold one. Where another run held or took a lease since planning, the planned creates are looked up again:
     * what that run created is updated instead of created twice.
     */
    private List<Change> takeLeases(Map<Template, Lease> leases, List<Change> changes, Planner planner, Types types,
                                    List<Lease> taken, Consumer<String> log) throws AdoException {
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
     * Whether the sync resolves the template's items whose finding is gone: asked by the request or the template,
     * and only from a complete scan, since an unreadable report would make every finding it held look fixed.
     */
    private static boolean resolves(SyncRequest request, Template template) {
        return (request.resolveFixed() || template.resolveFixed()) && request.scan().problems().isEmpty();
    }

    /**
     * The plan when Azure DevOps cannot be reached: every unit would be created (existing items are unknown), plus
     * the skips. Exported with {@link PlanExport}, it is the portable record of what the scan found.
     */
    public static SyncResult planOffline(SyncRequest request) {
        Router.Routed routed = Router.route(request.scan(), request.templates(), request.origin().target());
        List<SyncEntry> entries = new ArrayList<>();
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
                    unit.severity(), Planner.title(unit), "planned without Azure DevOps: existing items unknown", "", "",
                    SkipReason.NONE));
        }
        String notSynced = SkipReason.counts(routed.skipped());
        return SyncResult.of(entries, routed.skipped(), 0, true, List.of("Plan made offline: Azure DevOps was not asked "
                + "which items exist." + (notSynced.isEmpty() ? "" : " Not synced: " + notSynced + ".")), 0);
    }

    /** Whether one more create, after {@code creates} planned, would pass the template's cap (0: no cap). */
    private static boolean overTheCap(Template template, int creates) {
        return template.maxNewItems() > 0 && creates >= template.maxNewItems();
    }

    private static SyncEntry capped(WorkUnit unit) {
        return new SyncEntry(Action.SKIP, unit.fingerprint(), unit.template().name(), 0, "", "", unit.severity(),
                Planner.title(unit), "over the cap of " + unit.template().maxNewItems() + " new items per run", "", "",
                SkipReason.OVER_CAP);
    }

    /**
     * A change per unit: the items found in the template's open scope first; the rest (new findings, closed items,
     * items another template created) looked up by fingerprint across the project.
     */
    private List<Change> plan(Template template, List<WorkUnit> units, Planner planner, Types types,
                              List<SyncEntry> entries, Map<String, List<WorkItem>> inScope) throws AdoException {
        WorkItemType type = types.get(template.project(), template.workItemType());
        List<String> elsewhere = units.stream().map(WorkUnit::fingerprint)
                .filter(fingerprint -> !inScope.containsKey(fingerprint)).toList();
        Map<String, List<WorkItem>> found = new HashMap<>(inScope);
        if (!elsewhere.isEmpty()) {
            new ExistingItems(client).byFingerprint(template, elsewhere).forEach(found::putIfAbsent);
        }
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

    /**
     * Open items of this template, in the tools and targets this run scanned, whose fingerprint the run did not
     * report there: resolved, or kept open for the targets that still report them. Triaged items are left alone.
     */
    private List<Change> planResolves(Template template, WorkItemType type, Router.Routed routed, Set<Integer> known,
                                      Planner planner, Types types, Map<String, List<WorkItem>> inScope)
            throws AdoException {
        // Fingerprints are identities across templates: present anywhere in this run means not fixed.
        FingerprintSet present = routed.present();
        List<Change> changes = new ArrayList<>();
        for (List<WorkItem> items : inScope.values()) {
            WorkItem item = items.get(0);
            WorkItemType itemType = types.of(template.project(), item, type);
            String fingerprint = Identity.fingerprintOf(item, template.fingerprintField()).orElse("");
            String tool = toolOf(item, template, routed);
            if (known.contains(item.id()) || fingerprint.isEmpty() || tool == null || present.contains(fingerprint)
                    || Planner.isClosed(itemType, item.state())
                    || planner.standingTriage(item, itemType, template).isPresent()
                    || !covers(item, routed.covered(tool))) {
                continue;
            }
            changes.add(planner.gone(template, fingerprint, routed.scannedTools().get(tool), item, itemType,
                    routed.covered(tool)));
        }
        return changes;
    }

    /** Whether the item carries a tag of one of the targets (or none at all, when the empty target is among them). */
    private static boolean covers(WorkItem item, Set<String> targets) {
        Set<String> tags = Identity.targetTags(item);
        return targets.stream().anyMatch(target -> target.isEmpty() ? tags.isEmpty() : tags.contains(Identity.targetTag(target)));
    }

    /** The scanned tool (lower case) whose scope tag the item carries for this template, or null. */
    private static String toolOf(WorkItem item, Template template, Router.Routed routed) {
        List<String> tags = Identity.tags(item.field("System.Tags")).stream()
                .map(tag -> tag.toLowerCase(java.util.Locale.ROOT)).toList();
        return routed.scannedTools().keySet().stream()
                .filter(tool -> tags.contains(Identity.scopeTag(template.name(), tool))).findFirst().orElse(null);
    }

    /**
     * Names who made each standing triage decision, from the item's history: the first revision of the latest run
     * of revisions that carry it. One read per triaged item that a finding still maps to.
     */
    private List<Change> withDeciders(List<Change> changes, Types types) throws AdoException {
        List<Change> named = new ArrayList<>();
        for (Change change : changes) {
            if (change.skipReason() != SkipReason.TRIAGED || change.existing() == null) {
                named.add(change);
                continue;
            }
            List<WorkItem> revisions = client.revisions(change.existing().id());
            // The run's cache: each type is read once per run, however many items people triaged.
            WorkItemType type = types.of(change.template().project(), change.existing(),
                    types.get(change.template().project(), change.template().workItemType()));
            WorkItem decided = null;
            for (int i = revisions.size() - 1; i >= 0; i--) {
                if (TriageDecision.of(revisions.get(i), type, change.template().triage()).isEmpty()) {
                    break;
                }
                decided = revisions.get(i);
            }
            named.add(decided == null ? change : change.withDetail(change.detail() + ", by "
                    + decided.person("System.ChangedBy") + " on " + TriageDecision.date(decided.field("System.ChangedDate"))));
        }
        return named;
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

    /** {@code Plan: create 3 noop 4; not synced: 120 below threshold}, before anything is written. */
    private static String summary(List<Change> changes, boolean dryRun, Map<SkipReason, Integer> dropped) {
        Map<Action, Integer> counts = new HashMap<>();
        changes.forEach(change -> counts.merge(change.action(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(dryRun ? "Plan (dry run, nothing written):" : "Plan:");
        for (Action action : Action.values()) {
            if (counts.containsKey(action)) {
                text.append(' ').append(action.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(counts.get(action));
            }
        }
        String notSynced = SkipReason.counts(dropped);
        return notSynced.isEmpty() ? text.toString() : text + "; not synced: " + notSynced;
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
