package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.List;
import java.util.Map;

/**
 * What "test connection" found, as structured results and as lines for a person.
 *
 * @param missingRequiredFields fields the type requires, that have no default and that the mapping leaves empty
 * @param unknownFields         mapped fields the type does not have
 * @param disallowedValues      mapped field to its fixed value that is not among the field's allowed values
 * @param reopenStates          states in the InProgress or Proposed categories, to reopen a work item
 * @param resolveStates         states in the Resolved or Completed categories, to resolve a work item
 */
public record ValidationReport(List<Check> checks, List<String> missingRequiredFields, List<String> unknownFields,
        Map<String, String> disallowedValues, List<String> reopenStates, List<String> resolveStates) {
    /** What was checked, in the order the checks run. */
    public enum Item { CREDENTIALS, SCOPE, PROJECT, WORK_ITEM_TYPE, PLACEMENT, REQUIRED_FIELDS, MAPPED_FIELDS,
        ALLOWED_VALUES, REOPEN_STATES, RESOLVE_STATES }

    public enum Status { OK, WARNING, FAILED, SKIPPED }

    /** One check; {@code code} is set when an Azure DevOps call failed. */
    public record Check(Item item, Status status, String message, ErrorCode code) {
        public String line() {
            return "[" + status + "] " + message;
        }
    }

    public ValidationReport {
        checks = List.copyOf(checks);
        missingRequiredFields = List.copyOf(missingRequiredFields);
        unknownFields = List.copyOf(unknownFields);
        disallowedValues = Map.copyOf(disallowedValues);
        reopenStates = List.copyOf(reopenStates);
        resolveStates = List.copyOf(resolveStates);
    }

    /** True when nothing failed; warnings do not stop a sync. */
    public boolean ok() {
        return checks.stream().noneMatch(check -> check.status() == Status.FAILED);
    }

    public Check check(Item item) {
        return checks.stream().filter(check -> check.item() == item).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No check " + item));
    }

    public List<String> lines() {
        return checks.stream().map(Check::line).toList();
    }
}
