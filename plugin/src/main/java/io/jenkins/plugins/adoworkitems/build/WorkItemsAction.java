package io.jenkins.plugins.adoworkitems.build;

import hudson.model.Api;
import hudson.model.Run;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build's "Azure DevOps work items" page and its summary: counts, and the rows of what changed. Kept small in
 * build.xml, like warnings-ng's result action: counts by action, severity and skip reason, and at most
 * {@link #MAX_ROWS} changed or failed rows; every row, the unchanged items included, goes to a file beside
 * build.xml ({@link RowFile}) that the page reads when shown. Syncs of parallel branches add to one action.
 */
@ExportedBean
public class WorkItemsAction implements RunAction2 {
    private static final Logger LOG = Logger.getLogger(WorkItemsAction.class.getName());
    public static final String URL_NAME = "ado-work-items";
    /** Rows kept in build.xml; the rest are counted and read from the file. */
    static final int MAX_ROWS = 1_000;
    /**
     * Rows each table of the page shows at most: a dry run of a large scan plans a hundred thousand, a page of tens of
     * megabytes that no browser shows well. The filter in the address finds the others.
     */
    static final int PAGE_ROWS = 500;
    /** Shown in this order on the page and in the summary. */
    private static final List<String> SHOWN = List.of("create", "update", "reopen", "resolve", "comment", "failed", "skip",
            "noop");

    /** Changed and failed rows, at most {@link #MAX_ROWS}; before 2026-12 every row (read by {@link #readResolve}). */
    private List<WorkItemRow> rows = new ArrayList<>();
    private int rowsLeftOut;
    private Map<String, Integer> totals = new LinkedHashMap<>();
    private Map<String, Integer> open = new LinkedHashMap<>();
    private Map<String, Integer> created = new LinkedHashMap<>();
    private Map<String, Integer> fixed = new LinkedHashMap<>();
    private Map<String, Integer> triaged = new LinkedHashMap<>();
    private Map<String, Integer> skipped = new LinkedHashMap<>();
    private transient Run<?, ?> owner;
    private transient WeakReference<List<WorkItemRow>> allRows = new WeakReference<>(null);
    private transient volatile LiveState live;

    public WorkItemsAction() {
    }

    /** Adds one sync's entries: counted here, every row written to the file, the changed ones kept. */
    public synchronized void add(List<SyncEntry> entries) {
        List<WorkItemRow> all = new ArrayList<>();
        for (SyncEntry entry : entries) {
            WorkItemRow row = WorkItemRow.of(entry);
            all.add(row);
            count(row, entry);
        }
        keep(all);
        append(all);
    }

    /**
     * Adds one sync: its entries, and the findings it only counted (suppressed, taken by no template, below the
     * threshold), which have no row.
     */
    public synchronized void add(SyncResult result) {
        add(result.entries());
        result.skipped().forEach((reason, count) -> {
            if (!reason.listed() && count > 0) {
                skipped.merge(reason.name().toLowerCase(Locale.ROOT), count, Integer::sum);
                totals.merge("skip", count, Integer::sum);
            }
        });
    }

    /** Adds a row that no sync entry stands for (single mode's item). */
    public synchronized void add(WorkItemRow row) {
        totals.merge(row.getAction(), 1, Integer::sum);
        keep(List.of(row));
        append(List.of(row));
    }

    private void count(WorkItemRow row, SyncEntry entry) {
        totals.merge(row.getAction(), 1, Integer::sum);
        String severity = entry.severity() == null ? "" : entry.severity().label();
        if (row.isOpen()) {
            open.merge(severity, 1, Integer::sum);
        }
        switch (row.getAction()) {
            case "create", "reopen" -> created.merge(severity, 1, Integer::sum);
            case "resolve" -> fixed.merge(severity, 1, Integer::sum);
            case "skip" -> {
                skipped.merge(entry.skipReason().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                if (entry.triaged()) {
                    triaged.merge(severity, 1, Integer::sum);
                }
            }
            default -> {
                // updates, comments and no-ops are open items, counted above
            }
        }
    }

    private void keep(List<WorkItemRow> all) {
        for (WorkItemRow row : all) {
            if (row.getAction().equals("noop") || row.getAction().equals("skip")) {
                continue;
            }
            if (rows.size() < MAX_ROWS) {
                rows.add(row);
            } else {
                rowsLeftOut++;
            }
        }
    }

    private void append(List<WorkItemRow> all) {
        if (owner == null) {
            return;
        }
        try {
            RowFile.of(owner).append(all);
            allRows = new WeakReference<>(null);
        } catch (IOException e) {
            // The page then shows the kept rows only; the sync itself succeeded and is not failed for it.
            LOG.log(Level.WARNING, "Could not write the work item rows of " + owner, e);
        }
    }

    /** Changed and failed rows kept with the build (at most {@link #MAX_ROWS}). */
    @Exported(name = "changed", inline = true)
    public synchronized List<WorkItemRow> getRows() {
        return List.copyOf(rows);
    }

    /** Changed rows beyond {@link #MAX_ROWS}, shown as "… and N more". */
    @Exported
    public synchronized int getRowsLeftOut() {
        return rowsLeftOut;
    }

    /** Every row of every sync of this build, from the file; the kept rows when it cannot be read. */
    public synchronized List<WorkItemRow> getAllRows() {
        List<WorkItemRow> all = allRows.get();
        if (all == null) {
            try {
                all = owner == null ? List.of() : RowFile.of(owner).read();
                if (all.isEmpty()) {
                    all = List.copyOf(rows); // a build saved before the file existed kept its rows in build.xml
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not read the work item rows of " + owner, e);
                all = List.copyOf(rows);
            }
            allRows = new WeakReference<>(all);
        }
        return all;
    }

    /** The items open after this build's syncs, most severe first: what a person still has to look at. */
    public List<WorkItemRow> getOpenRows() {
        return getAllRows().stream().filter(WorkItemRow::isOpen)
                .sorted(java.util.Comparator.comparingInt(row -> severityRank(row.getSeverity()))).toList();
    }

    /**
     * The open items' current state in Azure DevOps, read when the page asks and kept a few minutes; when Azure DevOps
     * cannot be reached, its problem says why and the stored states are shown.
     */
    public LiveState getLive() {
        LiveState known = live;
        if (known == null || !known.isFresh()) {
            known = LiveState.read(getOpenRows(), owner == null ? null : owner.getParent());
            live = known;
        }
        return known;
    }

    /** A table's rows as the page shows them: those the filter keeps, at most {@link #PAGE_ROWS}, and how many more. */
    public static final class Shown {
        private final List<WorkItemRow> rows;
        private final int more;

        Shown(List<WorkItemRow> rows, int more) {
            this.rows = List.copyOf(rows);
            this.more = more;
        }

        public List<WorkItemRow> getRows() {
            return rows;
        }

        /** Rows the filter keeps beyond those shown. */
        public int getMore() {
            return more;
        }
    }

    /**
     * The rows the page shows of {@code rows}: those where every word of {@code filter} appears, in any case, in the id,
     * severity, state, title, action, detail or template (the filter box's rule, here for every row, also those not
     * shown), at most {@link #PAGE_ROWS}.
     */
    public Shown shown(List<WorkItemRow> rows, String filter) {
        List<String> words = filter == null ? List.of() : java.util.Arrays.stream(
                filter.toLowerCase(Locale.ROOT).split("\\s+")).filter(word -> !word.isEmpty()).toList();
        List<WorkItemRow> kept = new ArrayList<>();
        int more = 0;
        for (WorkItemRow row : rows) {
            if (!words.isEmpty() && !words.stream().allMatch(row.searchText()::contains)) {
                continue;
            }
            if (kept.size() < PAGE_ROWS) {
                kept.add(row);
            } else {
                more++;
            }
        }
        return new Shown(kept, more);
    }

    public List<WorkItemRow> getChangedRows() {
        return getAllRows().stream().filter(row -> !row.getAction().equals("noop") && !row.getAction().equals("skip"))
                .toList();
    }

    public List<WorkItemRow> getSkippedRows() {
        return getAllRows().stream().filter(row -> row.getAction().equals("skip")).toList();
    }

    /** Action name to count, in page order, only actions that happened. */
    @Exported
    public synchronized Map<String, Integer> getTotals() {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String action : SHOWN) {
            if (totals.getOrDefault(action, 0) > 0) {
                ordered.put(action, totals.get(action));
            }
        }
        return ordered;
    }

    /** Items open after this build, by severity label. */
    @Exported
    public synchronized Map<String, Integer> getOpen() {
        return bySeverity(open);
    }

    /** Items this build created or reopened, by severity label. */
    @Exported(name = "new")
    public synchronized Map<String, Integer> getCreated() {
        return bySeverity(created);
    }

    /** Items this build resolved, by severity label. */
    @Exported
    public synchronized Map<String, Integer> getFixed() {
        return bySeverity(fixed);
    }

    /** Findings whose item a person triaged, by severity label; never counted by failOn. */
    @Exported
    public synchronized Map<String, Integer> getTriaged() {
        return bySeverity(triaged);
    }

    /** Skipped findings by reason ({@code below_threshold}, {@code triaged}, …). */
    @Exported
    public synchronized Map<String, Integer> getSkipped() {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skipped));
    }

    public int getOpenCount() {
        return getOpen().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Open items now minus open items after the previous build that synced, or null when there is none. */
    public Integer getOpenDelta() {
        WorkItemsAction previous = previous();
        return previous == null ? null : getOpenCount() - previous.getOpenCount();
    }

    /** The previous completed build of the job that has this action, looking back at most 50 builds. */
    public WorkItemsAction previous() {
        Run<?, ?> run = owner == null ? null : owner.getPreviousCompletedBuild();
        for (int i = 0; run != null && i < 50; i++, run = run.getPreviousCompletedBuild()) {
            WorkItemsAction action = run.getAction(WorkItemsAction.class);
            if (action != null) {
                return action;
            }
        }
        return null;
    }

    public Run<?, ?> getOwner() {
        return owner;
    }

    /** {@code …/ado-work-items/api/json}: the counts and changed items for dashboards and scripts. */
    public Api getApi() {
        return new Api(this);
    }

    /** Severity labels most severe first, for the page's columns. */
    public List<String> getSeverities() {
        return List.of(Severity.values()).stream().map(Severity::label).toList();
    }

    private static Map<String, Integer> bySeverity(Map<String, Integer> counts) {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            ordered.put(severity.label(), counts.getOrDefault(severity.label(), 0));
        }
        return ordered;
    }

    private static int severityRank(String label) {
        for (Severity severity : Severity.values()) {
            if (severity.label().equals(label)) {
                return severity.ordinal();
            }
        }
        return Severity.values().length;
    }

    /** Builds saved before the counts existed kept every row: count them, as the page did then. */
    protected Object readResolve() {
        if (rows == null) {
            rows = new ArrayList<>();
        }
        if (totals == null) {
            totals = new LinkedHashMap<>();
            rows.forEach(row -> totals.merge(row.getAction(), 1, Integer::sum));
            rows = new ArrayList<>(rows.stream().filter(row -> !row.getAction().equals("noop")
                    && !row.getAction().equals("skip")).toList());
        }
        open = open == null ? new LinkedHashMap<>() : open;
        created = created == null ? new LinkedHashMap<>() : created;
        fixed = fixed == null ? new LinkedHashMap<>() : fixed;
        triaged = triaged == null ? new LinkedHashMap<>() : triaged;
        skipped = skipped == null ? new LinkedHashMap<>() : skipped;
        allRows = new WeakReference<>(null);
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        owner = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        owner = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return Messages.WorkItemsAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
