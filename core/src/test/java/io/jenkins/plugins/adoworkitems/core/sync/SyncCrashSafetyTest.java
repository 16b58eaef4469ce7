package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.ServerVersion;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.jenkins.plugins.adoworkitems.core.sync.SyncEngineTest.mapped;
import static io.jenkins.plugins.adoworkitems.core.sync.SyncEngineTest.only;
import static io.jenkins.plugins.adoworkitems.core.sync.SyncEngineTest.report;
import static io.jenkins.plugins.adoworkitems.core.sync.SyncEngineTest.withSeverity;
import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Tag;

/**
 * Whatever answer is lost and whoever syncs at the same time, every finding ends up with exactly one tracked work
 * item. Runs on Azure DevOps Services (with $batch) and on Azure DevOps Server 2019 (without it).
 */
@Tag("shared-data")
class SyncCrashSafetyTest {
    private static final Template BUGS = Template.of("bugs", "Demo", "Bug");
    private static final LinkContext BUILD = new LinkContext("https://ci.example/job/app/8/", "app #8", "");

    private static SimulatedAdo start(String flavour) throws Exception {
        if (flavour.equals("services")) {
            return SimulatedAdo.defaults();
        }
        return SimulatedAdo.server(SimulatorConfig.builder().collection("DefaultCollection", ServerVersion.V2019)
                .project("DefaultCollection", "Demo", Process.AGILE).pat("sim-pat", PatState.VALID).build(), "DefaultCollection");
    }

    private static SyncResult sync(SimulatedAdo ado, Report report, boolean resolve) throws Exception {
        return new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(List.of(report), List.of(BUGS), BUILD, false, resolve));
    }

    private static Map<String, List<WorkItem>> tracked(SimulatedAdo ado) throws Exception {
        return ado.items("Demo").stream().filter(item -> Identity.fingerprintOf(item, "").isPresent())
                .collect(Collectors.groupingBy(item -> Identity.fingerprintOf(item, "").orElseThrow()));
    }

    /** Writes a clean run makes, to know how many positions there are to lose an answer at. */
    private static int writesOf(String flavour, Report setup, Report run) throws Exception {
        try (SimulatedAdo ado = start(flavour)) {
            if (setup != null) {
                sync(ado, setup, true);
            }
            ado.simulator().requestLog().reset();
            sync(ado, run, true);
            return ado.writes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"services", "server2019"})
    void aLostAnswerToAnyCreateNeverDuplicatesAndLosesNothing(String flavour) throws Exception {
        Report findings = only(report("trivy/scheme_2_many_vulns.json"), 4);
        int writes = writesOf(flavour, null, findings);
        assertThat(writes).isPositive();
        for (int lost = 1; lost <= writes; lost++) {
            try (SimulatedAdo ado = start(flavour)) {
                ado.simulator().faults().loseResponseOfWrite(lost);
                sync(ado, findings, true);
                SyncResult again = sync(ado, findings, true);

                assertThat(again.total(Action.CREATE)).as("lost answer #%d", lost).isZero();
                assertThat(ado.items("Demo")).as("lost answer #%d: no item created twice", lost).hasSize(4);
                assertThat(tracked(ado)).as("lost answer #%d", lost).hasSize(4)
                        .allSatisfy((fingerprint, items) -> assertThat(items).hasSize(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"services", "server2019"})
    void aLostAnswerToAnyUpdateIsNeitherRepeatedNorLost(String flavour) throws Exception {
        Report before = only(report("trivy/scheme_2_many_vulns.json"), 4);
        Finding changed = before.findings().get(0);
        Severity raised = changed.severity() == Severity.CRITICAL ? Severity.LOW : Severity.CRITICAL;
        // One finding changes severity (a comment), one is fixed (a resolve), two stay.
        Report after = mapped(only(before, 3), f -> f == changed ? withSeverity(f, raised) : f);
        int writes = writesOf(flavour, before, after);
        assertThat(writes).isPositive();
        for (int lost = 1; lost <= writes; lost++) {
            try (SimulatedAdo ado = start(flavour)) {
                sync(ado, before, true);
                ado.simulator().faults().loseResponseOfWrite(lost);
                sync(ado, after, true);
                SyncResult again = sync(ado, after, true);

                assertThat(again.entries().stream().filter(entry -> entry.action().writes()))
                        .as("lost answer #%d", lost).isEmpty();
                Map<String, List<WorkItem>> items = tracked(ado);
                assertThat(items).hasSize(4).allSatisfy((fingerprint, list) -> assertThat(list).hasSize(1));
                WorkItem resolved = items.get(before.findings().get(3).fingerprint().value()).get(0);
                assertThat(resolved.state()).as("lost answer #%d", lost).isEqualTo("Resolved");
                WorkItem commented = items.get(changed.fingerprint().value()).get(0);
                assertThat(ado.client().comments("Demo", commented.id()))
                        .filteredOn(comment -> comment.text().contains("Severity changed")).as("lost answer #%d", lost).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void twoSyncsAtOnceCreateEachItemOnce(boolean sameJvm) throws Exception {
        Report findings = only(report("trivy/scheme_2_many_vulns.json"), 5);
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            SyncLocks shared = new SyncLocks();
            CountDownLatch go = new CountDownLatch(1);
            Callable<SyncResult> run = () -> {
                go.await();
                // Separate lock objects stand for two Jenkins controllers or two CLI processes.
                SyncLocks locks = sameJvm ? shared : new SyncLocks();
                return new SyncEngine(ado.client(), locks).run(new SyncRequest(List.of(findings), List.of(BUGS), BUILD, false, false));
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<SyncResult> first = pool.submit(run);
                Future<SyncResult> second = pool.submit(run);
                go.countDown();
                first.get();
                second.get();
            } finally {
                pool.shutdownNow();
            }

            assertThat(tracked(ado)).hasSize(5).allSatisfy((fingerprint, items) -> assertThat(items).hasSize(1));
            if (sameJvm) {
                // The lock serialises the two: the second finds the first's items and creates nothing.
                assertThat(ado.items("Demo")).hasSize(5);
            } else {
                // Across processes a race may create a twin; the re-check retires it untracked, never two tracked.
                assertThat(ado.items("Demo")).filteredOn(item -> Identity.fingerprintOf(item, "").isEmpty())
                        .allSatisfy(twin -> assertThat(twin.field("System.Tags")).contains("adowi-duplicate"));
            }
            assertThat(sync(ado, findings, false).total(Action.NOOP)).isEqualTo(5);
        }
    }
}
