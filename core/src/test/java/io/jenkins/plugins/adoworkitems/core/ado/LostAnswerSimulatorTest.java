package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes whose answer is lost after the simulator applied them: never applied twice, and reported honestly. */
class LostAnswerSimulatorTest {
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

    @BeforeEach
    void clearLog() {
        ado.simulator().requestLog().reset();
    }

    private static List<LoggedRequest> writes(int expected) throws InterruptedException {
        return ado.awaitRequests(LoggedRequest::isWrite, expected);
    }

    @Test
    void lostCreateIsOutcomeUnknownAndExactlyOneItemExists() throws Exception {
        ado.simulator().faults().loseResponseOfNextWrite();
        assertThatThrownBy(() -> client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "lost create 7f3"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN);
                    assertThat(e.getMessage()).contains("may have been applied");
                });
        assertThat(writes(1)).singleElement().satisfies(write -> {
            assertThat(write.method()).isEqualTo("POST");
            assertThat(write.status()).as("no answer").isEqualTo(-1);
        });
        assertThat(client.wiql("Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'lost create 7f3'", 10))
                .hasSize(1);
    }

    @Test
    void lostGuardedUpdateIsAcceptedAfterReadingBack() throws Exception {
        WorkItem created = client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "guarded 1"),
                WriteOptions.DEFAULT);
        writes(1);
        ado.simulator().requestLog().reset();
        ado.simulator().faults().loseResponseOfNextWrite();

        WorkItem updated = client.update(created.id(), JsonPatch.create().testRevision(created.rev())
                .setField("System.Title", "guarded 1 (updated)"), WriteOptions.DEFAULT);

        assertThat(updated.rev()).isEqualTo(created.rev() + 1);
        assertThat(updated.field("System.Title")).isEqualTo("guarded 1 (updated)");
        assertThat(client.workItem(created.id()).rev()).as("exactly one revision added").isEqualTo(created.rev() + 1);
        // The first PATCH was applied without an answer; the repeat failed its test /rev (412) and nothing more.
        assertThat(writes(2)).extracting(LoggedRequest::method, LoggedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PATCH", -1), org.assertj.core.groups.Tuple.tuple("PATCH", 412));
    }

    @Test
    void lostUnguardedUpdateIsOutcomeUnknownAndNotRepeated() throws Exception {
        WorkItem created = client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "unguarded"),
                WriteOptions.DEFAULT);
        writes(1);
        ado.simulator().requestLog().reset();
        ado.simulator().faults().loseResponseOfNextWrite();
        assertThatThrownBy(() -> client.update(created.id(), JsonPatch.create().setField("System.Title", "unguarded 2"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN));
        assertThat(writes(1)).hasSize(1);
        assertThat(client.workItem(created.id()).rev()).isEqualTo(created.rev() + 1);
    }
}
