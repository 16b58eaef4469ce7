package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PATCH _apis/wit/$batch} ("Work Item Batch Update") against the simulator: creates and guarded updates. */
class BatchSimulatorTest {
    private static SimulatedAdo ado;
    private static AdoClient client;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.defaults();
        client = ado.client();
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    @Test
    void createsAsMicrosoftsBatchPageDescribes() {
        // "Work Item Batch Update": creates are PATCH sub-requests to /{project}/_apis/wit/workitems/${type}.
        BatchOperation create = BatchOperation.create("Demo", "User Story", JsonPatch.create());
        assertThat(create.method()).isEqualTo("PATCH");
        assertThat(create.path()).isEqualTo("Demo/_apis/wit/workitems/$User%20Story");
        assertThat(create.headers()).containsEntry("Content-Type", "application/json-patch+json");
    }

    @Test
    void createsAndGuardedUpdatesInOneCallWithOneRejected() throws Exception {
        WorkItem existing = client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "batch existing"),
                WriteOptions.DEFAULT);
        WorkItem stale = client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "batch stale"),
                WriteOptions.DEFAULT);
        List<BatchResult> results = client.batch(List.of(
                BatchOperation.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "batch new 1")),
                BatchOperation.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "batch bad")
                        .setField("Microsoft.VSTS.Common.Priority", 9)),
                BatchOperation.update(existing.id(), JsonPatch.create().testRevision(existing.rev())
                        .setField("System.Title", "batch existing (updated)")),
                BatchOperation.update(stale.id(), JsonPatch.create().testRevision(stale.rev() + 5)
                        .setField("System.Title", "never")),
                BatchOperation.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "batch new 2"))));

        assertThat(results).extracting(BatchResult::code).containsExactly(200, 400, 200, 412, 200);
        assertThat(results.get(0).item()).hasValueSatisfying(item -> assertThat(item.field("System.Title")).isEqualTo("batch new 1"));
        assertThat(results.get(1).succeeded()).isFalse();
        assertThat(results.get(1).error()).contains("Microsoft.VSTS.Common.Priority");
        assertThat(results.get(2).item()).hasValueSatisfying(item -> assertThat(item.rev()).isEqualTo(existing.rev() + 1));
        assertThat(results.get(3).succeeded()).isFalse();
        assertThat(results.get(3).error()).isNotBlank();
        assertThat(results.get(4).item()).isPresent();

        assertThat(ado.awaitRequests(r -> r.path().endsWith("/$batch"), 1))
                .extracting(LoggedRequest::method).containsExactly("PATCH");
        assertThat(client.workItem(stale.id()).field("System.Title")).isEqualTo("batch stale");
        assertThat(client.wiql("Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'batch bad'", 10)).isEmpty();
    }

    @Test
    void moreThan200OperationsGoInChunks() throws Exception {
        List<BatchOperation> operations = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            operations.add(BatchOperation.create("Demo", "Task", JsonPatch.create().setField("System.Title", "chunk " + i)));
        }
        int before = batches();
        List<BatchResult> results = client.batch(operations);
        assertThat(results).hasSize(201).allSatisfy(result -> assertThat(result.succeeded()).isTrue());
        assertThat(results.get(200).item()).hasValueSatisfying(item -> assertThat(item.field("System.Title")).isEqualTo("chunk 200"));
        assertThat(ado.awaitRequests(r -> r.path().endsWith("/$batch"), before + 2)).hasSize(before + 2);
    }

    private static int batches() throws InterruptedException {
        return ado.awaitRequests(r -> r.path().endsWith("/$batch"), 0).size();
    }
}
