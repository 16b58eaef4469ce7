package io.jenkins.plugins.adoworkitems.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A work item type of a process: its fields with their rules, its states and which state may follow which. */
record WorkItemTypeDef(String name, String referenceName, String description, String color, String icon,
                       List<TypeField> fields, List<State> states, Map<String, List<String>> transitions,
                       Map<String, List<String>> reasons) {

    /** A field on this type: required or not, allowed values (empty = any), default (null = none). */
    record TypeField(FieldDef field, boolean required, List<String> allowedValues, Object defaultValue) {
    }

    /** A state and its category: Proposed, InProgress, Resolved, Completed or Removed. */
    record State(String name, String color, String category) {
    }

    Optional<TypeField> field(String nameOrReference) {
        return fields.stream()
                .filter(f -> f.field().referenceName().equalsIgnoreCase(nameOrReference) || f.field().name().equalsIgnoreCase(nameOrReference))
                .findFirst();
    }

    State initialState() {
        return states.get(0);
    }

    Optional<State> state(String name) {
        return states.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    boolean allowsTransition(String from, String to) {
        return from.equalsIgnoreCase(to) || transitions.getOrDefault(from, List.of()).stream().anyMatch(t -> t.equalsIgnoreCase(to));
    }

    List<String> reasonsFor(String toState) {
        return reasons.getOrDefault(toState, List.of("Moved to state " + toState));
    }

    /** The reason ADO fills in when the client names none: reactivation out of a done state has its own. */
    String defaultReason(String from, String to) {
        List<String> candidates = reasonsFor(to);
        String fromCategory = from == null ? "" : state(from).map(State::category).orElse("");
        if ((fromCategory.equals("Completed") || fromCategory.equals("Resolved")) && candidates.contains("Reactivated")) {
            return "Reactivated";
        }
        return candidates.get(0);
    }

    String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
