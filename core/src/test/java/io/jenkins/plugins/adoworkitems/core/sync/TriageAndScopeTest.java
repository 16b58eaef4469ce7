package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's triage is never undone, and a sync only judges the scan targets it scanned (docs/sync.md, "Triage" and
 * "Scope"): end to end against the simulator, with a second person changing items under their own name.
 */
class TriageAndScopeTest {
    private static final LinkContext BUILD = new LinkContext("https://ci.example/job/shop/9/", "shop #9", "");
    private static final String IMAGE_A = ScanTarget.image("registry.example.com/shop/web:1.4.2");
    private static final String IMAGE_B = ScanTarget.image("registry.example.com/shop/admin:2.0.0");
    private static final Template BUGS = Template.of("bugs", "Demo", "Bug");
    private SimulatedAdo ado;
    private AdoClient dana;

    @BeforeEach
    void start() throws Exception {
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .pat(SimulatedAdo.PAT, PatState.VALID).person("dana-pat", "Dana Reviewer", "dana@example.com").build());
        dana = ado.client("dana-pat");
    }

    @AfterEach
    void stop() {
        ado.close();
    }

    /** The example image scan (8 findings) as a scan of {@code target}, with only the first {@code count} findings. */
    private static Report scan(String target, int count) throws Exception {
        Report report = new FindingsReader().read(ReportInput.of(Samples.example("trivy-image.json")), Optional.empty());
        ParseSummary s = report.summary();
        List<Finding> findings = report.findings().subList(0, count).stream().map(f -> f.withTarget(target)).toList();
        return new Report(report.source(), report.format(), findings,
                new ParseSummary(count, 0, 0, 0, 0, s.tools(), List.of(), List.of(target)));
    }

    private SyncResult sync(Report report, boolean resolve) throws Exception {
        return sync(new SyncRequest(List.of(report), List.of(BUGS), BUILD, false, resolve), line -> { });
    }

    private SyncResult sync(SyncRequest request, java.util.function.Consumer<String> progress) throws Exception {
        return new SyncEngine(ado.client(), new SyncLocks()).run(request, progress);
    }

    private WorkItem itemOf(SyncResult result, int index) throws Exception {
        return ado.client().workItem(result.entries(Action.CREATE).get(index).workItemId());
    }

    private void asDana(WorkItem item, JsonPatch patch) throws Exception {
        dana.update(item.id(), patch, WriteOptions.DEFAULT);
    }

    @Test
    void decisionsPeopleMadeAreNeverUndoneAndSayWhoMadeThem() throws Exception {
        SyncResult first = sync(scan(IMAGE_A, 5), true);
        WorkItem removed = itemOf(first, 0);
        WorkItem asDesigned = itemOf(first, 1);
        WorkItem falsePositive = itemOf(first, 2);
        WorkItem fixed = itemOf(first, 3);
        asDana(removed, JsonPatch.create().setField("System.State", "Removed"));
        asDana(asDesigned, JsonPatch.create().setField("System.State", "Resolved").setField("System.Reason", "As Designed"));
        asDana(falsePositive, JsonPatch.create().setField("System.Tags",
                falsePositive.field("System.Tags") + "; false-positive"));
        asDana(fixed, JsonPatch.create().setField("System.State", "Resolved").setField("System.Reason", "Fixed"));
        List<Integer> revisions = new ArrayList<>();
        for (WorkItem item : List.of(removed, asDesigned, falsePositive)) {
            revisions.add(ado.client().workItem(item.id()).rev());
        }

        SyncResult again = sync(scan(IMAGE_A, 5), true);

        assertThat(again.entries(Action.SKIP)).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.triaged()).isTrue();
            assertThat(entry.detail()).contains("by Dana Reviewer on ");
        });
        assertThat(again.entries(Action.SKIP)).extracting(SyncEntry::detail).anySatisfy(detail ->
                assertThat(detail).startsWith("triaged: state Removed")).anySatisfy(detail ->
                assertThat(detail).startsWith("triaged: reason As Designed")).anySatisfy(detail ->
                assertThat(detail).startsWith("triaged: tag false-positive"));
        assertThat(again.entries(Action.REOPEN)).singleElement().satisfies(entry ->
                assertThat(entry.workItemId()).isEqualTo(fixed.id()));
        List<WorkItem> triaged = List.of(removed, asDesigned, falsePositive);
        for (int i = 0; i < triaged.size(); i++) {
            assertThat(ado.client().workItem(triaged.get(i).id()).rev()).isEqualTo(revisions.get(i));
        }

        // Gone from the scan: the open false positive stays as Dana left it; the others are resolved.
        SyncResult clean = sync(scan(IMAGE_A, 0), true);

        assertThat(clean.entries(Action.RESOLVE)).extracting(SyncEntry::workItemId)
                .doesNotContain(falsePositive.id(), removed.id(), asDesigned.id()).contains(fixed.id()).hasSize(2);
        assertThat(ado.client().workItem(falsePositive.id()).state()).isEqualTo("New");
    }

    @Test
    void anExpiredRiskAcceptanceReopensTheItemWithAComment() throws Exception {
        WorkItem accepted = itemOf(sync(scan(IMAGE_A, 1), false), 0);
        asDana(accepted, JsonPatch.create().setField("System.State", "Removed")
                .setField("System.Tags", accepted.field("System.Tags") + "; risk-accepted-until-2026-01-31"));

        SyncResult result = sync(scan(IMAGE_A, 1), false);

        assertThat(result.entries(Action.REOPEN)).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("triage expired 2026-01-31"));
        assertThat(ado.client().comments("Demo", accepted.id())).anySatisfy(comment -> assertThat(comment.text())
                .contains("Triage expired on 2026-01-31 (tag risk-accepted-until-2026-01-31): tracked again."));
    }

    @Test
    void aCleanScanOfAnotherTargetResolvesNothingOfThisOne() throws Exception {
        assertThat(sync(scan(IMAGE_A, 5), true).total(Action.CREATE)).isEqualTo(5);

        SyncResult otherImage = sync(scan(IMAGE_B, 0), true);

        assertThat(otherImage.total(Action.RESOLVE)).isZero();
        assertThat(otherImage.dryRun()).as("a branch build with nothing to change is still a sync, not a plan").isFalse();
        assertThat(ado.items("Demo")).allSatisfy(item -> assertThat(item.state()).isEqualTo("New"));

        SyncResult sameImage = sync(scan(IMAGE_A, 3), true);

        assertThat(sameImage.total(Action.RESOLVE)).isEqualTo(2);
        assertThat(sameImage.total(Action.NOOP)).isEqualTo(3);
    }

    @Test
    void aFindingInTwoTargetsStaysOpenUntilNeitherReportsIt() throws Exception {
        Report both = scan(IMAGE_A, 1);
        Report inB = scan(IMAGE_B, 1);
        SyncResult first = new SyncEngine(ado.client(), new SyncLocks())
                .run(new SyncRequest(List.of(both, inB), List.of(BUGS), BUILD, false, true));
        assertThat(first.total(Action.CREATE)).isEqualTo(1);
        WorkItem item = itemOf(first, 0);
        assertThat(Identity.targetTags(item)).containsExactlyInAnyOrder(Identity.targetTag(IMAGE_A),
                Identity.targetTag(IMAGE_B));

        SyncResult fixedInB = sync(scan(IMAGE_B, 0), true);

        assertThat(fixedInB.entries(Action.UPDATE)).singleElement().satisfies(entry ->
                assertThat(entry.detail()).contains("still open for 1 other target"));
        WorkItem after = ado.client().workItem(item.id());
        assertThat(after.state()).isEqualTo("New");
        assertThat(Identity.targetTags(after)).containsExactly(Identity.targetTag(IMAGE_A));

        SyncResult fixedInA = sync(scan(IMAGE_A, 0), true);

        assertThat(fixedInA.entries(Action.RESOLVE)).singleElement().satisfies(entry ->
                assertThat(entry.workItemId()).isEqualTo(item.id()));
    }

    @Test
    void aPullRequestBuildPlansButWritesNothingUnlessTheTemplateAllowsIt() throws Exception {
        sync(scan(IMAGE_A, 3), true);
        int writes = ado.writes();
        ScanOrigin pullRequest = new ScanOrigin("", "feature/login", "42");
        List<String> said = new ArrayList<>();

        SyncResult planned = sync(new SyncRequest(List.of(scan(IMAGE_A, 5)), List.of(BUGS), BUILD, false, true, pullRequest),
                said::add);

        assertThat(ado.writes()).isEqualTo(writes);
        assertThat(planned.dryRun()).isTrue();
        assertThat(planned.total(Action.CREATE)).isEqualTo(2);
        assertThat(said).anySatisfy(line -> assertThat(line).startsWith("Pull request 42 (feature/login): planned only"));

        SyncResult fixedInPr = sync(new SyncRequest(List.of(scan(IMAGE_A, 1)), List.of(BUGS), BUILD, false, true,
                pullRequest), line -> { });
        assertThat(fixedInPr.total(Action.RESOLVE)).isEqualTo(2);
        assertThat(ado.writes()).isEqualTo(writes);

        Template allowing = new Template("bugs", "", "Demo", "Bug", "", "", List.of(), "", null, null, "", "",
                null, null, null, 0, false, "", null, true);
        SyncResult written = sync(new SyncRequest(List.of(scan(IMAGE_A, 5)), List.of(allowing), BUILD, false, false,
                pullRequest), line -> { });
        assertThat(written.dryRun()).isFalse();
        assertThat(ado.items("Demo")).hasSize(5);
    }

    @Test
    void thePlanIsSaidBeforeAnyWriteAndEveryBatchAfterIt() throws Exception {
        List<String> said = new ArrayList<>();
        int[] writesWhenPlanned = {-1};

        sync(new SyncRequest(List.of(scan(IMAGE_A, 8)), List.of(BUGS), BUILD, false, false), line -> {
            said.add(line);
            if (line.startsWith("Plan:")) {
                writesWhenPlanned[0] = ado.writes();
            }
        });

        assertThat(writesWhenPlanned[0]).as("writes before the plan was said").isLessThanOrEqualTo(1); // the lease item
        assertThat(said).containsSubsequence("Plan: create 8", "Created 8 of 8 new item(s)");
    }

    @Test
    void aReRunFindsItsItemsWithOneQueryForTheTemplatesScope() throws Exception {
        sync(scan(IMAGE_A, 8), true);
        ado.simulator().requestLog().reset();

        SyncResult again = sync(scan(IMAGE_A, 8), true);

        assertThat(again.total(Action.NOOP)).isEqualTo(8);
        // One for the template's lease, one for its scope; none by fingerprint, however many findings there are.
        assertThat(ado.simulator().requestLog().entries()).filteredOn(request -> request.path().endsWith("/wiql"))
                .hasSize(2);
    }
}
