package io.jenkins.plugins.adoworkitems.core.template;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Which decisions on a work item are a person's triage, which a sync never undoes (docs/sync.md, "Triage"): a state
 * category (Removed: risk accepted), a reason ({@code System.Reason} "As Designed": a false positive) or a tag. A tag
 * may carry its expiry, {@code risk-accepted-until-2027-03-31}; {@code expiryField} names a date field that does the
 * same for any decision. After the expiry the item is tracked again.
 *
 * @param categories state categories, e.g. {@code Removed}
 * @param reasons {@code System.Reason} values, compared without case
 * @param tags tags, compared without case, each also with an {@code -until-YYYY-MM-DD} suffix
 * @param expiryField reference name of a date field, or empty
 */
public record Triage(List<String> categories, List<String> reasons, List<String> tags, String expiryField)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What GitHub code scanning and DefectDojo treat as dismissed, in Azure DevOps' own words. */
    public static final Triage DEFAULT = new Triage(List.of("Removed"),
            List.of("As Designed", "Won't Fix", "Obsolete", "Cannot Reproduce", "Deferred"),
            List.of("false-positive", "risk-accepted"), "");

    public Triage {
        categories = clean(categories);
        reasons = clean(reasons);
        tags = clean(tags);
        expiryField = Objects.requireNonNullElse(expiryField, "").trim();
        for (String tag : tags) {
            if (tag.contains(";")) {
                throw new IllegalArgumentException("A triage tag cannot contain ';': '" + tag + "'");
            }
        }
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }
}
