package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.ado.ValidationReport.Check;
import io.jenkins.plugins.adoworkitems.core.ado.ValidationReport.Item;
import io.jenkins.plugins.adoworkitems.core.ado.ValidationReport.Status;
import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Test connection": checks target, credentials and configuration against Azure DevOps without changing anything.
 * Write access is proven with a validate-only create, which runs the type's rules but saves nothing.
 */
public final class ConnectionValidator {
    /** Set by the sync engine on every work item, so never counted as left without a value. */
    private static final Set<String> ALWAYS_SET = Set.of("System.Title");
    private static final String PROBE_TITLE = "Connection test by " + ClientSettings.PRODUCT + " (validate only, not saved)";

    private final ClientSettings settings;

    public ConnectionValidator(ClientSettings settings) {
        this.settings = settings;
    }

    /**
     * @param fieldMapping field reference name to the value or template that fills it; values containing
     *                     {@code ${…}} or {@code {{…}}} are templates and not checked against allowed values
     */
    public ValidationReport validate(AdoTarget target, Credentials credentials, String project, String workItemType,
            Map<String, String> fieldMapping) {
        List<Check> checks = new ArrayList<>();
        AdoClient client = AdoClient.create(target, credentials, settings);
        try {
            client.project(project);
            checks.add(new Check(Item.CREDENTIALS, Status.OK, "Signed in to " + Redactor.withoutUserInfo(target.url().toString()) + " with "
                    + credentials.describe() + ".", null));
            checks.add(new Check(Item.PROJECT, Status.OK, "Project " + project + " found.", null));
        } catch (AdoException e) {
            if (e.code() == ErrorCode.PROJECT_NOT_FOUND) {
                checks.add(new Check(Item.CREDENTIALS, Status.OK, "Signed in to " + Redactor.withoutUserInfo(target.url().toString()) + " with "
                        + credentials.describe() + ".", null));
                checks.add(failed(Item.PROJECT, e));
            } else if (e.code() == ErrorCode.SCOPE_UNAVAILABLE) {
                checks.add(new Check(Item.CREDENTIALS, Status.OK, "Signed in to " + Redactor.withoutUserInfo(target.url().toString()) + " with "
                        + credentials.describe() + ".", null));
                checks.add(failed(Item.SCOPE, e));
            } else {
                checks.add(failed(Item.CREDENTIALS, e));
            }
            return finish(checks, List.of(), List.of(), Map.of(), List.of(), List.of());
        }

        WorkItemType type;
        try {
            type = client.workItemType(project, workItemType);
            checks.add(new Check(Item.WORK_ITEM_TYPE, Status.OK, "Work item type " + type.name() + " found with "
                    + type.fields().size() + " fields and " + type.states().size() + " states.", null));
        } catch (AdoException e) {
            if (e.code() == ErrorCode.SCOPE_UNAVAILABLE) {
                checks.add(failed(Item.SCOPE, e));
            } else {
                checks.add(failed(Item.WORK_ITEM_TYPE, e, availableTypes(client, project)));
            }
            return finish(checks, List.of(), List.of(), Map.of(), List.of(), List.of());
        }

        checks.add(probeWriteAccess(client, project, type, fieldMapping));

        List<String> missing = new ArrayList<>();
        for (WorkItemField field : type.fields()) {
            if (field.alwaysRequired() && field.defaultValue() == null && !fieldMapping.containsKey(field.referenceName())
                    && !ALWAYS_SET.contains(field.referenceName()) && !field.referenceName().startsWith("System.")) {
                missing.add(field.referenceName());
            }
        }
        checks.add(missing.isEmpty()
                ? new Check(Item.REQUIRED_FIELDS, Status.OK, "Every required field has a value or a default.", null)
                : new Check(Item.REQUIRED_FIELDS, Status.FAILED, "Required fields without a value: "
                        + String.join(", ", missing) + ". Map them or give them a default in the process.", null));

        List<String> unknown = fieldMapping.keySet().stream().filter(name -> type.field(name).isEmpty()).toList();
        checks.add(unknown.isEmpty()
                ? new Check(Item.MAPPED_FIELDS, Status.OK, "Every mapped field exists in " + type.name() + ".", null)
                : new Check(Item.MAPPED_FIELDS, Status.FAILED, "Mapped fields unknown to " + type.name() + ": "
                        + String.join(", ", unknown) + ". Use reference names such as Microsoft.VSTS.Common.Priority.", null));

        Map<String, String> disallowed = new LinkedHashMap<>();
        List<String> explained = new ArrayList<>();
        fieldMapping.forEach((name, value) -> type.field(name).ifPresent(field -> {
            if (!isTemplate(value) && !field.allows(value)) {
                disallowed.put(name, value);
                explained.add(name + " = '" + value + "' (allowed: " + String.join(", ", field.allowedValues()) + ")");
            }
        }));
        checks.add(disallowed.isEmpty()
                ? new Check(Item.ALLOWED_VALUES, Status.OK, "Every fixed value is allowed.", null)
                : new Check(Item.ALLOWED_VALUES, Status.FAILED, "Values outside the allowed values: "
                        + String.join("; ", explained) + ".", null));

        List<String> reopen = type.statesIn("InProgress", "Proposed").stream().map(WorkItemState::name).toList();
        checks.add(reopen.isEmpty()
                ? new Check(Item.REOPEN_STATES, Status.FAILED, type.name() + " has no state in the InProgress or "
                        + "Proposed category to reopen a work item in.", null)
                : new Check(Item.REOPEN_STATES, Status.OK, "Reopen states (InProgress, Proposed): "
                        + String.join(", ", reopen) + ".", null));
        List<String> resolve = type.statesIn("Resolved", "Completed").stream().map(WorkItemState::name).toList();
        checks.add(resolve.isEmpty()
                ? new Check(Item.RESOLVE_STATES, Status.FAILED, type.name() + " has no state in the Resolved or "
                        + "Completed category to resolve a work item with.", null)
                : new Check(Item.RESOLVE_STATES, Status.OK, "Resolve states (Resolved, Completed): "
                        + String.join(", ", resolve) + ".", null));
        return finish(checks, missing, unknown, disallowed, reopen, resolve);
    }

