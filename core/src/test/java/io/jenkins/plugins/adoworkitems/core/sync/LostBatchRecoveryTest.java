package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jenkins.plugins.adoworkitems.core.sync.SyncEngineTest.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovering from the lost answer of a whole {@code $batch} costs a few requests, not two per item: the chunk is
 * looked up at once (issue 12 §4). Counted from the simulator's request log; no timing.
 */
@Tag("shared-data")
class LostBatchRecoveryTest {
    private static final Template BUGS = Template.of("bugs", "Demo", "Bug");
    private static final LinkContext BUILD = new LinkContext("https://ci.example/job/app/9/", "app #9", "");

    /** {@code count} distinct findings: the sample's, copied with fingerprints of their own. */
    static Report findings(int count) throws Exception {
        Report sample = report("trivy/scheme_2_many_vulns.json");
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; findings.size() < count; i++) {
            Finding f = sample.findings().get(i % sample.findings().size());
            findings.add(new Finding(f.tool(), f.rule(), f.severity(), f.originalSeverity(), f.score(), f.level(), f.kind(),
                    f.message(), f.locations(), f.relatedLocations(), f.asset(), f.identifiers(), f.suppressed(),
                    f.baselineState(), Fingerprints.group("copy", List.of(String.valueOf(i))), f.properties(), f.target()));
        }
        return new Report(sample.source(), sample.format(), findings, sample.summary());
    }

    private static SyncResult sync(SimulatedAdo ado, Report report) throws Exception {
        return new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(List.of(report), List.of(BUGS), BUILD, false, false));
    }

    /** Which write of a clean run is the batch of creates (the lease comes before it). */
    private static int positionOfTheBatch(Report findings) throws Exception {
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            sync(ado, findings);
            List<LoggedRequest> writes = ado.simulator().requestLog().entries().stream().filter(LoggedRequest::isWrite).toList();
            for (int i = 0; i < writes.size(); i++) {
                if (writes.get(i).path().endsWith("/$batch")) {
                    return i + 1;
                }
            }
            throw new AssertionError("no $batch in " + writes);
        }
    }

    @Test
    void aLostAnswerToABatchOf200CreatesIsRecoveredInAFewRequests() throws Exception {
        Report findings = findings(200);
        int batch = positionOfTheBatch(findings);
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            ado.simulator().faults().loseResponseOfWrite(batch);
            SyncResult lost = sync(ado, findings);
            int lostRunRequests = ado.simulator().requestLog().count();
            assertThat(ado.simulator().requestLog().entries()).filteredOn(request -> request.path().endsWith("/$batch"))
                    .first().satisfies(request -> assertThat(request.status()).as("the batch's answer was lost").isEqualTo(-1));
            ado.simulator().requestLog().reset();
            SyncResult next = sync(ado, findings);
            int nextRunRequests = ado.simulator().requestLog().count();

            assertThat(lost.total(Action.CREATE)).isEqualTo(200);
            assertThat(lost.hasFailures()).isFalse();
            assertThat(next.total(Action.NOOP)).isEqualTo(200);
            assertThat(ado.items("Demo")).hasSize(200);
            // Before: 407, a WIQL and a read per item. Now 15: the plan's 5, the lease's 5, the batch, one lookup (2)
            // and the re-check after creating.
            assertThat(lostRunRequests).as("requests of the run whose batch answer was lost").isLessThanOrEqualTo(20);
            assertThat(nextRunRequests).as("requests of the run after").isLessThanOrEqualTo(20);
        }
    }
}
