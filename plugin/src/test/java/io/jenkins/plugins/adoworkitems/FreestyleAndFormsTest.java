package io.jenkins.plugins.adoworkitems;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;
import io.jenkins.plugins.adoworkitems.steps.AdoWorkItemsRecorder;
import io.jenkins.plugins.adoworkitems.steps.CreateAdoWorkItemStep;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class FreestyleAndFormsTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    @Test
    void freestylePostBuildActionSyncsThroughTheSamePath(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            FreeStyleProject project = j.createFreeStyleProject("freestyle");
            project.getBuildersList().add(new TestBuilder() {
                @Override
                public boolean perform(hudson.model.AbstractBuild<?, ?> build, hudson.Launcher launcher,
                        hudson.model.BuildListener listener) throws InterruptedException, java.io.IOException {
                    hudson.FilePath out = build.getWorkspace().child("out");
                    out.mkdirs();
                    out.child("scan.sarif").write(SimulatedAdo.SARIF, StandardCharsets.UTF_8.name());
                    return true;
                }
            });
            project.getPublishersList().add(new AdoWorkItemsRecorder("security-bugs", "out/*.sarif"));

            FreeStyleBuild build = j.buildAndAssertSuccess(project);
            assertThat(build.getAction(WorkItemsAction.class).getTotals()).containsEntry("create", SimulatedAdo.FINDINGS);
            j.assertLogContains(SimulatedAdo.FINDINGS + " created", build);
            assertThat(ado.writes()).isPositive();
        }
    }

    @Test
    void recorderSurvivesTheConfigurationForm(JenkinsRule j) throws Exception {
        AdoWorkItemsConfiguration.get().setTemplates(List.of(new WorkItemTemplate("security-bugs", "Web", "Bug")));
        AdoWorkItemsRecorder before = new AdoWorkItemsRecorder("security-bugs", "reports/*.json");
        before.setFormat("trivy");
        before.setTemplates("deps, *");
        before.setDryRun(true);
        before.setFailOn("high");
        before.setProject("Other");
        before.setTags("a, b");
        FreeStyleProject project = j.createFreeStyleProject();
        project.getPublishersList().add(before);
        j.configRoundtrip(project);
        j.assertEqualDataBoundBeans(before, project.getPublishersList().get(AdoWorkItemsRecorder.class));
    }

    @Test
    void stepSurvivesTheSnippetGeneratorAndItsForm(JenkinsRule j) throws Exception {
        AdoWorkItemsConfiguration.get().setTemplates(List.of(new WorkItemTemplate("security-bugs", "Web", "Bug")));
        CreateAdoWorkItemStep step = new CreateAdoWorkItemStep("security-bugs");
        step.setResults("reports/**/*.sarif");
        step.setDryRun(true);
        step.setFailOn("critical");
        new SnippetizerTester(j).assertRoundTrip(step,
                "createAdoWorkItem dryRun: true, failOn: 'critical', results: 'reports/**/*.sarif', template: 'security-bugs'");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    @Test
    void globalConfigurationSurvivesTheForm(JenkinsRule j) throws Exception {
        Connection connection = new Connection("contoso", "https://dev.azure.com/contoso");
        connection.setCredentialsId("ado-pat");
        connection.setApiVersion("7.1");
        WorkItemTemplate template = new WorkItemTemplate("security-bugs", "Web", "Bug");
        template.setConnection("contoso");
        template.setTags("security");
        template.setThreshold("high");
        template.setFields("Custom.Team=AppSec");
        template.setRoutingTools("Trivy");
        template.setMaxNewItems(20);
        template.setResolveFixed(true);
        AdoWorkItemsConfiguration configuration = AdoWorkItemsConfiguration.get();
        configuration.setConnections(List.of(connection));
        configuration.setTemplates(List.of(template));

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(List.of(connection), configuration.getConnections());
        j.assertEqualDataBoundBeans(List.of(template), configuration.getTemplates());
        assertThat(configuration.getTemplates().get(0).toTemplate().fields()).containsEntry("Custom.Team", "AppSec");
    }

    @Test
    void testConnectionIsRefusedWithoutAdministerAndByGet(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        String endpoint = "descriptorByName/" + Connection.class.getName() + "/testConnection"
                + "?url=https://dev.azure.com/x&credentialsId=none&testProject=p";

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        Page refused = reader.getPage(post(j, reader, endpoint));
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);
        // Stapler's @POST cancels the dispatch of any other verb, and no other route matches: 404, not 405.
        Page byGet = admin.goTo(endpoint, null);
        assertThat(byGet.getWebResponse().getStatusCode()).isEqualTo(404);
        Page allowed = admin.getPage(post(j, admin, endpoint));
        assertThat(allowed.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(allowed.getWebResponse().getContentAsString()).contains("No credential with id none in Jenkins");
    }

    private static WebRequest post(JenkinsRule j, JenkinsRule.WebClient client, String relative) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), relative), HttpMethod.POST);
        return client.addCrumb(request);
    }
}
