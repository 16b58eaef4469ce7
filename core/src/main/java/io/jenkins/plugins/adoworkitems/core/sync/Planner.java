package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemState;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Description;
import io.jenkins.plugins.adoworkitems.core.template.Html;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Placeholders;
import io.jenkins.plugins.adoworkitems.core.template.SeverityMapping;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides what to write for each work unit, from the unit and the item that carries its fingerprint. Pure: it
 * reads nothing from Azure DevOps itself, so every decision is testable from values (docs/sync.md lists them).
 *
 * <p>Owned fields, written on update: the description (ReproSteps for types that have it, else
 * System.Description), Microsoft.VSTS.Common.Severity when the scanner's severity changed (and the title, when it
 * differs from ours by its severity label alone), the state on reopen and resolve, and comments. Everything else (title, area, iteration, tags, assignee, priority, extra fields) is set on
 * create only, so people's edits stand.
 */
final class Planner {
    static final String REPRO_STEPS = "Microsoft.VSTS.TCM.ReproSteps";
    static final String DESCRIPTION = "System.Description";
    static final int MAX_TITLE = 255;
    private static final Set<String> CLOSED_CATEGORIES = Set.of("Resolved", "Completed", "Removed");

    private final LinkContext links;
    /** The day triage expiries are judged on (UTC). */
    private final LocalDate today;

    Planner(LinkContext links) {
        this(links, LocalDate.now(ZoneOffset.UTC));
    }

    Planner(LinkContext links, LocalDate today) {
        this.links = links;
        this.today = today;
    }

    /** The item's triage decision that still holds today, if any: such an item is never changed by a sync. */
    Optional<TriageDecision> standingTriage(WorkItem item, WorkItemType type, Template template) {
        return TriageDecision.of(item, type, template.triage()).filter(decision -> !decision.expired(today));
    }

    /** The field that holds our description for this type. */
    static String descriptionField(WorkItemType type) {
        return type.field(REPRO_STEPS).isPresent() ? REPRO_STEPS : DESCRIPTION;
    }

    static boolean isClosed(WorkItemType type, String state) {
        return CLOSED_CATEGORIES.contains(type.categoryOf(state == null ? "" : state));
    }

    /** States of these categories, for queries that skip closed items. */
    static List<String> closedStates(WorkItemType type) {
        return type.statesIn("Resolved", "Completed", "Removed").stream().map(WorkItemState::name).toList();
    }

    /** CREATE; its patch is rendered when its batch is sent (see {@link Change#rendering()}). */
    Change create(WorkUnit unit, WorkItemType type) {
        return new Change(Action.CREATE, unit.template(), unit.fingerprint(), unit, null, () -> createPatch(unit, type),
                title(unit), unit.severity(), "new " + type.name(), unit.tool());
    }

    /** Every field of the template, rendered from the unit's findings; a Hyperlink relation to the build. */
    JsonPatch createPatch(WorkUnit unit, WorkItemType type) {
        Template template = unit.template();
        Finding first = unit.first();
        Description description = Description.render(unit.members(), template, links);
        String title = title(unit);
        JsonPatch patch = JsonPatch.create()
                .setField("System.Title", title)
                .setField(descriptionField(type), description.html());
        placement(patch, template);
        List<String> tags = new ArrayList<>(template.tags());
        if (template.fingerprintField().isEmpty()) {
            tags.add(Identity.fingerprintTag(unit.fingerprint()));
        } else {
            patch.setField(template.fingerprintField(), unit.fingerprint());
        }
        tags.add(unit.scopeTag());
        unit.targets().forEach(target -> tags.add(Identity.targetTag(target)));
        patch.setField("System.Tags", String.join("; ", tags));
        if (type.field(SeverityMapping.SEVERITY_FIELD).isPresent()) {
            patch.setField(SeverityMapping.SEVERITY_FIELD, template.severityMapping().severityValue(unit.severity()));
        }
        if (type.field(SeverityMapping.PRIORITY_FIELD).isPresent()) {
            patch.setField(SeverityMapping.PRIORITY_FIELD, template.severityMapping().priority(unit.severity()));
        }
        for (Map.Entry<String, String> field : template.fields().entrySet()) {
            patch.setField(field.getKey(), Placeholders.render(field.getValue(), first, value -> value));
        }
        String buildUrl = Html.safeUrl(links.buildUrl());
        if (!buildUrl.isEmpty()) {
            patch.addRelation("Hyperlink", buildUrl, Map.of("comment", "Reported by "
                    + (links.buildName().isEmpty() ? "this build" : links.buildName())));
        }
        return patch;
    }

