package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the client reports personal access tokens that the simulator refuses, the way Azure DevOps does. */
class PatSimulatorTest {
    private static SimulatedAdo ado;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("acme").project("acme", "Web", Process.AGILE)
                .pat("good-pat", PatState.VALID).pat("old-pat", PatState.EXPIRED)
                .pat("code-only-pat", PatState.NO_WORK_ITEM_SCOPE).build());
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    private static LoggedRequest last() {
        List<LoggedRequest> entries = ado.simulator().requestLog().entries();
        return entries.get(entries.size() - 1);
    }

    @Test
    void patWithoutWorkItemScopeIsScopeUnavailable() {
        assertThatThrownBy(() -> ado.client("code-only-pat").create("Web", "Bug",
                JsonPatch.create().setField("System.Title", "t"), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCOPE_UNAVAILABLE);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("vso.work");
                });
    }

    @Test
    void expiredPatIsAuthRequiredAndSaysExpired() {
        assertThatThrownBy(() -> ado.client("old-pat").workItem(1)).isInstanceOfSatisfying(AdoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
            assertThat(e.httpStatus()).isEqualTo(401);
            // ADO answers text/plain here; the reason is worth more to the user than "refused".
            assertThat(e.getMessage()).containsIgnoringCase("expired").doesNotContain("old-pat");
        });
    }

    @Test
    void unknownPatOnGetIsAuthRequired() {
        assertThatThrownBy(() -> ado.client("no-such-pat").project("Web")).isInstanceOfSatisfying(AdoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED);
            assertThat(e.getMessage()).doesNotContain("no-such-pat");
        });
        // The client sends X-TFS-FedAuthRedirect: Suppress, so the answer is a 401, not the 203 sign-in page.
        assertThat(last().method()).isEqualTo("GET");
        assertThat(last().status()).isEqualTo(401);
    }

    @Test
    void unknownPatOnPatchIsAuthRequired() {
        assertThatThrownBy(() -> ado.client("no-such-pat").update(1, JsonPatch.create().setField("System.Title", "x"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
        assertThat(last().status()).isEqualTo(401);
    }

    @Test
    void goodPatWorks() throws Exception {
        assertThat(ado.client("good-pat").project("Web").name()).isEqualTo("Web");
    }
}
