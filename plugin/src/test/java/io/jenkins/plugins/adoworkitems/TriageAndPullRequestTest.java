package io.jenkins.plugins.adoworkitems;

import hudson.model.Result;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's triage and a pull-request build, as a Pipeline meets them (docs/sync.md, "Triage" and "Scope"). */
@WithJenkins
class TriageAndPullRequestTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    private static String script(String env, String options) {
        return "node {\n"
                + "  writeFile file: 'reports/scan.sarif', text: '''" + SimulatedAdo.SARIF.replace("\\", "\\\\").replace("'''", "") + "'''\n"
                + "  withEnv([" + env + "]) {\n"
                + "    def r = createAdoWorkItem(results: 'reports/**/*.sarif', template: 'security-bugs'" + options + ")\n"
                + "    echo \"created=${r.created.size()} triaged=${r.triaged.size()} dryRun=${r.dryRun}\"\n"
                + "  }\n"
                + "}\n";
    }

    @Test
    void aPullRequestBuildPlansAndWritesNothing(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "pr");
            job.setDefinition(new CpsFlowDefinition(script("'CHANGE_ID=7', 'BRANCH_NAME=PR-7'", ""), true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("Pull request 7 (PR-7): planned only, nothing written", run);
            j.assertLogContains("created=" + SimulatedAdo.FINDINGS + " triaged=0 dryRun=true", run);
            assertThat(ado.writes()).isZero();
        }
    }

    @Test
    void itemsAPersonRemovedNoLongerFailTheBuild(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "gate");
            job.setDefinition(new CpsFlowDefinition(script("'BRANCH_NAME=main'", ", failOn: 'low'"), true));

            WorkflowRun first = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains(SimulatedAdo.FINDINGS + " open work item(s) for findings at or above Low", first);

            AdoClient person = AdoClient.create(AdoTarget.services(URI.create(ado.simulator.organizationUrl("demo"))),
                    new PersonalAccessToken("sim-pat"), ClientSettings.defaults().withUrlPolicy(UrlPolicy.onPremises(true)));
            List<WorkItem> items = person.workItems(person.wiql("Demo", "SELECT [System.Id] FROM WorkItems WHERE "
                    + "[System.TeamProject] = @project AND [System.Tags] CONTAINS 'security'", 100));
            assertThat(items).hasSize(SimulatedAdo.FINDINGS);
            for (WorkItem item : items) {
                person.update(item.id(), JsonPatch.create().setField("System.State", "Removed"), WriteOptions.DEFAULT);
            }
            int writes = ado.writes();

            WorkflowRun second = j.buildAndAssertSuccess(job);

            j.assertLogContains("triaged=" + SimulatedAdo.FINDINGS, second);
            j.assertLogContains(SimulatedAdo.FINDINGS + " skipped (" + SimulatedAdo.FINDINGS + " triaged by people)", second);
            assertThat(ado.writes()).isEqualTo(writes);
        }
    }
}
