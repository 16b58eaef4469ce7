package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A work item type of a project with its fields (including allowed values), its states and the state transitions
 * its process allows.
 *
 * @param transitions from-state to the states it may move to; empty when the server did not say (then every move is
 *                    assumed allowed and the server has the last word)
 */
public record WorkItemType(String name, String referenceName, String description, List<WorkItemField> fields,
        List<WorkItemState> states, Map<String, List<String>> transitions) {
    public WorkItemType {
        fields = List.copyOf(fields);
        states = List.copyOf(states);
        transitions = Map.copyOf(transitions);
    }

    /** Whether the process allows moving from {@code from} to {@code to}, as far as the type tells. */
    public boolean allowsTransition(String from, String to) {
        if (transitions.isEmpty() || from.equalsIgnoreCase(to)) {
            return true;
        }
        return transitions.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(from))
                .flatMap(entry -> entry.getValue().stream()).anyMatch(target -> target.equalsIgnoreCase(to));
    }

    /** The category of a state of this type, or empty when the type has no such state. */
    public String categoryOf(String state) {
        return states.stream().filter(s -> s.name().equalsIgnoreCase(state)).map(WorkItemState::category)
                .findFirst().orElse("");
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
