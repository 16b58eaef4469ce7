package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.Map;

/** A link of a work item: {@code rel} such as {@code Hyperlink} or {@code System.LinkTypes.Related}. */
public record WorkItemRelation(String rel, String url, Map<String, Object> attributes) {
    public WorkItemRelation {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
