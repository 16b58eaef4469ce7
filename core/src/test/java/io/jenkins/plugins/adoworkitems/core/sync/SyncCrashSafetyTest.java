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
            List<SyncResult> results = concurrently(ado, findings, 2, sameJvm);

            assertThat(tracked(ado)).hasSize(5).allSatisfy((fingerprint, items) -> assertThat(items).hasSize(1));
            if (sameJvm) {
                // The lock serialises the two: the second finds the first's items and creates nothing.
                assertThat(ado.items("Demo")).hasSize(5);
            }
            assertDuplicatesReported(ado, results);
            assertThat(sync(ado, findings, false).total(Action.NOOP)).isEqualTo(5);
        }
    }

    /** Separate lock objects stand for separate machines: only the lease makes them take turns. */
    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void severalMachinesAtOnceCreateEachItemOnce(int runs) throws Exception {
        Report findings = LostBatchRecoveryTest.findings(8);
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            ado.simulator().faults().latency(java.time.Duration.ofMillis(20));
            List<SyncResult> results = concurrently(ado, findings, runs, false);

            assertThat(tracked(ado)).hasSize(8).allSatisfy((fingerprint, items) -> assertThat(items).hasSize(1));
            assertThat(results).allSatisfy(result -> assertThat(result.hasFailures()).isFalse());
            assertThat(results.stream().mapToInt(result -> result.total(Action.CREATE)).sum())
                    .as("creates of all runs, less the duplicates they retired")
                    .isEqualTo(8 + results.stream().mapToInt(SyncResult::duplicatesRetired).sum());
            assertDuplicatesReported(ado, results);
            assertThat(ado.leases("Demo")).filteredOn(lease -> lease.field("System.Tags").contains("adowi-lease-duplicate"))
                    .hasSizeLessThan(runs);
            assertThat(sync(ado, findings, false).total(Action.NOOP)).isEqualTo(8);
        }
    }

    /** A sync that crashed holding the lease blocks the next one only until the claim runs out. */
    @org.junit.jupiter.api.Test
    void theLeaseOfACrashedRunExpires() throws Exception {
        Report findings = only(report("trivy/scheme_2_many_vulns.json"), 3);
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            MovingClock clock = new MovingClock();
            LeaseSettings settings = new LeaseSettings(java.time.Duration.ofMinutes(2), java.time.Duration.ofMinutes(30),
                    java.time.Duration.ofMinutes(1), clock, clock::advance);
            var type = ado.client().workItemType("Demo", "Bug");
            Lease crashed = Lease.before(ado.client(), BUGS, type, settings, java.util.UUID.randomUUID().toString(), "app #7");
            crashed.acquire(line -> { });
            // never released: the run died here

            SyncResult result = new SyncEngine(ado.client(), new SyncLocks(), settings)
                    .run(new SyncRequest(List.of(findings), List.of(BUGS), BUILD, false, false));

            assertThat(result.total(Action.CREATE)).isEqualTo(3);
            assertThat(result.log()).anyMatch(line -> line.startsWith("Waiting for app #7"))
                    .anyMatch(line -> line.contains("held by app #7") && line.endsWith("taken over."));
            assertThat(clock.waited()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(2))
                    .isLessThan(java.time.Duration.ofMinutes(4));
            assertThat(ado.leases("Demo")).hasSize(1);
        }
    }

    private static List<SyncResult> concurrently(SimulatedAdo ado, Report findings, int runs, boolean sameJvm)
            throws Exception {
        SyncLocks shared = new SyncLocks();
        CountDownLatch go = new CountDownLatch(1);
        Callable<SyncResult> run = () -> {
            go.await();
            SyncLocks locks = sameJvm ? shared : new SyncLocks();
            return new SyncEngine(ado.client(), locks).run(new SyncRequest(List.of(findings), List.of(BUGS), BUILD, false, false));
        };
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<SyncResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < runs; i++) {
                futures.add(pool.submit(run));
            }
            go.countDown();
            List<SyncResult> results = new java.util.ArrayList<>();
            for (Future<SyncResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every twin that a race still created is retired untracked, and the runs say how many they cleaned up. */
    private static void assertDuplicatesReported(SimulatedAdo ado, List<SyncResult> results) throws Exception {
        List<WorkItem> twins = ado.items("Demo").stream().filter(item -> Identity.fingerprintOf(item, "").isEmpty()).toList();
        assertThat(twins).allSatisfy(twin -> assertThat(twin.field("System.Tags")).contains("adowi-duplicate"));
        assertThat(results.stream().mapToInt(SyncResult::duplicatesRetired).sum()).isEqualTo(twins.size());
        results.stream().filter(result -> result.duplicatesRetired() > 0).forEach(result ->
                assertThat(result.log()).anyMatch(line -> line.startsWith("Cleaned up " + result.duplicatesRetired() + " duplicate")));
    }

    /** A clock that only the waits move, so a test can wait out a lease without sleeping. */
    private static final class MovingClock extends java.time.Clock {
        private final java.time.Instant start = java.time.Instant.now();
        private java.time.Duration waited = java.time.Duration.ZERO;

        synchronized void advance(java.time.Duration wait) {
            waited = waited.plus(wait);
        }

        synchronized java.time.Duration waited() {
            return waited;
        }

        @Override
        public synchronized java.time.Instant instant() {
            return start.plus(waited);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
