package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.List;

/**
 * A field as one work item type uses it ({@code workitemtypes/{type}/fields?$expand=allowedValues}).
 *
 * @param defaultValue null when the type sets none
 * @param allowedValues empty when any value is allowed
 */
public record WorkItemField(String referenceName, String name, boolean alwaysRequired, String defaultValue,
        List<String> allowedValues) {
    public WorkItemField {
        allowedValues = List.copyOf(allowedValues);
    }

    public boolean allows(String value) {
        return allowedValues.isEmpty() || allowedValues.contains(value);
    }
}
