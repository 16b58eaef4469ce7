package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Severity;

import java.io.Serializable;

/**
 * What happened to one work item (or, for SKIP, one finding). Small and Serializable: it is kept in Jenkins builds.
 *
 * @param fingerprint the finding's fingerprint, or the group's for grouped items
 * @param workItemId 0 when there is no item (SKIP, a CREATE in a dry run, a failed create)
 * @param url the item's web page, or empty
 * @param detail what changed or why it was skipped, for people
 * @param errorCode the {@code ErrorCode} name for FAILED entries, else empty
 * @param skipReason why a SKIP entry was skipped; {@link SkipReason#NONE} for other actions
 */
public record SyncEntry(Action action, String fingerprint, String template, int workItemId, String url, String state,
                        Severity severity, String title, String detail, String errorCode, String errorMessage,
                        SkipReason skipReason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SyncEntry {
        template = template == null ? "" : template;
        url = url == null ? "" : url;
        state = state == null ? "" : state;
        title = title == null ? "" : title;
        detail = detail == null ? "" : detail;
        errorCode = errorCode == null ? "" : errorCode;
        errorMessage = errorMessage == null ? "" : errorMessage;
        skipReason = skipReason == null ? SkipReason.NONE : skipReason;
    }

    /** Whether a person's triage decision keeps this finding's item out of the sync. */
    public boolean triaged() {
        return skipReason == SkipReason.TRIAGED;
    }

    SyncEntry withDetail(String newDetail) {
        return new SyncEntry(action, fingerprint, template, workItemId, url, state, severity, title, newDetail, errorCode,
                errorMessage, skipReason);
    }
}
