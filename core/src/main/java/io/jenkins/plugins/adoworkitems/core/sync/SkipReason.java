package io.jenkins.plugins.adoworkitems.core.sync;

/** Why a finding or item was not synced, for counts by reason (docs/sync.md). {@link #NONE} on other entries. */
public enum SkipReason {
    NONE,
    /** The scanner marked it suppressed. */
    SUPPRESSED,
    /** No template's routing takes it. */
    NO_TEMPLATE,
    /** Below the template's threshold. */
    BELOW_THRESHOLD,
    /** Over the template's cap on new items per run. */
    OVER_CAP,
    /** A person triaged its item (Removed, As Designed, false-positive…): never reopened, updated or resolved. */
    TRIAGED,
    /** The process allows no state to move the item to. */
    NO_TRANSITION
}
