package io.jenkins.plugins.adoworkitems;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.UserCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Result;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsBearerToken;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsManagedIdentity;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsServicePrincipal;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.OidcIssuer;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.core.Authentication;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure identities a connection or a step can sign in with, each syncing against the simulator as Entra ID,
 * managed identity endpoint and OIDC issuer: a managed identity (IMDS and App Service endpoints, named to the
 * controller by system properties as the Azure SDK reads them), a service principal presenting a federated token
 * (from a build-bound secret text, or from the controller's token file) and a bearer token. Each failure names its
 * error code and fix, and no token reaches the build log.
 */
@WithJenkins
class IdentitiesTest {
    private static final String SYSTEM_ASSIGNED = "22222222-aaaa-4bbb-8ccc-000000000001";
    private static final String USER_ASSIGNED = "22222222-aaaa-4bbb-8ccc-000000000002";
    private static final String RESOURCE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ci"
            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/jenkins";
    private static final String IDENTITY_HEADER = "app-service-identity-header-Qz7";
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "44444444-aaaa-4bbb-8ccc-000000000009";
    private static final String AKS_SUBJECT = "system:serviceaccount:ci:jenkins";
    private static final List<String> AZURE_PROPERTIES = List.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", "IDENTITY_ENDPOINT",
            "IDENTITY_HEADER", "AZURE_FEDERATED_TOKEN_FILE");

    /** The simulator's issuer for {@link BuildBoundToken}, and every token it minted (none may reach a log). */
    private static volatile OidcIssuer issuer;
    private static final List<String> MINTED = new CopyOnWriteArrayList<>();
    /** What {@link Elsewhere} holds: credentials of a store that is not Jenkins' own (as a folder's would be). */
    private static final List<Credentials> ELSEWHERE = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void clearAzureEnvironment() {
        AZURE_PROPERTIES.forEach(System::clearProperty);
        ELSEWHERE.clear();
        MINTED.clear();
        issuer = null;
    }

    @Test
    void managedIdentitiesSignInThroughTheControllersEndpoint(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo(false, builder -> builder.systemAssignedIdentity(SYSTEM_ASSIGNED)
                .userAssignedIdentity(USER_ASSIGNED, RESOURCE_ID).identityHeader(IDENTITY_HEADER))) {
            // IMDS as AKS pod identity names it; the real 169.254.169.254 is never asked.
            System.setProperty("AZURE_POD_IDENTITY_AUTHORITY_HOST", ado.simulator.baseUri().toString());
            addSystem(managedIdentity("mi-user", USER_ASSIGNED, ""));
            addSystem(managedIdentity("mi-system", "", ""));
            addSystem(managedIdentity("mi-unknown", "22222222-aaaa-4bbb-8ccc-00000000dead", ""));
            WorkflowJob job = singleItemJob(j, "mi", "");

            useConnectionCredential("mi-user");
            assertThat(createdBy(ado, createdId(j.buildAndAssertSuccess(job)))).contains(USER_ASSIGNED);
            useConnectionCredential("mi-system");
            assertThat(createdBy(ado, createdId(j.buildAndAssertSuccess(job)))).contains(SYSTEM_ASSIGNED);
            assertThat(tokenRequests(ado, "/metadata/identity/oauth2/token")).allSatisfy(query ->
                    assertThat(query).contains("resource=499b84ac-1321-427f-aa17-267ca6975798"));

            // App Service and Container Apps: IDENTITY_ENDPOINT with its secret header, which no log shows.
            System.setProperty("IDENTITY_ENDPOINT", ado.simulator.appServiceIdentityEndpoint());
            System.setProperty("IDENTITY_HEADER", IDENTITY_HEADER);
            addSystem(managedIdentity("mi-resource", "", RESOURCE_ID));
            useConnectionCredential("mi-resource");
            WorkflowRun viaAppService = j.buildAndAssertSuccess(job);
            assertThat(createdBy(ado, createdId(viaAppService))).contains(USER_ASSIGNED);
            assertThat(tokenRequests(ado, "/MSI/token")).anySatisfy(query -> assertThat(query).contains("mi_res_id="));
            j.assertLogNotContains(IDENTITY_HEADER, viaAppService);

            useConnectionCredential("mi-unknown");
            int writes = ado.writes();
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("MANAGED_IDENTITY_UNAVAILABLE", refused);
            j.assertLogContains("Run this on an Azure VM", refused);
            j.assertLogNotContains(IDENTITY_HEADER, refused);
            assertThat(ado.writes()).isEqualTo(writes);
        }
    }

    @Test
    void theControllersIdentityIsOnlyForJenkinsOwnCredentials(JenkinsRule j) throws Exception {
        AzureDevOpsManagedIdentity.DescriptorImpl kind = ExtensionList.lookupSingleton(AzureDevOpsManagedIdentity.DescriptorImpl.class);
        assertThat(kind.isApplicable(ExtensionList.lookupSingleton(SystemCredentialsProvider.ProviderImpl.class))).isTrue();
        assertThat(kind.isApplicable(ExtensionList.lookupSingleton(UserCredentialsProvider.class))).isFalse();

        Path file = dir.resolve("token");
        Files.writeString(file, "a.federated.token-from-the-controller");
        try (SimulatedAdo ado = new SimulatedAdo(false, builder -> builder.systemAssignedIdentity(SYSTEM_ASSIGNED))) {
            System.setProperty("AZURE_POD_IDENTITY_AUTHORITY_HOST", ado.simulator.baseUri().toString());
            System.setProperty("AZURE_FEDERATED_TOKEN_FILE", file.toString());
            // The same kinds from another store (as a folder's would be) may not sign in as the controller.
            ELSEWHERE.add(managedIdentity("folder-mi", "", ""));
            AzureDevOpsServicePrincipal aks = servicePrincipal(CredentialsScope.GLOBAL, "folder-aks", ado);
            aks.setAuthorityHost("");
            aks.setFederatedTokenFile(true);
            ELSEWHERE.add(aks);
            for (String id : List.of("folder-mi", "folder-aks")) {
                WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, singleItemJob(j, "uses-" + id, id));
                j.assertLogContains("Credential " + id + " would sign in as the Jenkins controller itself", refused);
            }
            assertThat(ado.writes()).isZero();
            assertThat(tokenRequests(ado, "/metadata/identity/oauth2/token")).isEmpty();
        }
    }

    @Test
    void verifyAManagedIdentityNeedsAdministerAndAsksTheEndpoint(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo(false, builder -> builder.systemAssignedIdentity(SYSTEM_ASSIGNED)
                .userAssignedIdentity(USER_ASSIGNED, RESOURCE_ID))) {
            System.setProperty("AZURE_POD_IDENTITY_AUTHORITY_HOST", ado.simulator.baseUri().toString());
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer")
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
            JenkinsRule.WebClient admin = j.createWebClient().login("admin");
            admin.setThrowExceptionOnFailingStatusCode(false);
            JenkinsRule.WebClient configurer = j.createWebClient().login("configurer");
            configurer.setThrowExceptionOnFailingStatusCode(false);

            assertThat(text(admin.getPage(verifyIdentity(j, admin, USER_ASSIGNED, ""))))
                    .contains("issued a token for Azure DevOps to the user-assigned managed identity " + USER_ASSIGNED);
            assertThat(text(admin.getPage(verifyIdentity(j, admin, "", ""))))
                    .contains("system-assigned managed identity");
            assertThat(text(admin.getPage(verifyIdentity(j, admin, "22222222-aaaa-4bbb-8ccc-00000000dead", ""))))
                    .contains("No token: MANAGED_IDENTITY_UNAVAILABLE");
            assertThat(text(admin.getPage(verifyIdentity(j, admin, USER_ASSIGNED, RESOURCE_ID))))
                    .contains("not both");
            long asked = tokenRequests(ado, "/metadata/identity/oauth2/token").size();
            assertThat(configurer.getPage(verifyIdentity(j, configurer, "", "")).getWebResponse().getStatusCode())
                    .isEqualTo(403);
            assertThat(tokenRequests(ado, "/metadata/identity/oauth2/token")).hasSize((int) asked);
        }
    }

    @Test
    void aServicePrincipalPresentsTheBuildsOidcTokenFromASecretText(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo(true, builder -> builder.federatedCredential(TENANT, CLIENT, "job:wif"))) {
            issuer = ado.simulator.oidcIssuer();
            addSystem(new BuildBoundToken("oidc", "jenkins"));
            AzureDevOpsServicePrincipal connectionPrincipal = servicePrincipal(CredentialsScope.SYSTEM, "wif", ado);
            connectionPrincipal.setFederatedTokenCredentialsId("oidc");
            addSystem(connectionPrincipal);
            useConnectionCredential("wif");

            // The connection's (System-scoped) principal: the token credential as the build gets it, subject job:wif.
            WorkflowJob job = singleItemJob(j, "wif", "");
            WorkflowRun run = j.buildAndAssertSuccess(job);
            assertThat(createdBy(ado, createdId(run))).contains(CLIENT);
            // Read before signing in (a missing token stops the build first) and for the Entra ID request.
            assertThat(MINTED).hasSizeGreaterThanOrEqualTo(2);
            String log = JenkinsRule.getLog(run);
            MINTED.forEach(token -> assertThat(log).doesNotContain(token));

            // A step's own credentialsId resolves the principal and its token credential as the build (same job).
            AzureDevOpsServicePrincipal global = servicePrincipal(CredentialsScope.GLOBAL, "wif-global", ado);
            global.setFederatedTokenCredentialsId("oidc");
            addGlobal(global);
            WorkflowJob byStep = singleItemJob(j, "wif", "wif-global");
            assertThat(createdBy(ado, createdId(j.buildAndAssertSuccess(byStep)))).contains(CLIENT);

            // Another job's token has another subject, which the federated credential does not trust.
            int writes = ado.writes();
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, singleItemJob(j, "other", ""));
            j.assertLogContains("FEDERATED_ASSERTION_REFUSED", refused);
            j.assertLogContains("AADSTS70021", refused);
            j.assertLogContains("api://AzureADTokenExchange", refused);
            String refusedLog = JenkinsRule.getLog(refused);
            MINTED.forEach(token -> assertThat(refusedLog).doesNotContain(token));
            assertThat(ado.writes()).isEqualTo(writes);

            // A token credential that is gone stops the build before anything is sent.
            connectionPrincipal.setFederatedTokenCredentialsId("no-such-token");
            WorkflowRun missing = j.buildAndAssertStatus(Result.FAILURE, singleItemJob(j, "wif", ""));
            j.assertLogContains("FEDERATED_ASSERTION_REFUSED: The federated token credential no-such-token", missing);
        }
    }

    @Test
    void aServicePrincipalPresentsTheControllersTokenFile(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo(true, builder -> builder.federatedCredential(TENANT, CLIENT, AKS_SUBJECT))) {
            String token = ado.simulator.oidcIssuer().mint(AKS_SUBJECT, "api://AzureADTokenExchange", Duration.ofMinutes(10));
            Path file = dir.resolve("azure-identity-token");
            Files.writeString(file, token + "\n");
            AzureDevOpsServicePrincipal aks = servicePrincipal(CredentialsScope.SYSTEM, "aks", ado);
            aks.setFederatedTokenFile(true);
            addSystem(aks);
            useConnectionCredential("aks");
            WorkflowJob job = singleItemJob(j, "aks", "");

            System.setProperty("AZURE_FEDERATED_TOKEN_FILE", file.toString());
            WorkflowRun run = j.buildAndAssertSuccess(job);
            assertThat(createdBy(ado, createdId(run))).contains(CLIENT);
            j.assertLogNotContains(token, run);

            // A token the federated credential does not trust (expired): refused with the code and the fix.
            Files.writeString(file, ado.simulator.oidcIssuer().mint(AKS_SUBJECT, "api://AzureADTokenExchange",
                    java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().minusSeconds(600)));
            String expired = Files.readString(file);
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("FEDERATED_ASSERTION_REFUSED", refused);
            j.assertLogContains("AADSTS700024", refused);
            j.assertLogNotContains(expired, refused);

            System.clearProperty("AZURE_FEDERATED_TOKEN_FILE");
            WorkflowRun unset = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("FEDERATED_ASSERTION_REFUSED: AZURE_FEDERATED_TOKEN_FILE is not set on the Jenkins controller", unset);
        }
    }

    @Test
    void aBearerTokenMintedElsewhereIsSentAsIs(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo(false, builder -> builder.systemAssignedIdentity(SYSTEM_ASSIGNED))) {
            // A token minted outside Jenkins, e.g. by an Azure Pipelines job or `az account get-access-token`.
            String token = imdsToken(ado);
            addGlobal(new AzureDevOpsBearerToken(CredentialsScope.GLOBAL, "bearer", "minted elsewhere", Secret.fromString(token)));
            addGlobal(new AzureDevOpsBearerToken(CredentialsScope.GLOBAL, "stale", "revoked", Secret.fromString("eyJ.stale.token")));

            WorkflowRun run = j.buildAndAssertSuccess(singleItemJob(j, "bearer", "bearer"));
            assertThat(createdBy(ado, createdId(run))).contains(SYSTEM_ASSIGNED);
            j.assertLogNotContains(token, run);
            assertThat(ado.simulator.requestLog().entries()).noneMatch(request -> request.path().contains("oauth2/v2.0/token"));

            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, singleItemJob(j, "stale", "stale"));
            j.assertLogContains("AUTH_REQUIRED", refused);
            j.assertLogNotContains("eyJ.stale.token", refused);
        }
    }

    private static AzureDevOpsManagedIdentity managedIdentity(String id, String clientId, String resourceId) {
        AzureDevOpsManagedIdentity identity = new AzureDevOpsManagedIdentity(CredentialsScope.SYSTEM, id, "the controller");
        identity.setClientId(clientId);
        identity.setResourceId(resourceId);
        return identity;
    }

    /** No secret and no certificate: only a federated token can sign it in; Entra ID is the simulator. */
    private static AzureDevOpsServicePrincipal servicePrincipal(CredentialsScope scope, String id, SimulatedAdo ado) {
        AzureDevOpsServicePrincipal principal = new AzureDevOpsServicePrincipal(scope, id, null,
                TENANT, CLIENT);
        principal.setAuthorityHost(ado.simulator.baseUri().toString());
        return principal;
    }

    private static void addSystem(Credentials credentials) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(credentials);
        SystemCredentialsProvider.getInstance().save();
    }

    private static void addGlobal(BaseStandardCredentials credentials) throws IOException {
        assertThat(credentials.getScope()).isNotEqualTo(CredentialsScope.SYSTEM);
        addSystem(credentials);
    }

    private static void useConnectionCredential(String id) {
        AdoWorkItemsConfiguration.get().getConnections().get(0).setCredentialsId(id);
    }

    /** Single mode: one Task, its id echoed; {@code credentialsId} empty for the connection's credential. */
    private static WorkflowJob singleItemJob(JenkinsRule j, String name, String credentialsId) throws Exception {
        WorkflowJob job = j.jenkins.getItem(name) instanceof WorkflowJob existing ? existing
                : j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("def item = createAdoWorkItem(template: 'security-bugs', "
                + "title: 'Signed in as an Azure identity', type: 'Task'"
                + (credentialsId.isEmpty() ? "" : ", credentialsId: '" + credentialsId + "'") + ")\n"
                + "echo \"created #${item.id}\"\n", true));
        return job;
    }

    private static int createdId(WorkflowRun run) throws IOException {
        String log = JenkinsRule.getLog(run);
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("created #(\\d+)").matcher(log);
        assertThat(matcher.find()).as("the step's echo in %s", log).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** System.CreatedBy of a work item, read from the simulator with its personal access token. */
    private static String createdBy(SimulatedAdo ado, int id) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder();
        if (ado.simulator.clientSslContext() != null) {
            client.sslContext(ado.simulator.clientSslContext());
        }
        HttpResponse<String> response = client.build().send(HttpRequest.newBuilder(URI.create(
                        ado.simulator.organizationUrl("demo") + "/Demo/_apis/wit/workitems/" + id + "?api-version=7.1"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(":sim-pat".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        int field = body.indexOf("\"System.CreatedBy\"");
        assertThat(field).as("CreatedBy in %s", body).isNotNegative();
        return body.substring(field, Math.min(body.length(), field + 300));
    }

    /** The queries of the simulator's token requests on {@code path}. */
    private static List<String> tokenRequests(SimulatedAdo ado, String path) {
        List<String> queries = new ArrayList<>();
        for (LoggedRequest request : ado.simulator.requestLog().entries()) {
            if (request.path().equals(path)) {
                queries.add(String.valueOf(request.query()));
            }
        }
        return queries;
    }

    private static String imdsToken(SimulatedAdo ado) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        ado.simulator.imdsEndpoint() + "?api-version=2018-02-01&resource=499b84ac-1321-427f-aa17-267ca6975798"))
                .header("Metadata", "true").build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        assertThat(matcher.find()).as(response.body()).isTrue();
        return matcher.group(1);
    }

    private static WebRequest verifyIdentity(JenkinsRule j, JenkinsRule.WebClient client, String clientId,
            String resourceId) throws Exception {
        String query = "clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&resourceId=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8);
        return client.addCrumb(new WebRequest(new URL(j.getURL(), "descriptorByName/"
                + AzureDevOpsManagedIdentity.class.getName() + "/verify?" + query), HttpMethod.POST));
    }

    private static String text(Page page) {
        return page.getWebResponse().getContentAsString();
    }

    /**
     * A secret text that, like the OpenID Connect Provider plugin's ID token credential, issues a new OIDC token on
     * every read, and for a build one whose subject names the build's job.
     */
    public static final class BuildBoundToken extends BaseStandardCredentials implements StringCredentials {
        private static final long serialVersionUID = 1L;
        private final String subject;

        BuildBoundToken(String id, String subject) {
            super(CredentialsScope.GLOBAL, id, "OIDC ID token");
            this.subject = subject;
        }

        @NonNull
        @Override
        public Secret getSecret() {
            String token = issuer.mint(subject, "api://AzureADTokenExchange", Duration.ofMinutes(5));
            MINTED.add(token);
            return Secret.fromString(token);
        }

        @NonNull
        @Override
        public Credentials forRun(@NonNull Run<?, ?> context) {
            return new BuildBoundToken(getId(), "job:" + context.getParent().getFullName());
        }

        @TestExtension
        public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {
            @NonNull
            @Override
            public String getDisplayName() {
                return "Build-bound OIDC token (test)";
            }
        }
    }

    /** A credentials store that is not Jenkins' own, standing in for a folder's. */
    @TestExtension
    public static final class Elsewhere extends CredentialsProvider {
        @NonNull
        @Override
        public <C extends Credentials> List<C> getCredentialsInItemGroup(@NonNull Class<C> type, ItemGroup itemGroup,
                Authentication authentication, @NonNull List<DomainRequirement> domainRequirements) {
            List<C> found = new ArrayList<>();
            if (ACL.SYSTEM2.equals(authentication)) {
                ELSEWHERE.stream().filter(type::isInstance).map(type::cast).forEach(found::add);
            }
            return found;
        }
    }
}
