package io.jenkins.plugins.adoworkitems;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsServicePrincipal;
import io.jenkins.plugins.adoworkitems.steps.CreateAdoWorkItemStep;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** What the security review of the plugin asked for (issue 11): each finding, tested the way it was found. */
@WithJenkins
class SecurityReviewTest {
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "11111111-aaaa-4bbb-8ccc-000000000007";
    private static final String SECRET = "sp-secret-Review~9";

    @TempDir
    Path temp;

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    /** A job configurer reaches Verify under /job/J/; it must not make Jenkins send requests to a host of theirs. */
    @Test
    void verifyInAJobRefusesAnAuthorityHostThatIsNotMicrosoftsToNonAdministrators(JenkinsRule j) throws Exception {
        try (AdoSimulator entra = entra()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "J");
            users(j, job);
            JenkinsRule.WebClient developer = client(j, "developer");

            Page refused = developer.getPage(verify(j, developer, "job/J/", SECRET, entra.baseUri().toString()));

            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(refused.getWebResponse().getContentAsString())
                    .contains("Only an administrator may use an authority host other than Microsoft")
                    .doesNotContain(SECRET);
            assertThat(entra.requestLog().count()).isZero();

            Page forbidden = client(j, "reader").getPage(verify(j, client(j, "reader"), "job/J/", SECRET,
                    entra.baseUri().toString()));
            assertThat(forbidden.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(entra.requestLog().count()).isZero();
        }
    }

    /** The encrypted secret a saved credential's form holds is never decrypted for a host other than Microsoft's. */
    @Test
    void verifyNeverSendsAStoredSecretToAnotherHostEvenForAnAdministrator(JenkinsRule j) throws Exception {
        SSLSocketFactory jvmDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
        try (AdoSimulator entra = entra()) {
            HttpsURLConnection.setDefaultSSLSocketFactory(entra.clientSslContext().getSocketFactory());
            users(j, j.createProject(WorkflowJob.class, "J"));
            JenkinsRule.WebClient admin = client(j, "admin");
            String ciphertext = Secret.fromString(SECRET).getEncryptedValue();

            Page refused = admin.getPage(verify(j, admin, "", ciphertext, entra.baseUri().toString()));
            assertThat(refused.getWebResponse().getContentAsString()).contains("Type the client secret again");
            assertThat(entra.requestLog().count()).isZero();

            Page typed = admin.getPage(verify(j, admin, "", SECRET, entra.baseUri().toString()));
            assertThat(typed.getWebResponse().getContentAsString()).contains("Entra ID issued a token for Azure DevOps");
            assertThat(entra.requestLog().count()).isPositive();
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(jvmDefault);
        }
    }

    /**
     * Stapler decrypts a ciphertext sent as a form value, so a form check that quoted its value back would decrypt
     * any stored secret for anybody who may configure a job.
     */
    @Test
    void aFormCheckNeverQuotesItsValue(JenkinsRule j) throws Exception {
        users(j, j.createProject(WorkflowJob.class, "J"));
        JenkinsRule.WebClient developer = client(j, "developer");
        String ciphertext = Secret.fromString("TOP-SECRET-VALUE").getEncryptedValue();

        String answer = developer.getPage(post(j, developer, "job/J/descriptorByName/" + CreateAdoWorkItemStep.class.getName()
                + "/checkFields?value=" + URLEncoder.encode(ciphertext, StandardCharsets.UTF_8)))
                .getWebResponse().getContentAsString();

        assertThat(answer).contains("expected name=value").doesNotContain("TOP-SECRET-VALUE");
    }

    /** The certificate drop-down lists only what its user could use: an administrator's certificate is not theirs. */
    @Test
    void theCertificateFillListsOnlyCertificatesTheUserCanUse(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new CertificateCredentialsImpl(
                CredentialsScope.GLOBAL, "admins-certificate", "", "changeit",
                new CertificateCredentialsImpl.UploadedKeyStoreSource(SecretBytes.fromBytes(pkcs12()))));
        SystemCredentialsProvider.getInstance().save();
        users(j, j.createProject(WorkflowJob.class, "J"));
        String fill = "descriptorByName/" + AzureDevOpsServicePrincipal.class.getName()
                + "/fillCertificateCredentialsIdItems?certificateCredentialsId=";

