package io.jenkins.plugins.adoworkitems;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.adoworkitems.build.LatestWorkItemsAction;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.SkipReason;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What a build keeps, shows and exports, and the quality gate as Pipeline users see it (issue 15). */
@WithJenkins
class BuildPageAndGateTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    private static String scan(String options) {
        return "  writeFile file: 'reports/scan.sarif', text: '''" + SimulatedAdo.SARIF.replace("\\", "\\\\").replace("'''", "") + "'''\n"
                + "  def r = createAdoWorkItem(results: 'reports/**/*.sarif', template: 'security-bugs'" + options + ")\n"
                + "  echo \"open=${r.open.size()} created=${r.created.size()} skipped=${r.skipped}\"\n";
    }

    @Test
    void tenThousandUnchangedFindingsKeepTheBuildXmlSmall(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("big");
        FreeStyleBuild build = j.buildAndAssertSuccess(project);
        List<SyncEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(new SyncEntry(Action.NOOP, String.format("%032x", i), "security-bugs", 1 + i,
                    "https://dev.azure.com/acme/Web/_workitems/edit/" + (1 + i), "Active", Severity.HIGH,
                    "[High] CVE-2024-" + i + " in libexample 1.0", "current", "", "", SkipReason.NONE));
        }
        entries.add(new SyncEntry(Action.CREATE, "f".repeat(32), "security-bugs", 20_001, "", "New", Severity.CRITICAL,
                "[Critical] a new one", "new Bug", "", "", SkipReason.NONE));
        WorkItemsAction action = new WorkItemsAction();
        build.addAction(action);
        action.add(entries);
        build.save();

        File buildXml = new File(build.getRootDir(), "build.xml");
        assertThat(buildXml.length()).as("build.xml bytes").isLessThan(20_000);
        WorkItemsAction reloaded = project.getBuildByNumber(build.getNumber()).getAction(WorkItemsAction.class);
        assertThat(reloaded.getRows()).hasSize(1);
        assertThat(reloaded.getOpenCount()).isEqualTo(10_001);
        assertThat(reloaded.getOpen()).containsEntry("High", 10_000).containsEntry("Critical", 1);
        assertThat(reloaded.getOpenRows()).hasSize(10_001).first().satisfies(row ->
                assertThat(row.getSeverity()).isEqualTo("Critical"));
        j.createWebClient().getPage(build, WorkItemsAction.URL_NAME);
    }

    @Test
    void theRestApiGivesCountsAndChangedItems(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "api");
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan("") + "}\n", true));
            WorkflowRun run = j.buildAndAssertSuccess(job);

            JSONObject json = j.getJSON(run.getUrl() + WorkItemsAction.URL_NAME + "/api/json?depth=1").getJSONObject();

            assertThat(json.getJSONObject("totals").getInt("create")).isEqualTo(SimulatedAdo.FINDINGS);
            assertThat(json.getJSONObject("open").getInt("Critical")).isEqualTo(1);
            assertThat(json.getJSONArray("changed").size()).isEqualTo(SimulatedAdo.FINDINGS);
            assertThat(json.getJSONArray("changed").getJSONObject(0).getString("url")).startsWith("http://127.0.0.1");
            j.assertLogContains("open=" + SimulatedAdo.FINDINGS + " created=" + SimulatedAdo.FINDINGS, run);
        }
    }

    @Test
    void thePageShowsTheStateAPersonGaveAnItemSinceTheBuild(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "live");
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan("") + "}\n", true));
            WorkflowRun run = j.buildAndAssertSuccess(job);
            WorkItemsAction action = run.getAction(WorkItemsAction.class);
            io.jenkins.plugins.adoworkitems.build.WorkItemRow critical = action.getOpenRows().get(0);
            assertThat(critical.getState()).isEqualTo("New");

            io.jenkins.plugins.adoworkitems.core.ado.AdoClient person = io.jenkins.plugins.adoworkitems.core.ado.AdoClient.create(
                    io.jenkins.plugins.adoworkitems.core.ado.AdoTarget.services(java.net.URI.create(ado.simulator.organizationUrl("demo"))),
                    new io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken("sim-pat"),
                    io.jenkins.plugins.adoworkitems.core.ado.ClientSettings.defaults().withUrlPolicy(
                            io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy.onPremises(true)));
            person.update(critical.getId(), io.jenkins.plugins.adoworkitems.core.ado.JsonPatch.create()
                    .setField("System.State", "Active").setField("System.AssignedTo", "Dana Reviewer <dana@example.com>"),
                    io.jenkins.plugins.adoworkitems.core.ado.WriteOptions.DEFAULT);

            String page = j.createWebClient().getPage(run, WorkItemsAction.URL_NAME).asNormalizedText();

            assertThat(page).contains("State and assignee read from Azure DevOps at").contains("Active")
                    .contains("Dana Reviewer");
            assertThat(action.getLive().stateOf(critical)).isEqualTo("Active");

            ado.simulator.close(); // Azure DevOps gone: the stored states, with a notice
            WorkItemsAction reloaded = new WorkItemsAction();
            run.addAction(reloaded);
            reloaded.add(List.of(new SyncEntry(Action.NOOP, critical.getId() + "", "security-bugs", critical.getId(),
                    "", "New", Severity.CRITICAL, "t", "current", "", "", SkipReason.NONE)));
            assertThat(reloaded.getLive().getProblem()).isNotEmpty();
            assertThat(reloaded.getLive().stateOf(reloaded.getOpenRows().get(0))).isEqualTo("New");
        }
    }

    @Test
    void aFailedGateMarksTheStageAndTheJobLinkStillFollowsTheBuild(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "gate");
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan(", failOn: 'critical', qualityGate: 'unstable'")
                    + "}\n", true));

            WorkflowRun unstable = j.buildAndAssertStatus(Result.UNSTABLE, job);

            j.assertLogContains("1 open work item(s) for findings at or above Critical", unstable);
            assertThat(warnings(unstable)).singleElement().satisfies(warning -> {
                assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE);
                assertThat(warning.getMessage()).contains("at or above Critical");
            });
            assertThat(job.getAction(LatestWorkItemsAction.class).getRun()).isEqualTo(unstable);

            // Only new: the second run creates nothing, so the gate passes though the critical item is still open.
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan(", failOn: 'critical', qualityGateNewOnly: true")
                    + "}\n", true));
            WorkflowRun onlyNew = j.buildAndAssertSuccess(job);
            assertThat(warnings(onlyNew)).isEmpty();

            job.setDefinition(new CpsFlowDefinition("node {\n" + scan(", failOn: 'critical'") + "}\n", true));
            WorkflowRun failed = j.buildAndAssertStatus(Result.FAILURE, job);
            assertThat(warnings(failed)).singleElement().satisfies(warning ->
                    assertThat(warning.getResult()).isEqualTo(Result.FAILURE));
            assertThat(job.getAction(LatestWorkItemsAction.class).getRun()).isEqualTo(failed);
        }
    }

    @Test
    void theJobTrendShowsOpenItemsBySeverityOverBuilds(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "trend");
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan("") + "}\n", true));
            WorkflowRun first = j.buildAndAssertSuccess(job);
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan(", threshold: 'critical'") + "}\n", true));
            WorkflowRun second = j.buildAndAssertSuccess(job);
            job.setDefinition(new CpsFlowDefinition("node {\n" + scan("") + "}\n", true));
            WorkflowRun third = j.buildAndAssertSuccess(job);

            LatestWorkItemsAction latest = job.getAction(LatestWorkItemsAction.class);
            JSONObject model = JSONObject.fromObject(latest.getBuildTrendModel());

            assertThat(model.getJSONArray("domainAxisLabels").toArray()).containsExactly("#1", "#2", "#3");
            List<Integer> totals = new ArrayList<>(List.of(0, 0, 0));
            for (Object series : model.getJSONArray("series")) {
                JSONObject line = (JSONObject) series;
                for (int i = 0; i < 3; i++) {
                    totals.set(i, totals.get(i) + (int) line.getJSONArray("data").getDouble(i));
                }
                if (line.getString("name").equals("Critical")) {
                    assertThat(line.getJSONArray("data").toArray()).containsExactly(1.0, 1.0, 1.0);
                }
            }
            assertThat(totals).containsExactly(first.getAction(WorkItemsAction.class).getOpenCount(),
                    second.getAction(WorkItemsAction.class).getOpenCount(), third.getAction(WorkItemsAction.class).getOpenCount());
            assertThat(totals.get(1)).isLessThan(totals.get(0));
            j.createWebClient().getPage(job);
        }
    }

    @Test
    void parallelBranchesAddToOneAction(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "parallel");
            String sarif = SimulatedAdo.SARIF.replace("\\", "\\\\").replace("'''", "");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'a/scan.sarif', text: '''" + sarif + "'''\n"
                    + "  writeFile file: 'b/scan.sarif', text: '''" + sarif + "'''\n"
                    + "  parallel one: { createAdoWorkItem(results: 'a/*.sarif', template: 'security-bugs', target: 'path:a') },\n"
                    + "           two: { createAdoWorkItem(results: 'b/*.sarif', template: 'security-bugs', target: 'path:b') }\n"
                    + "}\n", true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            assertThat(run.getActions(WorkItemsAction.class)).hasSize(1);
            WorkItemsAction action = run.getAction(WorkItemsAction.class);
            // The same findings in two targets: one item each, created by one branch and found by the other.
            assertThat(action.getOpenCount()).isEqualTo(2 * SimulatedAdo.FINDINGS);
            assertThat(action.getAllRows()).hasSize(2 * SimulatedAdo.FINDINGS);
        }
    }

    @Test
    void theFreestyleGateFailsOrMarksUnstable(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            FreeStyleProject project = j.createFreeStyleProject("freestyle-gate");
            project.getBuildersList().add(new WriteReport());
            io.jenkins.plugins.adoworkitems.steps.AdoWorkItemsRecorder recorder =
                    new io.jenkins.plugins.adoworkitems.steps.AdoWorkItemsRecorder("security-bugs", "reports/*.sarif");
            recorder.setFailOn("high");
            recorder.setQualityGate("unstable");
            project.getPublishersList().add(recorder);

            FreeStyleBuild build = j.buildAndAssertStatus(Result.UNSTABLE, project);

            j.assertLogContains("the quality gate marks the build UNSTABLE", build);
        }
    }

    private static List<WarningAction> warnings(WorkflowRun run) {
        List<WarningAction> found = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(run.getExecution())) {
            WarningAction warning = node.getPersistentAction(WarningAction.class);
            if (warning != null) {
                found.add(warning);
            }
        }
        return found;
    }

    /** Writes the example SARIF into the freestyle workspace, as a scanner would. */
    private static final class WriteReport extends org.jvnet.hudson.test.TestBuilder {
        @Override
        public boolean perform(hudson.model.AbstractBuild<?, ?> build, hudson.Launcher launcher,
                hudson.model.BuildListener listener) throws InterruptedException, java.io.IOException {
            build.getWorkspace().child("reports/scan.sarif").write(SimulatedAdo.SARIF, "UTF-8");
            return true;
        }
    }
}
