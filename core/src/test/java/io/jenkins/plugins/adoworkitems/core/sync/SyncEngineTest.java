package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Tag;

/** The sync lifecycle end to end against the simulator over loopback HTTP, with real scanner reports. */
@Tag("shared-data")
class SyncEngineTest {
    private static final LinkContext BUILD = new LinkContext("https://ci.example/job/app/7/", "app #7", "");
    private SimulatedAdo ado;

    @BeforeEach
    void start() throws Exception {
        ado = SimulatedAdo.defaults();
    }

    @AfterEach
    void stop() {
        ado.close();
    }

    static Report report(String sample) throws Exception {
        return new FindingsReader().read(ReportInput.of(Samples.sample(sample)), Optional.empty());
    }

    /** The report with each finding replaced; the fingerprint is kept unless the change alters its inputs. */
    static Report mapped(Report report, UnaryOperator<Finding> change) {
        return new Report(report.source(), report.format(), report.findings().stream().map(change).toList(), report.summary());
    }

    static Report only(Report report, int count) {
        return new Report(report.source(), report.format(), report.findings().subList(0, count), report.summary());
    }

    static Finding withSeverity(Finding f, Severity severity) {
        return new Finding(f.tool(), f.rule(), severity, f.originalSeverity(), f.score(), f.level(), f.kind(), f.message(),
                f.locations(), f.relatedLocations(), f.asset(), f.identifiers(), f.suppressed(), f.baselineState(),
                f.fingerprint(), f.properties(), f.target());
    }

