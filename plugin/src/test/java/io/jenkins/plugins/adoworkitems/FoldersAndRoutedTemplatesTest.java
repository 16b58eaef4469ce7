package io.jenkins.plugins.adoworkitems;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.build.WorkItemRow;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsFolderProperty;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.steps.CreateAdoWorkItemStep;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.Configurator;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.yaml.YamlSource;
import io.jenkins.plugins.casc.yaml.YamlUtils;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 §4 and §5: connections and templates of a folder, seen only inside it, with the folder's credentials
 * and an allow-list; several routed templates in one step.
 */
@WithJenkins
class FoldersAndRoutedTemplatesTest {
    private static final String TEAM_PAT = "payments-team-pat";

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    private static String scan(String arguments) {
        return "node {\n"
                + "  writeFile file: 'reports/scan.sarif', text: '''" + SimulatedAdo.SARIF.replace("\\", "\\\\")
                + "'''\n"
                + "  def r = createAdoWorkItem(results: 'reports/*.sarif'" + arguments + ")\n"
                + "  echo \"created=${r.created.size()}\"\n"
                + "}\n";
    }

    /** A folder "payments" whose connection "team" signs in with a credential stored in the folder. */
    private static Folder paymentsFolder(JenkinsRule j, SimulatedAdo ado, String allowedProjects) throws Exception {
        Folder folder = j.jenkins.createProject(Folder.class, "payments");
        CredentialsStore store = null;
        for (CredentialsStore candidate : CredentialsProvider.lookupStores(folder)) {
            if (candidate.getContext() == folder) {
                store = candidate;
            }
        }
        assertThat(store).as("the folder's credentials store").isNotNull();
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "team-pat",
                "the payments team's token", Secret.fromString(TEAM_PAT)));
        Connection connection = new Connection("team", ado.simulator.organizationUrl("demo"));
        connection.setFlavour("services");
        connection.setCredentialsId("team-pat");
        connection.setAllowHttp(true);
        connection.setAllowPrivateAddresses(true);
        connection.setAllowedProjects(allowedProjects);
        WorkItemTemplate template = new WorkItemTemplate("team-tasks", "Demo", "Task");
        template.setConnection("team");
        AdoWorkItemsFolderProperty property = new AdoWorkItemsFolderProperty();
        property.setConnections(List.of(connection));
        property.setTemplates(List.of(template));
        folder.addProperty(property);
        return folder;
    }

    private static SimulatedAdo simulatorWithTeamPat() throws Exception {
        return new SimulatedAdo(false, builder -> builder.pat(TEAM_PAT, PatState.VALID)
                .person(TEAM_PAT, "Payments Bot", "payments-bot@example.com"));
    }

    @Test
    void aFolderTemplateIsUsedByItsJobsWithTheFolderCredentialAndInvisibleOutside(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = simulatorWithTeamPat()) {
            Folder folder = paymentsFolder(j, ado, "");
            WorkflowJob inside = folder.createProject(WorkflowJob.class, "checkout");
            inside.setDefinition(new CpsFlowDefinition(scan(", template: 'team-tasks'"), true));

            WorkflowRun run = j.buildAndAssertSuccess(inside);

            j.assertLogContains("created=" + SimulatedAdo.FINDINGS, run);
            j.assertLogContains("(template team-tasks, project Demo)", run);
            assertThat(run.getAction(WorkItemsAction.class).getRows()).extracting(WorkItemRow::getTemplate)
                    .containsOnly("team-tasks");
            int id = run.getAction(WorkItemsAction.class).getRows().get(0).getId();
            AdoClient reader = AdoClient.create(AdoTarget.services(URI.create(ado.simulator.organizationUrl("demo"))),
                    new PersonalAccessToken("sim-pat"), ClientSettings.defaults().withUrlPolicy(UrlPolicy.onPremises(true)));
            assertThat(reader.workItem(id).field("System.WorkItemType")).isEqualTo("Task");
            assertThat(reader.workItem(id).person("System.CreatedBy")).contains("Payments Bot");

            WorkflowJob outside = j.createProject(WorkflowJob.class, "elsewhere");
            outside.setDefinition(new CpsFlowDefinition(scan(", template: 'team-tasks'"), true));
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, outside);
            j.assertLogContains("There is no template named team-tasks that this job can use", refused);
            j.assertLogContains("security-bugs", refused);
        }
    }

    @Test
    void aFolderConnectionCannotUseASystemScopedCredential(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = simulatorWithTeamPat()) {
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                    CredentialsScope.SYSTEM, "controller-only", "for the administrator's connections",
                    Secret.fromString("sim-pat")));
            SystemCredentialsProvider.getInstance().save();
            Folder folder = paymentsFolder(j, ado, "");
            AdoWorkItemsFolderProperty property = folder.getProperties().get(AdoWorkItemsFolderProperty.class);
            property.getConnections().get(0).setCredentialsId("controller-only");
            WorkflowJob job = folder.createProject(WorkflowJob.class, "checkout");
            job.setDefinition(new CpsFlowDefinition(scan(", template: 'team-tasks'"), true));

            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("controller-only", refused);
            assertThat(ado.writes()).isZero();
        }
    }

    @Test
    void theAllowListRefusesAProjectOverrideBeforeAnyWrite(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = simulatorWithTeamPat()) {
            Folder folder = paymentsFolder(j, ado, "Demo");
            WorkflowJob job = folder.createProject(WorkflowJob.class, "checkout");
            job.setDefinition(new CpsFlowDefinition(scan(", template: 'team-tasks', project: 'Other'"), true));
            ado.simulator.requestLog().reset();

            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("Connection team does not allow this: template team-tasks writes to project Other,"
                    + " outside what the connection allows: Demo. Nothing was written", refused);
            assertThat(ado.simulator.requestLog().count()).as("requests to Azure DevOps").isZero();

            job.setDefinition(new CpsFlowDefinition(scan(", template: 'team-tasks'"), true));
            j.assertLogContains("created=" + SimulatedAdo.FINDINGS, j.buildAndAssertSuccess(job));
        }
    }

    @Test
    void theFolderPropertySurvivesItsFormAndJcasc(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = simulatorWithTeamPat()) {
            Folder folder = paymentsFolder(j, ado, "Demo\nShared\\Payments");
            AdoWorkItemsFolderProperty before = folder.getProperties().get(AdoWorkItemsFolderProperty.class);

            j.configRoundtrip(folder);

            AdoWorkItemsFolderProperty after = folder.getProperties().get(AdoWorkItemsFolderProperty.class);
            j.assertEqualDataBoundBeans(before.getConnections(), after.getConnections());
            j.assertEqualDataBoundBeans(before.getTemplates(), after.getTemplates());

            ConfiguratorRegistry registry = ConfiguratorRegistry.get();
            ConfigurationContext context = new ConfigurationContext(registry);
            Configurator<AdoWorkItemsFolderProperty> configurator = registry.lookupOrFail(AdoWorkItemsFolderProperty.class);
            String yaml = Util.toYamlString(configurator.describe(after, context));
            assertThat(yaml).contains("name: \"team\"", "credentialsId: \"team-pat\"", "allowedProjects: |-",
                    "name: \"team-tasks\"", "workItemType: \"Task\"");
            assertThat(yaml).doesNotContain(TEAM_PAT);

            Mapping mapping = YamlUtils.loadFrom(List.of(YamlSource.of(new ByteArrayInputStream(
                    yaml.getBytes(StandardCharsets.UTF_8)))), context);
            AdoWorkItemsFolderProperty imported = configurator.configure(mapping, context);
            j.assertEqualDataBoundBeans(after.getConnections(), imported.getConnections());
            j.assertEqualDataBoundBeans(after.getTemplates(), imported.getTemplates());
        }
    }

    @Test
    void onlyAnAdministratorLetsAFolderConnectionReachPrivateAddresses(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = simulatorWithTeamPat()) {
            Folder folder = paymentsFolder(j, ado, "");
            folder.getProperties().get(AdoWorkItemsFolderProperty.class).getConnections().get(0)
                    .setAllowPrivateAddresses(false);
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                    .grant(Jenkins.READ).everywhere().to("team")
                    .grant(Item.READ, Item.CONFIGURE).onItems(folder).to("team"));

            try (JenkinsRule.WebClient team = j.createWebClient().login("team")) {
                HtmlForm form = team.getPage(folder, "configure").getFormByName("config");
                ((HtmlCheckBoxInput) form.getInputsByName("_.allowPrivateAddresses").get(0)).setChecked(true);
                team.setThrowExceptionOnFailingStatusCode(false);
                Page refused = j.submit(form);
                assertThat(refused.getWebResponse().getContentAsString())
                        .contains("Only a Jenkins administrator may let a folder", "connection team use plain HTTP");
            }
            assertThat(folder.getProperties().get(AdoWorkItemsFolderProperty.class).getConnections().get(0)
                    .isAllowPrivateAddresses()).isFalse();

            try (JenkinsRule.WebClient admin = j.createWebClient().login("admin")) {
                HtmlForm form = admin.getPage(folder, "configure").getFormByName("config");
                ((HtmlCheckBoxInput) form.getInputsByName("_.allowPrivateAddresses").get(0)).setChecked(true);
                j.submit(form);
            }
            assertThat(folder.getProperties().get(AdoWorkItemsFolderProperty.class).getConnections().get(0)
                    .isAllowPrivateAddresses()).isTrue();
        }
    }

    /** Global templates "code" (CodeQL, Bugs) and "deps" (Trivy, Tasks) on the simulator's connection. */
    private static void routedTemplates() {
        WorkItemTemplate code = new WorkItemTemplate("code", "Demo", "Bug");
        code.setRoutingTools("CodeQL");
        WorkItemTemplate deps = new WorkItemTemplate("deps", "Demo", "Task");
        deps.setRoutingTools("Trivy");
        AdoWorkItemsConfiguration configuration = AdoWorkItemsConfiguration.get();
        configuration.setTemplates(List.of(code, deps));
    }

    private static String twoReports(String arguments) throws Exception {
        String trivy = new String(FoldersAndRoutedTemplatesTest.class.getResourceAsStream("/examples/trivy-image.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        return "node {\n"
                + "  writeFile file: 'reports/scan.sarif', text: '''" + SimulatedAdo.SARIF.replace("\\", "\\\\") + "'''\n"
                + "  writeFile file: 'reports/trivy.json', text: '''" + trivy.replace("\\", "\\\\") + "'''\n"
                + "  def r = createAdoWorkItem(results: 'reports/*'" + arguments + ")\n"
                + "  echo \"created=${r.created.size()}\"\n"
                + "}\n";
    }

    @Test
    void eachFindingGoesToTheFirstTemplateWhoseRoutingTakesItInOneSync(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            routedTemplates();
            WorkflowJob job = j.createProject(WorkflowJob.class, "routed");
            job.setDefinition(new CpsFlowDefinition(twoReports(", templates: ['code', 'deps']"), true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            List<WorkItemRow> rows = run.getAction(WorkItemsAction.class).getRows();
            assertThat(rows).filteredOn(row -> row.getTemplate().equals("code")).hasSize(SimulatedAdo.FINDINGS);
            assertThat(rows).filteredOn(row -> row.getTemplate().equals("deps")).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.getTitle()).contains("CVE-"));
            j.assertLogContains("(templates code in Demo, deps in Demo)", run);
            j.assertLogContains("created=" + rows.size(), run);

            // Every template the job sees, in their order: the same routing, so nothing new.
            job.setDefinition(new CpsFlowDefinition(twoReports(", templates: '*'"), true));
            WorkflowRun again = j.buildAndAssertSuccess(job);
            j.assertLogContains("created=0", again);
            j.assertLogContains("(templates code in Demo, deps in Demo)", again);
        }
    }

    @Test
    void templatesOfTwoConnectionsInOneCallAreRefused(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            routedTemplates();
            AdoWorkItemsConfiguration configuration = AdoWorkItemsConfiguration.get();
            Connection other = new Connection("other", "https://dev.azure.com/other");
            other.setCredentialsId("sim-pat");
            configuration.setConnections(List.of(configuration.getConnections().get(0), other));
            WorkItemTemplate code = configuration.template("code").orElseThrow();
            code.setConnection("sim");
            WorkItemTemplate deps = configuration.template("deps").orElseThrow();
            deps.setConnection("other");
            WorkflowJob job = j.createProject(WorkflowJob.class, "mixed");
            job.setDefinition(new CpsFlowDefinition(twoReports(", template: 'code', templates: 'deps'"), true));
            ado.simulator.requestLog().reset();

            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("Template code uses connection sim and template deps uses connection other", refused);
            assertThat(ado.simulator.requestLog().count()).isZero();

            // '*' with a connection takes only that connection's templates.
            job.setDefinition(new CpsFlowDefinition(twoReports(", templates: '*', connection: 'sim'"), true));
            WorkflowRun run = j.buildAndAssertSuccess(job);
            j.assertLogContains("(template code, project Demo)", run);
        }
    }

    @Test
    void anIncompleteScanResolvesNothingEvenWhenTheTemplateResolves(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            AdoWorkItemsConfiguration.get().getTemplates().get(0).setResolveFixed(true);
            ObjectMapper json = new ObjectMapper();
            ObjectNode clean = (ObjectNode) json.readTree(SimulatedAdo.SARIF);
            clean.withArray("runs").forEach(runNode -> ((ObjectNode) runNode).putArray("results"));
            String cleanSarif = json.writeValueAsString(clean).replace("\\", "\\\\");
            WorkflowJob job = j.createProject(WorkflowJob.class, "resolving");
            job.setDefinition(new CpsFlowDefinition(scan(", template: 'security-bugs'"), true));
            j.buildAndAssertSuccess(job);

            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'reports/scan.sarif', text: '''" + cleanSarif + "'''\n"
                    + "  writeFile file: 'reports/broken.sarif', text: '{\"version\": \"2.1.0\", \"runs\": ['\n"
                    + "  def r = createAdoWorkItem(results: 'reports/*.sarif', template: 'security-bugs')\n"
                    + "  echo \"resolved=${r.resolved.size()}\"\n"
                    + "}\n", true));
            WorkflowRun incomplete = j.buildAndAssertStatus(Result.UNSTABLE, job);
            j.assertLogContains("not resolving fixed findings because a report could not be read", incomplete);
            j.assertLogContains("resolved=0", incomplete);

            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'reports/scan.sarif', text: '''" + cleanSarif + "'''\n"
                    + "  writeFile file: 'reports/broken.sarif', text: '''" + cleanSarif + "'''\n"
                    + "  def r = createAdoWorkItem(results: 'reports/*.sarif', template: 'security-bugs')\n"
                    + "  echo \"resolved=${r.resolved.size()}\"\n"
                    + "}\n", true));
            j.assertLogContains("resolved=" + SimulatedAdo.FINDINGS, j.buildAndAssertSuccess(job));
        }
    }

    @Test
    void severalTemplatesSurviveTheSnippetGeneratorAndTheForm(JenkinsRule j) throws Exception {
        routedTemplates();
        CreateAdoWorkItemStep step = new CreateAdoWorkItemStep("code");
        step.setResults("reports/*");
        step.setTemplates("deps, *");
        new SnippetizerTester(j).assertRoundTrip(step,
                "createAdoWorkItem results: 'reports/*', template: 'code', templates: 'deps, *'");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }
}