        JenkinsRule.WebClient developer = client(j, "developer");
        String asDeveloper = developer.getPage(post(j, developer, "job/J/" + fill)).getWebResponse().getContentAsString();
        JenkinsRule.WebClient admin = client(j, "admin");
        String asAdmin = admin.getPage(post(j, admin, fill)).getWebResponse().getContentAsString();

        assertThat(asDeveloper).doesNotContain("admins-certificate");
        assertThat(asAdmin).contains("admins-certificate");
    }

    /**
     * An administrator keeps the organization's token out of reach of Pipeline authors by making it System-scoped:
     * builds use it through the connection, and a script naming it itself is refused with that reason.
     */
    @Test
    void aSystemScopedCredentialWorksThroughTheConnectionAndNotByItsId(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                    "org-token", "system-scoped", Secret.fromString("sim-pat")));
            SystemCredentialsProvider.getInstance().save();
            Connection connection = AdoWorkItemsConfiguration.get().getConnections().get(0);
            connection.setCredentialsId("org-token");

            WorkflowJob job = j.createProject(WorkflowJob.class, "system-scope");
            job.setDefinition(new CpsFlowDefinition(
                    "def item = createAdoWorkItem(template: 'security-bugs', title: 'Through the connection', type: 'Task')\n"
                            + "echo \"id=${item.id}\"\n", true));
            j.assertLogContains("id=1", j.buildAndAssertSuccess(job));
            assertThat(ado.writes()).isEqualTo(1);

            job.setDefinition(new CpsFlowDefinition(
                    "createAdoWorkItem(template: 'security-bugs', title: 'By id', type: 'Task', credentialsId: 'org-token')\n",
                    true));
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("Credential org-token is System-scoped, which only the connection itself may use", refused);
            assertThat(ado.writes()).isEqualTo(1);
        }
    }

    @Test
    void theConnectionFormNamesWhatIsWrongWithItsCredential(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                "org-token", "", Secret.fromString("x")));
        SystemCredentialsProvider.getInstance().save();
        users(j, j.createProject(WorkflowJob.class, "J"));
        JenkinsRule.WebClient admin = client(j, "admin");
        String check = "descriptorByName/" + Connection.class.getName() + "/checkCredentialsId?url="
                + URLEncoder.encode("https://dev.azure.com/acme", StandardCharsets.UTF_8) + "&value=";

        assertThat(admin.getPage(post(j, admin, check + "org-token")).getWebResponse().getContentAsString())
                .doesNotContain("error");
        assertThat(admin.getPage(post(j, admin, check + "gone")).getWebResponse().getContentAsString())
                .contains("No credential with id gone");
        assertThat(admin.getPage(post(j, admin, check)).getWebResponse().getContentAsString())
                .contains("No credential is chosen");
    }

    /** A link in the workspace to a file of the agent's is not read, and nothing of that file reaches the log. */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating a symbolic link needs a privilege on Windows")
    void aSymbolicLinkOutOfTheWorkspaceIsRefusedWithoutEchoingItsTarget(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            Path outside = Files.writeString(temp.resolve("agent-secrets.txt"), "TOP-SECRET-LINE ".repeat(40));
            WorkflowJob job = j.createProject(WorkflowJob.class, "links");
            FilePath workspace = j.jenkins.getWorkspaceFor(job);
            workspace.child("reports").mkdirs();
            Files.createSymbolicLink(Path.of(workspace.child("reports").child("leak.sarif").getRemote()), outside);
            job.setDefinition(new CpsFlowDefinition(
                    "node('built-in') { createAdoWorkItem(results: 'reports/*.sarif', template: 'security-bugs') }", true));

            WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job);

            j.assertLogContains("symbolic link to a file outside", run);
            j.assertLogNotContains("TOP-SECRET", run);
            assertThat(ado.writes()).isZero();
        }
    }

    /** {@code env.CHANGE_TITLE} and the like must not smuggle a second field into a map value. */
    @Test
    void aFieldValueWithALineBreakIsRefusedBeforeAnyWrite(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            WorkflowJob job = j.createProject(WorkflowJob.class, "fields");
            job.setDefinition(new CpsFlowDefinition(
                    "createAdoWorkItem(template: 'security-bugs', title: 'PR', type: 'Task', "
                            + "fields: ['Microsoft.VSTS.Common.Activity': \"Deployment\\nSystem.AssignedTo=attacker@example.com\"])\n",
                    true));

            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("the value of Microsoft.VSTS.Common.Activity contains a line break", run);
            assertThat(ado.writes()).isZero();
        }
    }

    /**
     * A gateway that quotes the request's Authorization header in its error must not put the token, or its base64
     * form, into the build log; a token with a line break inside is refused without being quoted.
     */
    @Test
    void theBuildLogNeverShowsTheTokenInClearOrInBase64(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            ado.simulator.faults().echoAuthorizationNext(10);
            WorkflowJob job = j.createProject(WorkflowJob.class, "echo");
            job.setDefinition(new CpsFlowDefinition(
                    "createAdoWorkItem(template: 'security-bugs', title: 'Echoed', type: 'Task')\n", true));

            WorkflowRun echoed = j.buildAndAssertStatus(Result.FAILURE, job);

            String basic = java.util.Base64.getEncoder().encodeToString(":sim-pat".getBytes(StandardCharsets.UTF_8));
            j.assertLogContains("Authorization", echoed);
            j.assertLogNotContains("sim-pat", echoed);
            j.assertLogNotContains(basic, echoed);
            j.assertLogNotContains(basic.replace("=", ""), echoed);

            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                    "two-lines", "", Secret.fromString("sim-pat\nsecond-line-of-token")));
            SystemCredentialsProvider.getInstance().save();
            AdoWorkItemsConfiguration.get().getConnections().get(0).setCredentialsId("two-lines");
            WorkflowRun malformed = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("control character", malformed);
            j.assertLogNotContains("second-line-of-token", malformed);
            assertThat(ado.writes()).isZero();
        }
    }

    /** A template renamed under a job stays the job's choice, marked, instead of the first one on the next save. */
    @Test
    void dropDownsKeepAValueThatIsNoLongerConfigured(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo()) {
            users(j, j.createProject(WorkflowJob.class, "J"));
            JenkinsRule.WebClient admin = client(j, "admin");
            String fill = "job/J/descriptorByName/" + CreateAdoWorkItemStep.class.getName()
                    + "/fillTemplateItems?template=renamed-template";

            String options = admin.getPage(post(j, admin, fill)).getWebResponse().getContentAsString();

            assertThat(options).contains("renamed-template (not configured)").contains("security-bugs");
        }
    }

    private static void users(JenkinsRule j, Item job) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader", "developer")
                .grant(Item.READ).everywhere().to("reader")
                .grant(Item.READ, Item.CONFIGURE, CredentialsProvider.USE_ITEM).onItems(job).to("developer")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
    }

    private static JenkinsRule.WebClient client(JenkinsRule j, String user) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().login(user);
        client.setThrowExceptionOnFailingStatusCode(false);
        return client;
    }

    /** An https Entra ID stand-in: authority hosts must be https, and MSAL4J trusts it through the JVM's default. */
    private static AdoSimulator entra() throws IOException {
        return AdoSimulator.start(SimulatorConfig.builder().organization("acme")
                .project("acme", "Web", Process.AGILE).pat("unused", PatState.VALID)
                .servicePrincipal(TENANT, CLIENT, SECRET).https(true).build());
    }

    private static WebRequest verify(JenkinsRule j, JenkinsRule.WebClient client, String context, String secret,
            String authorityHost) throws Exception {
        return post(j, client, context + "descriptorByName/" + AzureDevOpsServicePrincipal.class.getName()
                + "/verify?tenantId=" + TENANT + "&clientId=" + CLIENT
                + "&clientSecret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&certificateCredentialsId=&authorityHost=" + URLEncoder.encode(authorityHost, StandardCharsets.UTF_8));
    }

    private static WebRequest post(JenkinsRule j, JenkinsRule.WebClient client, String relative) throws Exception {
        return client.addCrumb(new WebRequest(new URL(j.getURL(), relative), HttpMethod.POST));
    }

    /** A PKCS#12 key store (password changeit) made with the JDK's keytool. */
    private byte[] pkcs12() throws IOException, InterruptedException {
        Path store = temp.resolve("cert.p12");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=review",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit"));
        java.lang.Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(temp.resolve("keytool.log"))).isZero();
        return Files.readAllBytes(store);
    }
}
