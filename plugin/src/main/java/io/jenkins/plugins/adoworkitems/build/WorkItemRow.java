package io.jenkins.plugins.adoworkitems.build;

import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;

import java.io.Serializable;
import java.util.Locale;

/**
 * One line of the build page, saved with the build. A plain class rather than core's record: XStream, which saves
 * builds, cannot set the fields of records.
 */
public final class WorkItemRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String action;
    private final String template;
    private final int id;
    private final String url;
    private final String state;
    private final String severity;
    private final String title;
    private final String detail;

    public WorkItemRow(String action, String template, int id, String url, String state, String severity, String title,
            String detail) {
        this.action = action;
        this.template = template;
        this.id = id;
        this.url = url;
        this.state = state;
        this.severity = severity;
        this.title = title;
        this.detail = detail;
    }

    public static WorkItemRow of(SyncEntry entry) {
        return new WorkItemRow(entry.action().name().toLowerCase(Locale.ROOT), entry.template(), entry.workItemId(),
                entry.url(), entry.state(), entry.severity() == null ? "" : entry.severity().label(), entry.title(),
                entry.errorCode() == null || entry.errorCode().isEmpty() ? entry.detail()
                        : entry.errorCode() + ": " + entry.errorMessage());
    }

    /** {@code create}, {@code update}, {@code reopen}, {@code comment}, {@code resolve}, {@code noop}, {@code skip}, {@code failed}. */
    public String getAction() {
        return action;
    }

    public String getTemplate() {
        return template;
    }

    public int getId() {
        return id;
    }

    /** The work item's URL when it is an http(s) URL, else empty: the page links only to web addresses. */
    public String getSafeUrl() {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : "";
    }

    public String getState() {
        return state;
    }

    public String getSeverity() {
        return severity;
    }

    public String getTitle() {
        return title;
    }

    public String getDetail() {
        return detail;
    }
}
