package io.jenkins.plugins.adoworkitems.build;

import hudson.model.Action;
import hudson.model.Run;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build's "Azure DevOps work items" page: what each sync of this build did, with links. One per build; a
 * second step in the same build adds its rows.
 */
public class WorkItemsAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    public static final String URL_NAME = "ado-work-items";
    /** Shown in this order on the page and in the summary. */
    private static final List<String> SHOWN = List.of("create", "update", "reopen", "resolve", "comment", "failed", "skip");

    private final List<WorkItemRow> rows = new ArrayList<>();
    private transient Run<?, ?> owner;

    public WorkItemsAction(List<WorkItemRow> rows) {
        this.rows.addAll(rows);
    }

    public synchronized void add(List<WorkItemRow> more) {
        rows.addAll(more);
    }

    public synchronized List<WorkItemRow> getRows() {
        return List.copyOf(rows);
    }

    /** Rows that point at a work item (not the no-ops), for the page's table. */
    public List<WorkItemRow> getWorkItemRows() {
        return getRows().stream().filter(row -> SHOWN.contains(row.getAction()) && !row.getAction().equals("skip")).toList();
    }

    public List<WorkItemRow> getSkippedRows() {
        return getRows().stream().filter(row -> row.getAction().equals("skip")).toList();
    }

    /** Action name to count, in {@link #SHOWN} order, only actions that happened. */
    public Map<String, Integer> getTotals() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        List<WorkItemRow> all = getRows();
        for (String action : SHOWN) {
            int count = (int) all.stream().filter(row -> row.getAction().equals(action)).count();
            if (count > 0) {
                totals.put(action, count);
            }
        }
        return totals;
    }

    public Run<?, ?> getOwner() {
        return owner;
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

    @Override
    public Collection<? extends Action> getProjectActions() {
        return owner == null ? List.of() : List.of(new LatestWorkItemsAction(owner));
    }
}
