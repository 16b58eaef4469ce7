package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's rate limiter (ADO's 429 TF400733 with Retry-After and X-RateLimit-Delay) against the client's
 * retries. The sleeper records what the client asked to wait; it really waits only the simulator's short window.
 */
class ThrottlingSimulatorTest {
    private static final Duration WINDOW = Duration.ofMillis(300);

    private SimulatedAdo ado;
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        ado = SimulatedAdo.defaults();
    }

    @AfterEach
    void stop() {
        ado.close();
    }

    /** The retry budget and the sleeper are what these tests are about, so they replace the fixture's. */
    private AdoClient client(Duration budget, Sleeper sleeper) {
        ClientSettings settings = ado.settings().withRetry(RetryPolicy.defaults().withTotalBudget(budget).withSleeper(sleeper));
        return AdoClient.create(ado.target(), new PersonalAccessToken(SimulatedAdo.PAT), settings);
    }

    private long throttled() {
        return ado.simulator().requestLog().entries().stream().filter(request -> request.status() == 429).count();
    }

    @Test
    void readsAndWritesGetThroughAStormOf429s() throws Exception {
        AdoClient client = client(Duration.ofSeconds(120), duration -> {
            waits.add(duration);
            Thread.sleep(WINDOW.toMillis());
        });
        ado.simulator().faults().rateLimit(2, WINDOW);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            WorkItem created = client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "storm " + i),
                    WriteOptions.DEFAULT);
            WorkItem updated = client.update(created.id(), JsonPatch.create().testRevision(created.rev())
                    .setField("System.Title", "storm " + i + " updated"), WriteOptions.DEFAULT);
            assertThat(client.workItem(updated.id()).field("System.Title")).isEqualTo("storm " + i + " updated");
            ids.add(created.id());
        }
        assertThat(client.workItems(ids)).hasSize(6);

        assertThat(throttled()).as("the limiter did throttle").isPositive();
        assertThat(waits).hasSize((int) throttled());
        // Retry-After: 1 (whole seconds, the window's rest rounded up) beats X-RateLimit-Delay: 0.5 and any backoff.
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(1)));
        // Each create was applied once although creates are repeated after a 429: ADO did not apply them.
        assertThat(client.wiql("Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS 'storm'", 100))
                .hasSize(6);
    }

    @Test
    void aSmallBudgetEndsInRateLimitedNamingTheTimeSpent() throws Exception {
        AdoClient client = client(Duration.ofSeconds(4), waits::add);
        ado.simulator().faults().rateLimit(1, Duration.ofMillis(2500));
        client.project("Demo");
        assertThatThrownBy(() -> client.project("Demo")).isInstanceOfSatisfying(AdoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.getMessage()).contains("gave up after 2 attempts over 3 s");
        });
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }
}
