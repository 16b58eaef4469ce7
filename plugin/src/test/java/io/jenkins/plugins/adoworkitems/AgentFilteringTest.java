package io.jenkins.plugins.adoworkitems;

import hudson.FilePath;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.FindingFilter;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.sync.ReportScanner;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the agent applies the templates' threshold and routing while it reads, and only what the sync can write
 * comes back to the controller (a real agent JVM, so remoting and Jenkins' class filter are in the way).
 */
@WithJenkins
class AgentFilteringTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    private static Template threshold(String severity) {
        AdoWorkItemsConfiguration.get().getTemplates().get(0).setThreshold(severity);
        return AdoWorkItemsConfiguration.get().getTemplates().get(0).toTemplate();
    }

    @Test
    void theAgentSendsBackOnlyFindingsAtOrAboveTheThreshold(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            DumbSlave agent = j.createOnlineSlave();
            FilePath workspace = agent.getRootPath().child("ws");
            workspace.child("reports/scan.sarif").write(SimulatedAdo.SARIF, "UTF-8");

            ScreenedScan high = workspace.act(new ReportScanner("reports/*.sarif", "",
                    FindingFilter.of(List.of(threshold("high")), false)));
            ScreenedScan all = workspace.act(new ReportScanner("reports/*.sarif", "",
                    FindingFilter.of(List.of(threshold("info")), false)));

            assertThat(all.kept()).hasSize(SimulatedAdo.FINDINGS);
            assertThat(all.belowThreshold()).isZero();
            assertThat(high.kept()).isNotEmpty().allSatisfy(finding ->
                    assertThat(finding.severity().isAtLeast(Severity.HIGH)).isTrue());
            long below = all.kept().stream().filter(finding -> !finding.severity().isAtLeast(Severity.HIGH)).count();
            assertThat(below).isPositive();
            assertThat(high.belowThreshold()).isEqualTo(below);
            assertThat(high.kept()).extracting(Finding::fingerprint).isSubsetOf(
                    all.kept().stream().map(Finding::fingerprint).toList());
            // The dropped findings still count as present, so their items are not resolved as fixed.
            assertThat(high.seen()).isEqualTo(all.seen());
            assertThat(high.reports()).singleElement().satisfies(report ->
                    assertThat(report.findingTools()).containsExactly("CodeQL"));
        }
    }

    @Test
    void aPipelineOnAnAgentSyncsTheKeptFindingsAndCountsTheRest(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            DumbSlave agent = j.createOnlineSlave();
            WorkflowJob job = j.createProject(WorkflowJob.class, "filtered-on-agent");
            job.setDefinition(new CpsFlowDefinition("node('" + agent.getNodeName() + "') {\n"
                    + "  writeFile file: 'reports/scan.sarif', text: '''" + SimulatedAdo.SARIF.replace("\\", "\\\\")
                    + "'''\n"
                    + "  def r = createAdoWorkItem(results: 'reports/*.sarif', template: 'security-bugs', threshold: 'high')\n"
                    + "  echo \"created=${r.created.size()} skipped=${r.skipped} skip=${r.totals.skip}\"\n"
                    + "}\n", true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("created=4 skipped=[below_threshold:1] skip=1", run);
            WorkItemsAction action = run.getAction(WorkItemsAction.class);
            assertThat(action.getSkipped()).containsExactly(java.util.Map.entry("below_threshold", 1));
            assertThat(action.getTotals()).containsEntry("create", 4).containsEntry("skip", 1);
            assertThat(j.createWebClient().getPage(run, WorkItemsAction.URL_NAME).asNormalizedText())
                    .contains("Findings skipped, by reason: 1 below threshold");
        }
    }
}
