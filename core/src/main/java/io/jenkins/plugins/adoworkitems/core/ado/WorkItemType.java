package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.List;
import java.util.Optional;

/** A work item type of a project with its fields (including allowed values) and its states. */
public record WorkItemType(String name, String referenceName, String description, List<WorkItemField> fields,
        List<WorkItemState> states) {
    public WorkItemType {
        fields = List.copyOf(fields);
        states = List.copyOf(states);
    }

    public Optional<WorkItemField> field(String referenceName) {
        return fields.stream().filter(field -> field.referenceName().equalsIgnoreCase(referenceName)).findFirst();
    }

    /** States whose category is one of {@code categories}, in the order the categories are given. */
    public List<WorkItemState> statesIn(String... categories) {
        return List.of(categories).stream()
                .flatMap(category -> states.stream().filter(state -> category.equalsIgnoreCase(state.category())))
                .toList();
    }
}