    /**
     * UPDATE, COMMENT, REOPEN or NOOP for a unit whose item exists; SKIP when a person's triage decision stands.
     * A decision that expired is said once, in a comment: with the reopen, or on the first sync after the expiry.
     */
    Change update(WorkUnit unit, WorkItem item, WorkItemType type) {
        Change decided = decide(unit, item, type);
        // The decision is kept (action, title, detail); its patch, which holds the rendered description, is made
        // again when its batch is sent: the same inputs render the same patch.
        return decided.rendering() == null ? decided
                : new Change(decided.action(), decided.template(), decided.fingerprint(), unit, item,
                () -> decide(unit, item, type).patch(), decided.title(), decided.severity(), decided.detail(),
                decided.tool(), decided.skipReason());
    }

    private Change decide(WorkUnit unit, WorkItem item, WorkItemType type) {
        Template template = unit.template();
        String title = item.field("System.Title");
        Optional<TriageDecision> triage = TriageDecision.of(item, type, template.triage());
        if (triage.isPresent() && !triage.get().expired(today)) {
            return new Change(Action.SKIP, template, unit.fingerprint(), unit, item, null, title, unit.severity(),
                    "triaged: " + triage.get().describe(), unit.tool(), SkipReason.TRIAGED);
        }
        String expiry = triage.map(decision -> "Triage expired on " + decision.until() + " (" + decision.what()
                + "): tracked again. ").orElse("");
        String field = descriptionField(type);
        String current = item.field(field);
        Description description = Description.render(unit.members(), template, links);
        boolean contentChanged = !description.digest().equals(Description.digestIn(current));
        Optional<Severity> before = Description.severityIn(current);
        boolean severityChanged = before.isPresent() && before.get() != unit.severity();
        JsonPatch patch = JsonPatch.create().testRevision(item.rev());
        List<String> changes = new ArrayList<>();
        if (contentChanged) {
            patch.setField(field, description.html());
            changes.add(before.isEmpty() ? "description (written by someone else before)" : "description");
        }
        List<String> tags = Identity.retargeted(item, unit.covered(), unit.targets());
        if (!tags.equals(Identity.tags(item.field("System.Tags")))) {
            patch.setField("System.Tags", String.join("; ", tags));
            changes.add("scan targets");
        }
        if (severityChanged && type.field(SeverityMapping.SEVERITY_FIELD).isPresent()) {
            patch.setField(SeverityMapping.SEVERITY_FIELD, template.severityMapping().severityValue(unit.severity()));
        }
        if (severityChanged && title != null) {
            // Only a title that differs from ours by its severity label alone: one a person edited stays theirs.
            String rendered = title(unit);
            if (!rendered.equals(title) && title.replace(before.get().label(), unit.severity().label()).equals(rendered)) {
                patch.setField("System.Title", rendered);
                title = rendered;
            }
        }
        if (isClosed(type, item.state())) {
            // Azure DevOps' own idiom is "Reactivated": back to work (Active), else back to the backlog (New).
            Optional<String> target = firstAllowed(type, item.state(), "InProgress", "Proposed");
            if (target.isEmpty()) {
                return blockedTransition(unit, item, title, "reopen", type);
            }
            patch.setField("System.State", target.get());
            patch.setField("System.History", Html.escape(expiry + "Reopened by Azure DevOps Work Items: "
                    + unit.tool() + " reports this finding again" + byBuild() + "."));
            changes.add(0, "state " + item.state() + " → " + target.get());
            if (!expiry.isEmpty()) {
                changes.add("triage expired " + triage.get().until());
            }
            return new Change(Action.REOPEN, template, unit.fingerprint(), unit, item, fixed(patch), title, unit.severity(),
                    String.join(", ", changes), unit.tool());
        }
        boolean announceExpiry = triage.isPresent() && triage.get().unannounced(item);
        if (severityChanged || announceExpiry) {
            String text = severityChanged
                    ? "Severity changed from " + before.get().label() + " to " + unit.severity().label() : "";
            String history = (announceExpiry ? expiry : "") + (severityChanged ? text + " (reported by "
                    + unit.tool() + byBuild() + ")." : "");
            patch.setField("System.History", Html.escape(history.trim()));
            String detail = severityChanged ? text : "triage expired " + triage.get().until();
            return new Change(Action.COMMENT, template, unit.fingerprint(), unit, item, fixed(patch), title, unit.severity(),
                    detail, unit.tool());
        }
        if (!changes.isEmpty()) {
            return new Change(Action.UPDATE, template, unit.fingerprint(), unit, item, fixed(patch), title, unit.severity(),
                    String.join(", ", changes), unit.tool());
        }
        return new Change(Action.NOOP, template, unit.fingerprint(), unit, item, null, title, unit.severity(), "current",
                unit.tool());
    }

