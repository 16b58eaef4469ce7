package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.template.Triage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A person's triage decision found on a work item (docs/sync.md, "Triage"), with its expiry if it has one.
 *
 * @param what for people: {@code state Removed}, {@code reason As Designed}, {@code tag risk-accepted}
 * @param until the last day the decision holds, or null when it holds until a person changes it
 */
record TriageDecision(String what, LocalDate until) {
    private static final String UNTIL = "-until-";

    /** The decision the item carries under the template's policy, tags first (they may carry a date), or none. */
    static Optional<TriageDecision> of(WorkItem item, WorkItemType type, Triage policy) {
        LocalDate fieldExpiry = policy.expiryField().isEmpty() ? null : date(item.field(policy.expiryField()));
        for (String tag : Identity.tags(item.field("System.Tags"))) {
            String lower = tag.toLowerCase(Locale.ROOT);
            for (String triageTag : policy.tags()) {
                String wanted = triageTag.toLowerCase(Locale.ROOT);
                if (lower.equals(wanted)) {
                    return Optional.of(new TriageDecision("tag " + tag, fieldExpiry));
                }
                if (lower.startsWith(wanted + UNTIL)) {
                    LocalDate until = date(lower.substring(wanted.length() + UNTIL.length()));
                    if (until != null) {
                        return Optional.of(new TriageDecision("tag " + tag, until));
                    }
                }
            }
        }
        String state = item.state() == null ? "" : item.state();
        String category = type.categoryOf(state);
        if (containsIgnoringCase(policy.categories(), category)) {
            return Optional.of(new TriageDecision("state " + state, fieldExpiry));
        }
        String reason = item.field("System.Reason");
        if (reason != null && containsIgnoringCase(policy.reasons(), reason)) {
            return Optional.of(new TriageDecision("reason " + reason, fieldExpiry));
        }
        return Optional.empty();
    }

    boolean expired(LocalDate today) {
        return until != null && today.isAfter(until);
    }

    /** Whether the item was last changed before the decision expired: nobody, this sync included, has said so yet. */
    boolean unannounced(WorkItem item) {
        String changed = item.field("System.ChangedDate");
        if (until == null || changed == null) {
            return false;
        }
        try {
            return Instant.parse(changed).isBefore(until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    String describe() {
        return what + (until == null ? "" : " until " + until);
    }

    /** A date as a tag or a date field gives it: {@code 2027-03-31}, or a date-time whose day counts. */
    static LocalDate date(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean containsIgnoringCase(List<String> values, String value) {
        return !value.isEmpty() && values.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(value));
    }
}
