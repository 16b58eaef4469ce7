package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose certificate the JVM does not trust: nothing reaches Azure DevOps, so the error comes at once with
 * the certificate check's reason, without retries, and a create is not reported as possibly applied.
 */
class UntrustedCertificateSimulatorTest {
    private static SimulatedAdo ado;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("demo")
                .project("demo", "Demo", Process.AGILE)
                .pat(SimulatedAdo.PAT, PatState.VALID).https(true).build());
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    /** The fixture's settings, but with the JVM's own trust store instead of the simulator's certificate. */
    private static AdoClient clientTrustingOnlyTheJdk(List<Duration> waits) {
        ClientSettings settings = ado.settings().withSslContext(null)
                .withRetry(RetryPolicy.defaults().withSleeper(waits::add));
        return AdoClient.create(ado.target(), new PersonalAccessToken(SimulatedAdo.PAT), settings);
    }

    @Test
    void aReadFailsAtOnceNamingTheCertificateProblem() {
        List<Duration> waits = new ArrayList<>();

        assertThatThrownBy(() -> clientTrustingOnlyTheJdk(waits).project("Demo"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                    assertThat(e.getMessage()).contains("TLS certificate of 127.0.0.1 is not trusted")
                            .contains("certification path");
                });
        assertThat(waits).isEmpty();
        assertThat(ado.simulator().requestLog().count()).isZero();
    }

    @Test
    void aCreateIsNotReportedAsPossiblyApplied() {
        assertThatThrownBy(() -> clientTrustingOnlyTheJdk(new ArrayList<>()).create("Demo", "Bug",
                JsonPatch.create().setField("System.Title", "t"), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(AdoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NETWORK));
        assertThat(ado.simulator().requestLog().writes()).isZero();
    }
}
