package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Triage, pull-request builds and progress as a user of the CLI meets them, on the project's own example scan. */
class TriageAndScopeIT {
    private static final Map<String, String> PAT = Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat");

    @TempDir
    Path work;

    private AdoSimulator simulator;
    private String org;

    @BeforeEach
    void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .pat("sim-pat", PatState.VALID).person("dana-pat", "Dana Reviewer", "dana@example.com").build());
        org = simulator.organizationUrl("demo");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private CliProcess.Result sync(Map<String, String> environment, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("sync", CliProcess.example("trivy-image.json").toString(),
                "--org-url", org, "--allow-private-urls", "--project", "Demo", "--type", "Bug"));
        args.addAll(List.of(more));
        return CliProcess.run(environment, work, args.toArray(String[]::new));
    }

    private AdoClient asDana() {
        return AdoClient.create(AdoTarget.services(URI.create(org)), new PersonalAccessToken("dana-pat"),
                ClientSettings.defaults().withUrlPolicy(UrlPolicy.onPremises(true)));
    }

    @Test
    void itemsAPersonRemovedNoLongerFailTheBuildAndAreListedAsTriaged() throws Exception {
        CliProcess.Result first = sync(PAT, "--fail-on", "critical");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.err()).contains("policy: 2 open work item(s) for findings at or above Critical");

        AdoClient dana = asDana();
        List<WorkItem> critical = dana.workItems(dana.wiql("Demo", "SELECT [System.Id] FROM WorkItems WHERE "
                + "[System.TeamProject] = @project AND [Microsoft.VSTS.Common.Severity] = '1 - Critical'", 100));
        assertThat(critical).hasSize(2);
        for (WorkItem item : critical) {
            dana.update(item.id(), JsonPatch.create().setField("System.State", "Removed"), WriteOptions.DEFAULT);
        }

        CliProcess.Result again = sync(PAT, "--fail-on", "critical");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("skip 2 (2 triaged)").contains("triaged: state Removed, by Dana Reviewer on ");
    }

    @Test
    void aPullRequestBuildPlansWithoutWritingAndSaysSo() throws Exception {
        Map<String, String> pullRequest = new HashMap<>(PAT);
        pullRequest.put("CHANGE_ID", "42");
        pullRequest.put("BRANCH_NAME", "PR-42");

        CliProcess.Result planned = sync(pullRequest);

        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        assertThat(simulator.requestLog().writes()).isZero();
        assertThat(planned.err()).contains("Pull request 42 (PR-42): planned only, nothing written");
        assertThat(planned.out()).contains("create 8").contains("dry run, nothing written");

        CliProcess.Result branchBuild = sync(pullRequest, "--pull-request", "");

        assertThat(branchBuild.exitCode()).as(branchBuild.toString()).isZero();
        assertThat(branchBuild.out()).contains("create 8").doesNotContain("dry run");
    }

    @Test
    void thePlanIsPrintedBeforeTheWritesAndEachBatchAfter() throws Exception {
        CliProcess.Result result = sync(PAT);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).containsSubsequence("Read ", "Plan: create 8", "Created 8 of 8 new item(s)");
    }
}
