package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemField;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemState;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItemType;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.core.template.Triage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Decisions that depend on a process's states and transitions, from values as Azure DevOps describes them. */
class PlannerTest {
    /** A Bug whose process lets nothing out of Removed, and lets Active move only to Closed. */
    private static final WorkItemType STRICT_BUG = new WorkItemType("Bug", "Microsoft.VSTS.WorkItemTypes.Bug", "",
            List.of(new WorkItemField("System.Title", "Title", true, null, List.of())),
            List.of(new WorkItemState("New", "", "Proposed"), new WorkItemState("Active", "", "InProgress"),
                    new WorkItemState("Resolved", "", "Resolved"), new WorkItemState("Closed", "", "Completed"),
                    new WorkItemState("Removed", "", "Removed")),
            Map.of("New", List.of("Active", "Removed"), "Active", List.of("Closed"), "Closed", List.of("Active"),
                    "Removed", List.of()));
    /** The same states, with every move allowed. */
    private static final WorkItemType LENIENT_BUG = new WorkItemType("Bug", "Microsoft.VSTS.WorkItemTypes.Bug", "",
            STRICT_BUG.fields(), STRICT_BUG.states(), Map.of("Removed", List.of("New", "Active"),
                    "Closed", List.of("Active"), "Active", List.of("Resolved", "Closed")));
    private static final Template BUGS = Template.of("bugs", "Demo", "Bug");
    private static final Template NO_TRIAGE = new Template("bugs", "", "Demo", "Bug", "", "", List.of(), "",
            Severity.INFO, null, "", "", Map.of(), null, null, 0, false, "",
            new Triage(List.of(), List.of(), List.of(), ""), false);
    private final Planner planner = new Planner(LinkContext.NONE);

    private static WorkUnit unit() {
        return unit(BUGS);
    }

    private static WorkUnit unit(Template template) {
        Finding finding = Finding.builder().tool(new Tool("Semgrep", "1")).rule(Rule.of("r1")).severity(Severity.HIGH)
                .location(Location.of("a.py", 3)).build();
        return new WorkUnit(template, finding.fingerprint().value(), "Semgrep", List.of(finding));
    }

    private static String history(Change change) {
        return change.patch().operations().stream().filter(op -> op.path().equals("/fields/System.History"))
                .map(op -> String.valueOf(op.value())).findFirst().orElse("");
    }

