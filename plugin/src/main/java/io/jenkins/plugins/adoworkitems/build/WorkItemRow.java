package io.jenkins.plugins.adoworkitems.build;

import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;

import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of the build page, saved with the build. A plain class rather than core's record: XStream, which saves
 * builds, cannot set the fields of records.
 */
@ExportedBean(defaultVisibility = 3)
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
    @Exported
    public String getAction() {
        return action;
    }

    @Exported
    public String getTemplate() {
        return template;
    }

    @Exported
    public int getId() {
        return id;
    }

    /** The work item's URL when it is an http(s) URL, else empty: the page links only to web addresses. */
    @Exported(name = "url")
    public String getSafeUrl() {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : "";
    }

    @Exported
    public String getState() {
        return state;
    }

    @Exported
    public String getSeverity() {
        return severity;
    }

    @Exported
    public String getTitle() {
        return title;
    }

    @Exported
    public String getDetail() {
        return detail;
    }

    /** What the page's filter looks through, in lower case: id, severity, state, title, action, detail and template. */
    String searchText() {
        return String.join(" ", String.valueOf(id), Objects.toString(severity, ""), Objects.toString(state, ""),
                Objects.toString(title, ""), Objects.toString(action, ""), Objects.toString(detail, ""),
                Objects.toString(template, "")).toLowerCase(Locale.ROOT);
    }

    /** Whether the item is open after the sync that wrote this row (what failOn and the open counts take). */
    public boolean isOpen() {
        return Action.valueOf(action.toUpperCase(Locale.ROOT)).leavesOpen();
    }
}