    private SyncResult sync(List<Report> reports, List<Template> templates, boolean resolve) throws Exception {
        return new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(reports, templates, BUILD, false, resolve));
    }

    private static Template bugs() {
        return Template.of("bugs", "Demo", "Bug");
    }

    private Map<String, List<WorkItem>> trackedItems() throws Exception {
        return ado.items("Demo").stream().filter(item -> Identity.fingerprintOf(item, "").isPresent())
                .collect(Collectors.groupingBy(item -> Identity.fingerprintOf(item, "").orElseThrow()));
    }

    @Test
    void firstRunCreatesOneItemPerFindingAndTheSecondWritesNothing() throws Exception {
        Report trivy = report("trivy/scheme_2_many_vulns.json");
        long distinct = trivy.findings().stream().map(f -> f.fingerprint().value()).distinct().count();

        SyncResult first = sync(List.of(trivy), List.of(bugs()), false);

        assertThat(first.total(Action.CREATE)).isEqualTo(distinct);
        assertThat(first.hasFailures()).isFalse();
        assertThat(trackedItems()).hasSize((int) distinct).allSatisfy((fingerprint, items) -> assertThat(items).hasSize(1));
        SyncEntry created = first.entries(Action.CREATE).get(0);
        assertThat(created.workItemId()).isPositive();
        assertThat(created.url()).isEqualTo(ado.target().url() + "/Demo/_workitems/edit/" + created.workItemId());
        assertThat(created.state()).isEqualTo("New");

        ado.simulator().requestLog().reset();
        SyncResult second = sync(List.of(trivy), List.of(bugs()), false);

        assertThat(ado.writes()).isZero();
        assertThat(second.total(Action.NOOP)).isEqualTo(distinct);
        assertThat(second.httpRequests()).isEqualTo(ado.simulator().requestLog().count());
    }

    @Test
    void createdItemsCarryTheTemplateAndAnEscapedDescription() throws Exception {
        Template template = new Template("sec", "", "Demo", "Bug", "Demo", "", List.of("security", "trivy"), "", Severity.INFO,
                null, "", "", Map.of("Microsoft.VSTS.TCM.SystemInfo", "Found by ${tool.name}"), Routing.ANY, Grouping.FINDING, 0, false, "", null, false);
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 1);

        sync(List.of(trivy), List.of(template), false);

        WorkItem item = ado.items("Demo").get(0);
        Finding finding = trivy.findings().get(0);
        assertThat(item.field("System.Tags")).contains("security").contains("trivy")
                .contains("adowi-" + finding.fingerprint().value()).contains(Identity.scopeTag("sec", finding.tool().name()));
        assertThat(item.field("Microsoft.VSTS.TCM.SystemInfo")).isEqualTo("Found by Trivy");
        assertThat(item.field("System.AreaPath")).isEqualTo("Demo");
        assertThat(item.field("Microsoft.VSTS.Common.Severity")).isEqualTo(
                io.jenkins.plugins.adoworkitems.core.template.SeverityMapping.DEFAULT.severityValue(finding.severity()));
        assertThat(item.field("System.Title")).startsWith("[" + finding.severity().label() + "] " + finding.rule().id() + " in ");
        assertThat(item.field("Microsoft.VSTS.TCM.ReproSteps")).contains("Fingerprint: " + finding.fingerprint().value());
        assertThat(item.relations()).anySatisfy(relation -> {
            assertThat(relation.rel()).isEqualTo("Hyperlink");
            assertThat(relation.url()).isEqualTo("https://ci.example/job/app/7/");
        });
    }

    @Test
    void aFixedFindingIsResolvedAndReopenedWhenItComesBack() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 4);
        Template template = bugs();
        sync(List.of(trivy), List.of(template), true);

        Report fixed = only(trivy, 3);
        SyncResult resolved = sync(List.of(fixed), List.of(template), true);

        assertThat(resolved.entries(Action.RESOLVE)).singleElement().satisfies(entry -> {
            assertThat(entry.fingerprint()).isEqualTo(trivy.findings().get(3).fingerprint().value());
            assertThat(entry.state()).isEqualTo("Resolved");
        });
        assertThat(resolved.total(Action.NOOP)).isEqualTo(3);

        SyncResult back = sync(List.of(trivy), List.of(template), true);

        assertThat(back.entries(Action.REOPEN)).singleElement().satisfies(entry -> assertThat(entry.state()).isEqualTo("Active"));
        assertThat(trackedItems()).hasSize(4);
        WorkItem reopened = ado.client().workItem(back.entries(Action.REOPEN).get(0).workItemId());
        assertThat(ado.client().comments("Demo", reopened.id())).anySatisfy(comment ->
                assertThat(comment.text()).contains("Reopened").contains("app #7"));
    }

    @Test
    void resolveOnlyTouchesToolsScannedInThisRunAndItsOwnTemplate() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 2);
        Report codeql = only(report("sarif/codeQL-output.sarif"), 2);
        Template template = bugs();
        sync(List.of(trivy, codeql), List.of(template), true);

        SyncResult onlyTrivy = sync(List.of(only(trivy, 1)), List.of(template), true);

        assertThat(onlyTrivy.entries(Action.RESOLVE)).singleElement().satisfies(entry ->
                assertThat(entry.fingerprint()).isEqualTo(trivy.findings().get(1).fingerprint().value()));
        long open = ado.items("Demo").stream().filter(item -> item.state().equals("New")).count();
        assertThat(open).isEqualTo(3);

        SyncResult otherTemplate = sync(List.of(only(trivy, 1)), List.of(Template.of("other", "Demo", "Bug")), true);
        assertThat(otherTemplate.total(Action.RESOLVE)).isZero();
    }

    @Test
    void aSeverityChangeUpdatesTheItemWithAComment() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 2);
        sync(List.of(trivy), List.of(bugs()), false);
        Finding first = trivy.findings().get(0);
        Severity raised = first.severity() == Severity.CRITICAL ? Severity.LOW : Severity.CRITICAL;

        SyncResult changed = sync(List.of(mapped(trivy, f -> f == first ? withSeverity(f, raised) : f)), List.of(bugs()), false);

        assertThat(changed.entries(Action.COMMENT)).singleElement().satisfies(entry -> {
            assertThat(entry.detail()).isEqualTo("Severity changed from " + first.severity().label() + " to " + raised.label());
            assertThat(entry.severity()).isEqualTo(raised);
        });
        assertThat(changed.total(Action.NOOP)).isEqualTo(1);
        WorkItem item = ado.client().workItem(changed.entries(Action.COMMENT).get(0).workItemId());
        assertThat(item.field("Microsoft.VSTS.Common.Severity"))
                .isEqualTo(io.jenkins.plugins.adoworkitems.core.template.SeverityMapping.DEFAULT.severityValue(raised));
        assertThat(ado.client().comments("Demo", item.id())).anySatisfy(c -> assertThat(c.text()).contains("Severity changed"));
        assertThat(item.field("System.Title")).startsWith("[" + raised.label() + "] ");
    }

    /** A title a person wrote stays theirs when the severity changes; one that is ours follows the new severity. */
    @Test
    void aSeverityChangeKeepsATitleAPersonWrote() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 1);
        sync(List.of(trivy), List.of(bugs()), false);
        WorkItem item = ado.items("Demo").get(0);
        ado.client().update(item.id(), io.jenkins.plugins.adoworkitems.core.ado.JsonPatch.create()
                .setField("System.Title", "Upgrade the base image"), io.jenkins.plugins.adoworkitems.core.ado.WriteOptions.DEFAULT);
        Finding only = trivy.findings().get(0);
        Severity raised = only.severity() == Severity.CRITICAL ? Severity.LOW : Severity.CRITICAL;

        sync(List.of(mapped(trivy, f -> withSeverity(f, raised))), List.of(bugs()), false);

        assertThat(ado.client().workItem(item.id()).field("System.Title")).isEqualTo("Upgrade the base image");
    }

    @Test
    void fieldsPeopleChangedAreLeftAlone() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 1);
        sync(List.of(trivy), List.of(bugs()), false);
        WorkItem item = ado.items("Demo").get(0);
        ado.client().update(item.id(), io.jenkins.plugins.adoworkitems.core.ado.JsonPatch.create()
                .setField("System.Title", "Triaged by a person")
                .setField("System.Tags", item.field("System.Tags") + "; team-a")
                .setField("Microsoft.VSTS.Common.Priority", 1), io.jenkins.plugins.adoworkitems.core.ado.WriteOptions.DEFAULT);

        Finding moved = trivy.findings().get(0);
        Report changed = mapped(trivy, f -> new Finding(f.tool(), f.rule(), f.severity(), f.originalSeverity(), f.score(),
                f.level(), f.kind(), f.message() + " (new text)", f.locations(), f.relatedLocations(), f.asset(), f.identifiers(),
                f.suppressed(), f.baselineState(), moved.fingerprint(), f.properties(), f.target()));
        SyncResult updated = sync(List.of(changed), List.of(bugs()), false);

        assertThat(updated.entries(Action.UPDATE)).hasSize(1);
        WorkItem after = ado.client().workItem(item.id());
        assertThat(after.field("System.Title")).isEqualTo("Triaged by a person");
        assertThat(after.field("System.Tags")).contains("team-a");
        assertThat(after.field("Microsoft.VSTS.Common.Priority")).isEqualTo("1");
        assertThat(after.field("Microsoft.VSTS.TCM.ReproSteps")).contains("(new text)");
    }

    @Test
    void routesToTwoProjectsAndTypes() throws Exception {
        ado.close();
        ado = SimulatedAdo.services(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .project("demo", "Security", Process.SCRUM).pat("sim-pat", io.jenkins.plugins.adoworkitems.simulator.PatState.VALID)
                .build());
        Template urgent = new Template("urgent", "", "Security", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), new Routing(null, null, Severity.HIGH, null, null, null), Grouping.FINDING, 0, false, "", null, false);
        Template backlog = new Template("backlog", "", "Demo", "Task", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), new Routing(null, null, null, Severity.MEDIUM, null, null), Grouping.FINDING, 0, false, "", null, false);
        Report trivy = report("trivy/scheme_2_many_vulns.json");

        SyncResult result = sync(List.of(trivy), List.of(urgent, backlog), false);

        long high = trivy.findings().stream().filter(f -> f.severity().isAtLeast(Severity.HIGH))
                .map(f -> f.fingerprint().value()).distinct().count();
        long rest = trivy.findings().stream().filter(f -> !f.severity().isAtLeast(Severity.HIGH))
                .map(f -> f.fingerprint().value()).distinct().count();
        assertThat(ado.items("Security")).hasSize((int) high).allSatisfy(item -> assertThat(item.type()).isEqualTo("Bug"));
        assertThat(ado.items("Demo")).hasSize((int) rest).allSatisfy(item -> assertThat(item.type()).isEqualTo("Task"));
        assertThat(result.total(Action.CREATE)).isEqualTo(high + rest);
    }

    @Test
    void groupingByPackageMakesOneItemPerPackage() throws Exception {
        Template perPackage = new Template("pkg", "", "Demo", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), Routing.ANY, Grouping.PACKAGE, 0, false, "", null, false);
        Report trivy = report("trivy/scheme_2_many_vulns.json");
        long packages = trivy.findings().stream().map(f -> f.asset().packageName() + "@" + f.asset().installedVersion())
                .distinct().count();

        SyncResult result = sync(List.of(trivy), List.of(perPackage), false);

        assertThat(result.total(Action.CREATE)).isEqualTo(packages);
        WorkItem multi = ado.items("Demo").stream()
                .filter(item -> item.field("System.Title").contains(" more")).findFirst().orElseThrow();
        assertThat(multi.field("Microsoft.VSTS.TCM.ReproSteps")).contains(" findings:</b>");
        assertThat(sync(List.of(trivy), List.of(perPackage), false).total(Action.NOOP)).isEqualTo(packages);
    }

    @Test
    void theCapLimitsNewItemsMostSevereFirst() throws Exception {
        Template capped = new Template("capped", "", "Demo", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), Routing.ANY, Grouping.FINDING, 3, false, "", null, false);
        Report trivy = report("trivy/legacy_many_vulns.json");
        assertThat(trivy.findings().stream().map(f -> f.fingerprint().value()).distinct().count()).isGreaterThan(6);

        SyncResult first = sync(List.of(trivy), List.of(capped), false);

        assertThat(first.total(Action.CREATE)).isEqualTo(3);
        assertThat(first.entries(Action.SKIP)).anySatisfy(e -> assertThat(e.detail()).isEqualTo("over the cap of 3 new items per run"));
        Severity leastCreated = first.entries(Action.CREATE).stream().map(SyncEntry::severity).max(Enum::compareTo).orElseThrow();
        assertThat(first.entries(Action.SKIP)).allSatisfy(e -> assertThat(e.severity().compareTo(leastCreated)).isGreaterThanOrEqualTo(0));
        assertThat(sync(List.of(trivy), List.of(capped), false).total(Action.CREATE)).isEqualTo(3);
        assertThat(trackedItems()).hasSize(6);
    }

    @Test
    void aRejectedFieldFailsItsItemsClearlyAndTheOthersStillSync() throws Exception {
        Template broken = new Template("broken", "", "Demo", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of("Microsoft.VSTS.Common.ValueArea", "Nonsense"), new Routing(List.of("CodeQL"), null, null, null, null, null),
                Grouping.FINDING, 0, false, "", null, false);
        Report codeql = only(report("sarif/codeQL-output.sarif"), 2);
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 3);

        SyncResult result = sync(List.of(codeql, trivy), List.of(broken, bugs()), false);

        assertThat(result.entries(Action.FAILED)).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.errorCode()).isEqualTo("FIELD_REJECTED");
            assertThat(entry.errorMessage()).contains("Microsoft.VSTS.Common.ValueArea");
        });
        assertThat(result.total(Action.CREATE)).isEqualTo(3);
    }

    @Test
    void aDryRunPlansAndWritesNothing() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 5);
        SyncResult plan = new SyncEngine(ado.client(), new SyncLocks())
                .run(new SyncRequest(List.of(trivy), List.of(bugs()), BUILD, true, false));

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.total(Action.CREATE)).isEqualTo(5);
        assertThat(ado.writes()).isZero();
        assertThat(PlanExport.csv(plan)).startsWith("action,template,severity").contains("CREATE,bugs,");
        assertThat(PlanExport.json(plan)).contains("\"create\" : 5");
        assertThat(PlanExport.markdown(plan)).contains("| CREATE | 5 |");
    }

    @Test
    void injectionAttemptsInScanTextAreInert() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 1);
        Report hostile = mapped(trivy, f -> Finding.builder().tool(f.tool())
                .rule(new io.jenkins.plugins.adoworkitems.core.finding.Rule("x' OR [System.Id] > 0 OR 'a'='a", "", "", "", "", "",
                        List.of(), List.of()))
                .severity(Severity.HIGH).message("<img src=x onerror=alert(1)> \"}]}")
                .location(io.jenkins.plugins.adoworkitems.core.finding.Location.of("/fields/System.State", 1))
                .build());

        SyncResult result = sync(List.of(hostile), List.of(bugs()), false);

        assertThat(result.total(Action.CREATE)).isEqualTo(1);
        WorkItem item = ado.items("Demo").get(0);
        assertThat(item.state()).isEqualTo("New");
        assertThat(item.field("System.Title")).contains("x' OR [System.Id] > 0 OR 'a'='a");
        assertThat(item.field("Microsoft.VSTS.TCM.ReproSteps")).doesNotContain("<img").contains("&lt;img src=x");
        assertThat(sync(List.of(hostile), List.of(bugs()), false).total(Action.NOOP)).isEqualTo(1);
    }

    @Test
    void aFindingRoutedToAnotherTemplateIsNeitherDuplicatedNorResolvedByTheOldOne() throws Exception {
        Report trivy = only(report("trivy/scheme_2_many_vulns.json"), 3);
        Template old = new Template("old", "", "Demo", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), Routing.ANY, Grouping.FINDING, 0, true, "", null, false);
        sync(List.of(trivy), List.of(old), false);

        SyncResult moved = sync(List.of(trivy), List.of(Template.of("new", "Demo", "Bug"), old), false);

        assertThat(moved.total(Action.NOOP)).isEqualTo(3);
        assertThat(moved.total(Action.RESOLVE)).isZero();
        assertThat(moved.total(Action.CREATE)).isZero();
    }
}
