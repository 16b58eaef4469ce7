package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading many work items in chunks, and work item types with their state categories in each process. */
class ReadsSimulatorTest {
    private static SimulatedAdo ado;
    private static AdoClient client;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("acme")
                .project("acme", "AgileP", Process.AGILE).project("acme", "ScrumP", Process.SCRUM)
                .project("acme", "BasicP", Process.BASIC).project("acme", "CmmiP", Process.CMMI)
                .pat("pat", PatState.VALID).build());
        client = ado.client("pat");
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    @Test
    void readsMoreThan200IdsInChunksSkippingMissingOnes() throws Exception {
        List<BatchOperation> creates = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            creates.add(BatchOperation.create("AgileP", "Task", JsonPatch.create().setField("System.Title", "read " + i)));
        }
        List<Integer> ids = new ArrayList<>();
        client.batch(creates).forEach(result -> ids.add(result.item().orElseThrow().id()));
        ids.add(2, 999_999);

        List<WorkItem> items = client.workItems(ids);

        assertThat(items).hasSize(205);
        assertThat(items).extracting(WorkItem::id).doesNotContain(999_999).containsAll(ids.subList(0, 2));
        assertThat(items.get(204).field("System.Title")).isEqualTo("read 204");
        assertThat(ado.awaitRequests(r -> r.path().endsWith("/_apis/wit/workitemsbatch"), 2))
                .as("206 ids in two calls").hasSize(2).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AgileP | Bug                  | New      | Active    | Closed",
            "ScrumP | Product Backlog Item | New      | Committed | Done",
            "BasicP | Issue                | To Do    | Doing     | Done",
            "CmmiP  | Requirement          | Proposed | Active    | Closed"})
    void typesHaveStatesWithCategories(String project, String type, String proposed, String inProgress, String completed)
            throws Exception {
        WorkItemType workItemType = client.workItemType(project, type);
        assertThat(workItemType.name()).isEqualTo(type);
        assertThat(workItemType.field("System.Title")).isPresent();
        assertThat(workItemType.states()).allSatisfy(state -> assertThat(state.category())
                .isIn("Proposed", "InProgress", "Resolved", "Completed", "Removed"));
        assertThat(workItemType.statesIn("Proposed")).extracting(WorkItemState::name).contains(proposed);
        assertThat(workItemType.statesIn("InProgress")).extracting(WorkItemState::name).contains(inProgress);
        assertThat(workItemType.statesIn("Completed")).extracting(WorkItemState::name).containsExactly(completed);
    }
}
