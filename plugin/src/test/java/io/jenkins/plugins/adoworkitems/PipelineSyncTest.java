package io.jenkins.plugins.adoworkitems;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Connection;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class PipelineSyncTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    /** Writes the sample into the workspace, syncs, echoes the returned map's sizes for the log to show. */
    private static String script(String node) {
        return "node('" + node + "') {\n"
                + "  writeFile file: 'reports/scan.sarif', text: '''" + SimulatedAdo.SARIF.replace("\\", "\\\\").replace("'''", "") + "'''\n"
                + "  def r = createAdoWorkItem(results: 'reports/**/*.sarif', template: 'security-bugs')\n"
                + "  echo \"created=${r.created.size()} updated=${r.updated.size()} skipped=${r.skipped.size()} "
                + "first=${r.created ? r.created[0].id : 'none'} total=${r.totals.create}\"\n"
                + "}\n";
    }

    @Test
    void createsOnceThenWritesNothingOnTheSameResults(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "scan");
            job.setDefinition(new CpsFlowDefinition(script("built-in"), true));

            WorkflowRun first = j.buildAndAssertSuccess(job);
            j.assertLogContains("created=" + SimulatedAdo.FINDINGS + " updated=0", first);
            j.assertLogContains("total=" + SimulatedAdo.FINDINGS, first);
            assertThat(first.getAction(WorkItemsAction.class).getTotals()).containsEntry("create", SimulatedAdo.FINDINGS);
            assertThat(job.getAction(io.jenkins.plugins.adoworkitems.build.LatestWorkItemsAction.class)).isNotNull();
            int writesAfterFirst = ado.writes();
            assertThat(writesAfterFirst).isPositive();

            WorkflowRun second = j.buildAndAssertSuccess(job);
            j.assertLogContains("created=0 updated=0", second);
            assertThat(ado.writes()).isEqualTo(writesAfterFirst);
            j.assertLogNotContains("sim-pat", second);

            j.createWebClient().getPage(first, WorkItemsAction.URL_NAME);
        }
    }

    @Test
    void readsReportsOnAnAgent(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            DumbSlave agent = j.createOnlineSlave();
            WorkflowJob job = j.createProject(WorkflowJob.class, "on-agent");
            job.setDefinition(new CpsFlowDefinition(script(agent.getNodeName()), true));

            WorkflowRun run = j.buildAndAssertSuccess(job);
            j.assertLogContains("created=" + SimulatedAdo.FINDINGS, run);
            assertThat(ado.writes()).isPositive();
        }
    }

    @Test
    void singleModeReturnsIdAndUrl(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "single");
            job.setDefinition(new CpsFlowDefinition(
                    "def item = createAdoWorkItem(template: 'security-bugs', title: 'Deploy failed', "
                            + "description: 'See <b>the build</b>', type: 'Task', priority: 2, "
                            + "fields: ['Microsoft.VSTS.Common.Activity': 'Deployment'])\n"
                            + "echo \"id=${item.id} url=${item.url}\"\n", true));
            WorkflowRun run = j.buildAndAssertSuccess(job);
            j.assertLogContains("url=http://127.0.0.1", run);
            assertThat(ado.writes()).isEqualTo(1);
        }
    }

    @Test
    void singleModeWithADedupKeyCreatesOnceThenComments(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "dedup");
            job.setDefinition(new CpsFlowDefinition(
                    "def item = createAdoWorkItem(template: 'security-bugs', title: 'Nightly deploy failed', type: 'Task', "
                            + "dedupKey: 'nightly-deploy')\n"
                            + "echo \"id=${item.id} created=${item.created}\"\n", true));

            WorkflowRun first = j.buildAndAssertSuccess(job);
            WorkflowRun second = j.buildAndAssertSuccess(job);

            j.assertLogContains("id=1 created=true", first);
            j.assertLogContains("id=1 created=false", second);
            j.assertLogContains("is open with dedup key nightly-deploy", second);
            assertThat(ado.simulator.requestLog().entries()).filteredOn(request -> request.isWrite()
                    && request.path().contains("/comments")).hasSize(1);
        }
    }

    @Test
    void anHttpsServerIsTrustedThroughTheConnectionsCertificates(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo(true)) {
            assertThat(ado.simulator.organizationUrl("demo")).startsWith("https://");
            WorkflowJob job = j.createProject(WorkflowJob.class, "private-ca");
            job.setDefinition(new CpsFlowDefinition(script("built-in"), true));

            j.assertLogContains("created=" + SimulatedAdo.FINDINGS, j.buildAndAssertSuccess(job));

            // Without them the JVM refuses the certificate: the build fails naming the certificate check, writing nothing.
            Connection connection = AdoWorkItemsConfiguration.get().getConnections().get(0);
            connection.setTrustedCertificates("");
            int writes = ado.writes();
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("is not trusted", refused);
            assertThat(ado.writes()).isEqualTo(writes);
        }
    }

    @Test
    void unknownTemplateFailsWithTheConfiguredNames(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "typo");
            job.setDefinition(new CpsFlowDefinition(
                    "node { createAdoWorkItem(results: '*.sarif', template: 'securty-bugs') }", true));
            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("There is no template named securty-bugs that this job can use", run);
            j.assertLogContains("and the global ones: security-bugs)", run);
            assertThat(ado.writes()).isZero();
        }
    }
}
