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
    private static final Template BUGS = Template.of("bugs", "Demo", "Bug");
    private final Planner planner = new Planner(LinkContext.NONE);

    private static WorkUnit unit() {
        Finding finding = Finding.builder().tool(new Tool("Semgrep", "1")).rule(Rule.of("r1")).severity(Severity.HIGH)
                .location(Location.of("a.py", 3)).build();
        return new WorkUnit(BUGS, finding.fingerprint().value(), "Semgrep", List.of(finding));
    }

    private static WorkItem item(String state) {
        return new WorkItem(7, 3, Map.of("System.State", state, "System.Title", "t", "System.WorkItemType", "Bug"),
                List.of(), "");
    }

    @Test
    void aFindingBackOnAClosedItemReopensItAlongAnAllowedTransition() {
        Change change = planner.update(unit(), item("Closed"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.REOPEN);
        assertThat(change.detail()).startsWith("state Closed → Active");
    }

    @Test
    void aRemovedItemTheProcessWillNotReopenIsSkippedWithTheReasonNotFailed() {
        Change change = planner.update(unit(), item("Removed"), STRICT_BUG);
        assertThat(change.action()).isEqualTo(Action.SKIP);
        assertThat(change.detail()).contains("no Proposed or InProgress state of Bug from Removed").contains("#7");
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