    /** An item in the state, with more fields as name, value pairs. */
    private static WorkItem item(String state, String... more) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("System.State", state, "System.Title", "t",
                "System.WorkItemType", "Bug"));
        for (int i = 0; i < more.length; i += 2) {
            fields.put(more[i], more[i + 1]);
        }
        return new WorkItem(7, 3, fields, List.of(), "");
    }

    /**
     * Patches are rendered when their batch is sent, not kept from planning: rendering twice must send the same
     * fields, and an update's description must be the one its decision compared.
     */
    @Test
    void aPatchIsRenderedAgainEachTimeItIsSentAndIsTheSame() {
        Change create = planner.create(unit(), LENIENT_BUG);
        assertThat(create.patch()).isNotSameAs(create.patch());
        assertThat(create.patch().operations()).isEqualTo(create.patch().operations())
                .anySatisfy(op -> assertThat(op.path()).isEqualTo("/fields/System.Description"));

        Change update = planner.update(unit(), item("Active", "System.Description", "written by hand"), LENIENT_BUG);
        assertThat(update.action()).isEqualTo(Action.UPDATE);
        assertThat(update.patch().operations()).isEqualTo(update.patch().operations())
                .anySatisfy(op -> assertThat(String.valueOf(op.value())).isEqualTo(String.valueOf(create.patch()
                        .operations().stream().filter(o -> o.path().equals("/fields/System.Description"))
                        .findFirst().orElseThrow().value())));
    }

    @Test
    void aFindingBackOnAClosedItemReopensItAlongAnAllowedTransition() {
        Change change = planner.update(unit(), item("Closed"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.REOPEN);
        assertThat(change.detail()).startsWith("state Closed → Active");
    }

    @Test
    void aRemovedItemTheProcessWillNotReopenIsSkippedWithTheReasonNotFailed() {
        Change change = planner.update(unit(NO_TRIAGE), item("Removed"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.SKIP);
        assertThat(change.skipReason()).isEqualTo(SkipReason.NO_TRANSITION);
        assertThat(change.detail()).contains("no Proposed or InProgress state of Bug from Removed").contains("#7");
    }

    @Test
    void aRemovedItemIsAPersonsDecisionAndStaysAsItIs() {
        Change change = planner.update(unit(), item("Removed"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.SKIP);
        assertThat(change.skipReason()).isEqualTo(SkipReason.TRIAGED);
        assertThat(change.patch()).isNull();
        assertThat(change.detail()).isEqualTo("triaged: state Removed");
    }

    @Test
    void aClosedItemIsTriagedByItsReasonAndOnlyByATriageReason() {
        Change asDesigned = planner.update(unit(), item("Closed", "System.Reason", "As Designed"), STRICT_BUG);
        assertThat(asDesigned.skipReason()).isEqualTo(SkipReason.TRIAGED);
        assertThat(asDesigned.detail()).isEqualTo("triaged: reason As Designed");

        Change fixed = planner.update(unit(), item("Closed", "System.Reason", "Fixed"), STRICT_BUG);
        assertThat(fixed.action()).isEqualTo(Action.REOPEN);
    }

    @Test
    void aTriageTagKeepsEvenAnOpenItemOutOfTheSyncAndIsMatchedWithoutCase() {
        Change change = planner.update(unit(), item("Active", "System.Tags", "security; False-Positive"), STRICT_BUG);
        assertThat(change.skipReason()).isEqualTo(SkipReason.TRIAGED);
        assertThat(change.detail()).isEqualTo("triaged: tag False-Positive");
    }

    @Test
    void aRiskAcceptanceHoldsThroughItsLastDayAndThenTheItemIsReopenedWithTheReason() {
        WorkItem accepted = item("Removed", "System.Tags", "risk-accepted-until-2027-03-31");
        Planner onTheDay = new Planner(LinkContext.NONE, java.time.LocalDate.of(2027, 3, 31));
        Planner dayAfter = new Planner(LinkContext.NONE, java.time.LocalDate.of(2027, 4, 1));

        assertThat(onTheDay.update(unit(), accepted, STRICT_BUG).detail()).isEqualTo(
                "triaged: tag risk-accepted-until-2027-03-31 until 2027-03-31");
        Change reopened = dayAfter.update(unit(), accepted, LENIENT_BUG);
        assertThat(reopened.action()).isEqualTo(Action.REOPEN);
        assertThat(history(reopened)).contains("Triage expired on 2027-03-31 (tag risk-accepted-until-2027-03-31)");
    }

    @Test
    void anExpiryFieldLimitsAnyDecisionAndAnExpiredOpenItemIsToldOnce() {
        Template withField = new Template("bugs", "", "Demo", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), null, null, 0, false, "", new Triage(List.of("Removed"), List.of(), List.of("accepted"),
                "Custom.AcceptedUntil"), false);
        Planner later = new Planner(LinkContext.NONE, java.time.LocalDate.of(2027, 1, 10));
        WorkItem notYetTold = item("Active", "System.Tags", "accepted", "Custom.AcceptedUntil", "2027-01-01T00:00:00Z",
                "System.ChangedDate", "2026-12-20T10:00:00Z");
        WorkItem told = item("Active", "System.Tags", "accepted", "Custom.AcceptedUntil", "2027-01-01T00:00:00Z",
                "System.ChangedDate", "2027-01-05T10:00:00Z");

        assertThat(new Planner(LinkContext.NONE, java.time.LocalDate.of(2026, 12, 31))
                .update(unit(withField), notYetTold, STRICT_BUG).skipReason()).isEqualTo(SkipReason.TRIAGED);
        Change comment = later.update(unit(withField), notYetTold, STRICT_BUG);
        assertThat(comment.action()).isEqualTo(Action.COMMENT);
        assertThat(history(comment)).contains("Triage expired on 2027-01-01 (tag accepted)");
        assertThat(later.update(unit(withField), told, STRICT_BUG).action()).isNotEqualTo(Action.COMMENT);
    }

    @Test
    void resolveTakesTheCompletedStateWhenResolvedIsNotAllowed() {
        Change change = planner.resolve(BUGS, unit().fingerprint(), "Semgrep", item("Active"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.RESOLVE);
        assertThat(change.detail()).isEqualTo("state Active → Closed");
    }

    @Test
    void aFixThatCannotBeResolvedIsSkippedWithTheReason() {
        Change change = planner.resolve(BUGS, unit().fingerprint(), "Semgrep", item("New"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.SKIP);
        assertThat(change.detail()).contains("no Resolved or Completed state of Bug from New");
    }
}