    /**
     * For an open item whose finding is gone from the targets this run scanned: RESOLVE when no other target
     * still reports it, else UPDATE, dropping those targets' tags so the item stays open for the others.
     */
    Change gone(Template template, String fingerprint, String tool, WorkItem item, WorkItemType type,
                Set<String> scanned) {
        Set<String> others = Identity.targetTags(item);
        scanned.forEach(target -> others.remove(Identity.targetTag(target)));
        if (others.isEmpty()) {
            return resolve(template, fingerprint, tool, item, type);
        }
        List<String> tags = Identity.retargeted(item, scanned, Set.of());
        JsonPatch patch = JsonPatch.create().testRevision(item.rev()).setField("System.Tags", String.join("; ", tags));
        Severity severity = Description.severityIn(item.field(descriptionField(type))).orElse(null);
        return new Change(Action.UPDATE, template, fingerprint, null, item, fixed(patch), item.field("System.Title"), severity,
                "fixed in the scanned target(s); still open for " + others.size() + " other target(s)", tool);
    }

    /** RESOLVE for an open item whose finding is gone from a complete scan of its scope. */
    Change resolve(Template template, String fingerprint, String tool, WorkItem item, WorkItemType type) {
        String title = item.field("System.Title");
        Severity severity = Description.severityIn(item.field(descriptionField(type))).orElse(null);
        Optional<String> target = firstAllowed(type, item.state(), "Resolved", "Completed");
        if (target.isEmpty()) {
            // Not a failure of the run: the process forbids the move, and every run would say so again.
            return new Change(Action.SKIP, template, fingerprint, null, item, null, title, severity,
                    "fixed, but the process allows no Resolved or Completed state of " + type.name() + " from "
                            + item.state() + "; resolve #" + item.id() + " by hand", tool, SkipReason.NO_TRANSITION);
        }
        JsonPatch patch = JsonPatch.create().testRevision(item.rev())
                .setField("System.State", target.get())
                .setField("System.History", Html.escape("Resolved by Azure DevOps Work Items: " + tool
                        + " no longer reports this finding" + byBuild() + "."));
        return new Change(Action.RESOLVE, template, fingerprint, null, item, fixed(patch), title, severity,
                "state " + item.state() + " → " + target.get(), tool);
    }

    /** A small patch made at planning time (no description in it), sent as it is. */
    private static Supplier<JsonPatch> fixed(JsonPatch patch) {
        return () -> patch;
    }

    private Change blockedTransition(WorkUnit unit, WorkItem item, String title, String what, WorkItemType type) {
        return new Change(Action.SKIP, unit.template(), unit.fingerprint(), unit, item, null, title, unit.severity(),
                "reported again, but the process allows no Proposed or InProgress state of " + type.name() + " from "
                        + item.state() + "; " + what + " #" + item.id() + " by hand", unit.tool(), SkipReason.NO_TRANSITION);
    }

    /** The first state of the given categories, in that order, that the process allows moving to from {@code from}. */
    static Optional<String> firstAllowed(WorkItemType type, String from, String... categories) {
        return type.statesIn(categories).stream().map(WorkItemState::name)
                .filter(state -> type.allowsTransition(from, state)).findFirst();
    }

    private String byBuild() {
        return links.buildName().isEmpty() ? (links.buildUrl().isEmpty() ? "" : " in " + links.buildUrl())
                : " in " + links.buildName();
    }

    /** Where a new item goes and who gets it: area, iteration and assignee, when the template names them. */
    static void placement(JsonPatch patch, Template template) {
        if (!template.areaPath().isEmpty()) {
            patch.setField("System.AreaPath", template.areaPath());
        }
        if (!template.iterationPath().isEmpty()) {
            patch.setField("System.IterationPath", template.iterationPath());
        }
        if (!template.assignedTo().isEmpty()) {
            patch.setField("System.AssignedTo", template.assignedTo());
        }
    }

    /** The template's title, or the default; plain text, one line, within Azure DevOps' 255 characters. */
    static String title(WorkUnit unit) {
        Template template = unit.template();
        Finding first = unit.first();
        String title = template.title().isEmpty()
                ? Placeholders.defaultTitle(first) + (unit.members().size() > 1 ? " and " + (unit.members().size() - 1) + " more" : "")
                : Placeholders.render(template.title(), first, value -> value);
        return oneLineTitle(title);
    }

    /** One line, within Azure DevOps' 255 characters, with an ellipsis where it was cut. */
    static String oneLineTitle(String text) {
        String title = text.replaceAll("\\s+", " ").trim();
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }
}
