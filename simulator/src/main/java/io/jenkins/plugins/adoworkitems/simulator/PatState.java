package io.jenkins.plugins.adoworkitems.simulator;

/** What Azure DevOps thinks of a personal access token. */
public enum PatState {
    /** Valid, with the "Work Items (read and write)" scope. */
    VALID,
    /** Past its expiry date. */
    EXPIRED,
    /** Valid but created without any work-items scope (e.g. only "Code"). */
    NO_WORK_ITEM_SCOPE,
    /** Valid with "Work Items (read)" only: reads work, writes are refused. */
    READ_ONLY_SCOPE
}
