package io.jenkins.plugins.adoworkitems.core.sync;

/** What a sync does for one finding (or group of findings). See docs/sync.md. */
public enum Action {
    /** No work item has the fingerprint: create one. */
    CREATE,
    /** The item is open and its description changed (locations, message, rule text…). */
    UPDATE,
    /** The item was resolved, closed or removed, but the finding is back. */
    REOPEN,
    /** The severity changed: the item is updated and a comment says from what to what. */
    COMMENT,
    /** Opt-in: the finding is gone from a complete scan of the template's scope. */
    RESOLVE,
    /** The item is current. */
    NOOP,
    /** Not synced, with the reason: below threshold, suppressed, over the cap, no matching template. */
    SKIP,
    /** The write failed; the entry carries the error code and message. */
    FAILED;

    /**
     * Whether the item is open after the sync: what {@code --fail-on} and {@code failOn} count. A SKIP (a triaged
     * item, a finding below the threshold) never is.
     */
    public boolean leavesOpen() {
        return this == CREATE || this == UPDATE || this == NOOP || this == REOPEN || this == COMMENT;
    }

    /** Whether the action writes to Azure DevOps. */
    public boolean writes() {
        return this == CREATE || this == UPDATE || this == REOPEN || this == COMMENT || this == RESOLVE;
    }
}
