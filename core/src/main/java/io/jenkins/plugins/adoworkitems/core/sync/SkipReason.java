package io.jenkins.plugins.adoworkitems.core.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a finding or item was not synced, for counts by reason (docs/sync.md). {@link #NONE} on other entries.
 * Findings dropped before any work item is looked at (suppressed, no template, below threshold) are counted only;
 * the others name an item or a unit and are listed as entries too ({@link #listed()}).
 */
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
    NO_TRANSITION;

    /**
     * Whether a skip of this reason is a {@link SyncEntry} of the result: it names an item (triaged, no transition)
     * or a work unit (over the cap). Suppressed, unrouted and below-threshold findings are only counted, so that a
     * result stays small however many findings a report has.
     */
    public boolean listed() {
        return this == OVER_CAP || this == TRIAGED || this == NO_TRANSITION;
    }

    /** For people: {@code below threshold}, {@code no template}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** {@code 120 below threshold, 2 triaged}: the non-zero counts, in this enum's order; empty when none. */
    public static String counts(Map<SkipReason, Integer> counts) {
        List<String> parts = new ArrayList<>();
        for (SkipReason reason : values()) {
            int count = counts.getOrDefault(reason, 0);
            if (count > 0) {
                parts.add(count + " " + reason.label());
            }
        }
        return String.join(", ", parts);
    }
}
