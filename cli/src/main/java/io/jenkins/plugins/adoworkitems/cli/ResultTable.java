package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.PlanExport;
import io.jenkins.plugins.adoworkitems.core.sync.SkipReason;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan or a sync result for people: one row per work item (and per skip that names one), a row per reason that
 * findings were only counted for (below threshold, no template, suppressed), then the totals.
 */
final class ResultTable {
    private ResultTable() {
    }

    static void print(PrintWriter out, SyncResult result) {
        out.printf("%-8s %6s %-8s %-60s %s%n", "ACTION", "ID", "SEVERITY", "TITLE", "URL / DETAIL");
        for (SyncEntry entry : result.entries()) {
            out.printf("%-8s %6s %-8s %-60s %s%n", entry.action(), entry.workItemId() == 0 ? "-" : entry.workItemId(),
                    entry.severity() == null ? "" : entry.severity().label(), Text.cut(entry.title(), 60), last(entry));
        }
        for (SkipReason reason : SkipReason.values()) {
            int count = result.skipped(reason);
            if (reason != SkipReason.NONE && !reason.listed() && count > 0) {
                out.printf("%-8s %6s %-8s %-60s %s%n", Action.SKIP, "-", "", PlanExport.counted(count, reason),
                        "counted, not listed");
            }
        }
        out.println(totals(result));
        out.flush();
    }

    /** {@code create 3, noop 4, skip 5 (3 below threshold, 2 triaged); 12 HTTP requests}: the non-zero totals. */
    static String totals(SyncResult result) {
        List<String> parts = new ArrayList<>();
        for (Action action : Action.values()) {
            if (result.total(action) > 0) {
                String reasons = action == Action.SKIP ? SkipReason.counts(result.skipped()) : "";
                parts.add(action.name().toLowerCase(Locale.ROOT) + " " + result.total(action)
                        + (reasons.isEmpty() ? "" : " (" + reasons + ")"));
            }
        }
        return (parts.isEmpty() ? "nothing to do" : String.join(", ", parts)) + "; " + result.httpRequests()
                + " HTTP request(s)" + (result.dryRun() ? " (dry run, nothing written)" : "")
                + (result.duplicatesRetired() > 0 ? "; cleaned up " + result.duplicatesRetired()
                + " duplicate(s) created by a concurrent run" : "");
    }

    private static String last(SyncEntry entry) {
        if (entry.action() == Action.FAILED) {
            return Text.cut(entry.errorCode() + ": " + entry.errorMessage(), 200);
        }
        if (entry.action() == Action.SKIP || entry.url().isEmpty()) {
            return Text.cut(entry.detail(), 200);
        }
        return entry.url();
    }
}