    private static Check probeWriteAccess(AdoClient client, String project, WorkItemType type, Map<String, String> mapping) {
        JsonPatch probe = JsonPatch.create().setField("System.Title", PROBE_TITLE);
        mapping.forEach((name, value) -> {
            if (!isTemplate(value) && type.field(name).isPresent() && !name.equals("System.Title")) {
                probe.setField(name, value);
            }
        });
        try {
            client.create(project, type.name(), probe, WriteOptions.VALIDATE_ONLY);
            return new Check(Item.SCOPE, Status.OK, "May create " + type.name() + " work items (validate-only create "
                    + "accepted).", null);
        } catch (AdoException e) {
            if (e.code() == ErrorCode.SCOPE_UNAVAILABLE || e.code() == ErrorCode.AUTH_REQUIRED
                    || e.code() == ErrorCode.MANAGED_IDENTITY_UNAVAILABLE || e.code() == ErrorCode.FEDERATED_ASSERTION_REFUSED) {
                return failed(Item.SCOPE, e);
            }
            if (e.code() == ErrorCode.FIELD_REJECTED || e.code() == ErrorCode.STATE_TRANSITION_REJECTED) {
                return new Check(Item.SCOPE, Status.WARNING, "May write work items, but a validate-only create was "
                        + "rejected: " + e.getMessage(), e.code());
            }
            return new Check(Item.SCOPE, Status.WARNING, "Write access not confirmed: " + e.getMessage(), e.code());
        }
    }

    private static String availableTypes(AdoClient client, String project) {
        try {
            return " Types in " + project + ": " + String.join(", ", client.workItemTypeNames(project)) + ".";
        } catch (AdoException e) {
            return "";
        }
    }

    static boolean isTemplate(String value) {
        return value != null && (value.contains("${") || value.contains("{{"));
    }

    private static Check failed(Item item, AdoException e) {
        return failed(item, e, "");
    }

    private static Check failed(Item item, AdoException e, String extra) {
        return new Check(item, Status.FAILED, e.getMessage() + extra + " " + e.code().fix(), e.code());
    }

    private static ValidationReport finish(List<Check> checks, List<String> missing, List<String> unknown,
            Map<String, String> disallowed, List<String> reopen, List<String> resolve) {
        List<Check> all = new ArrayList<>(checks);
        for (Item item : Item.values()) {
            if (all.stream().noneMatch(check -> check.item() == item)) {
                all.add(new Check(item, Status.SKIPPED, item.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ": not checked after the failure above.", null));
            }
        }
        all.sort(java.util.Comparator.comparing(Check::item));
        return new ValidationReport(all, missing, unknown, disallowed, reopen, resolve);
    }
}
