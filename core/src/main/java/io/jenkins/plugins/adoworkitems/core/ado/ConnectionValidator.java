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

    public ValidationReport validate(AdoTarget target, Credentials credentials, WorkItemSetup setup) {
        String project = setup.project();
        String workItemType = setup.workItemType();
        Map<String, String> fieldMapping = setup.fieldMapping();
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
        checks.add(placement(client, project, type, setup));

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

        List<String> unknown = new ArrayList<>(fieldMapping.keySet().stream().filter(name -> type.field(name).isEmpty()).toList());
        boolean fingerprintUnknown = !setup.fingerprintField().isEmpty() && type.field(setup.fingerprintField()).isEmpty();
        if (fingerprintUnknown) {
            unknown.add(setup.fingerprintField());
        }
        checks.add(unknown.isEmpty()
                ? new Check(Item.MAPPED_FIELDS, Status.OK, "Every mapped field exists in " + type.name() + ".", null)
                : new Check(Item.MAPPED_FIELDS, Status.FAILED, "Fields unknown to " + type.name() + ": "
                        + String.join(", ", unknown) + (fingerprintUnknown ? " (the fingerprint field: add it to the "
                        + "process as a text field, or leave it empty to keep fingerprints in a tag)" : "")
                        + ". Use reference names such as Microsoft.VSTS.Common.Priority.", null));

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

    /**
     * Area and iteration paths exist: a validate-only create with them runs the same tree-path rule a real create
     * does (TF401347), and saves nothing.
     */
    private static Check placement(AdoClient client, String project, WorkItemType type, WorkItemSetup setup) {
        if (setup.areaPath().isEmpty() && setup.iterationPath().isEmpty()) {
            return new Check(Item.PLACEMENT, Status.OK, "Items go to the project's default area and iteration.", null);
        }
        JsonPatch probe = JsonPatch.create().setField("System.Title", PROBE_TITLE);
        if (!setup.areaPath().isEmpty()) {
            probe.setField("System.AreaPath", setup.areaPath());
        }
        if (!setup.iterationPath().isEmpty()) {
            probe.setField("System.IterationPath", setup.iterationPath());
        }
        String paths = (setup.areaPath().isEmpty() ? "" : "area " + setup.areaPath())
                + (setup.areaPath().isEmpty() || setup.iterationPath().isEmpty() ? "" : ", ")
                + (setup.iterationPath().isEmpty() ? "" : "iteration " + setup.iterationPath());
        try {
            client.create(project, type.name(), probe, WriteOptions.VALIDATE_ONLY);
            return new Check(Item.PLACEMENT, Status.OK, "The paths exist: " + paths + ".", null);
        } catch (AdoException e) {
            String field = e.field().orElse("");
            if (e.code() == ErrorCode.FIELD_REJECTED && (field.contains("AreaPath") || field.contains("IterationPath")
                    || e.getMessage().contains("TF401347"))) {
                return new Check(Item.PLACEMENT, Status.FAILED, "Not a path of project " + project + " (" + paths
                        + "): " + e.getMessage() + " Use a path from Project settings » Project configuration, e.g. "
                        + project + "\\Team.", e.code());
            }
            return new Check(Item.PLACEMENT, Status.WARNING, "The paths (" + paths + ") were not confirmed: "
                    + e.getMessage(), e.code());
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
        all.sort(java.util.Comparator.comparing(Check::item));
        // After every check that ran, so "after the failure above" is true of each of them.
        for (Item item : Item.values()) {
            if (checks.stream().noneMatch(check -> check.item() == item)) {
                all.add(new Check(item, Status.SKIPPED, item.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ": not checked after the failure above.", null));
            }
        }
        return new ValidationReport(all, missing, unknown, disallowed, reopen, resolve);
    }
}
