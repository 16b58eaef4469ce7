package io.jenkins.plugins.adoworkitems;

import hudson.ProxyConfiguration;
import hudson.model.Item;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsServicePrincipal;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.ForwardProxy;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Jenkins' own proxy carries the builds' Azure DevOps calls and the service principal's Verify button. */
@WithJenkins
class ProxyAndVerifyTest {
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "11111111-aaaa-4bbb-8ccc-000000000007";
    private static final String SECRET = "sp-secret-Verify~7";

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
    }

    @Test
    void buildsReachAzureDevOpsThroughJenkinsProxyWithItsLogin(JenkinsRule j) throws Exception {
        try (SimulatedAdo ado = new SimulatedAdo();
                ForwardProxy proxy = ForwardProxy.requiringLogin("builder", "proxy-pw")) {
            j.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "builder", "proxy-pw"));
            WorkflowJob job = j.createProject(WorkflowJob.class, "behind-proxy");
            job.setDefinition(new CpsFlowDefinition(
                    "def item = createAdoWorkItem(template: 'security-bugs', title: 'Through the proxy', type: 'Task')\n"
                            + "echo \"id=${item.id}\"\n", true));

            j.assertLogContains("id=1", j.buildAndAssertSuccess(job));
            assertThat(ado.writes()).isEqualTo(1);
            // Our client sends the login up front; whatever else Jenkins itself might send through the proxy is not ours.
            String simulator = ado.simulator.baseUri().toString();
            assertThat(proxy.refused()).noneMatch(line -> line.contains(simulator));
            assertThat(proxy.forwarded()).anyMatch(line -> line.startsWith("POST " + ado.simulator.organizationUrl("demo")));
        }
    }

    @Test
    void verifyAsksEntraIdThroughJenkinsProxyAndNeedsPermission(JenkinsRule j) throws Exception {
        SSLSocketFactory jvmDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
        try (AdoSimulator entra = AdoSimulator.start(SimulatorConfig.builder().organization("acme")
                        .project("acme", "Web", Process.AGILE).pat("unused", PatState.VALID)
                        .servicePrincipal(TENANT, CLIENT, SECRET).https(true).build());
                ForwardProxy proxy = ForwardProxy.open()) {
            // MSAL4J connects with HttpsURLConnection; this is how the test JVM trusts the simulator's certificate.
            HttpsURLConnection.setDefaultSSLSocketFactory(entra.clientSslContext().getSocketFactory());
            j.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port()));
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
            JenkinsRule.WebClient admin = j.createWebClient().login("admin");
            admin.setThrowExceptionOnFailingStatusCode(false);
            JenkinsRule.WebClient reader = j.createWebClient().login("reader");
            reader.setThrowExceptionOnFailingStatusCode(false);

            Page verified = admin.getPage(verify(j, admin, entra, SECRET));
            assertThat(verified.getWebResponse().getContentAsString())
                    .contains("Entra ID issued a token for Azure DevOps to").contains(CLIENT);
            assertThat(proxy.forwarded()).contains("CONNECT 127.0.0.1:" + entra.baseUri().getPort());

            Page refused = admin.getPage(verify(j, admin, entra, "not-the-secret"));
            assertThat(refused.getWebResponse().getContentAsString()).contains("No token:").doesNotContain("not-the-secret");

            Page forbidden = reader.getPage(verify(j, reader, entra, SECRET));
            assertThat(forbidden.getWebResponse().getStatusCode()).isEqualTo(403);
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(jvmDefault);
        }
    }

    private static WebRequest verify(JenkinsRule j, JenkinsRule.WebClient client, AdoSimulator entra, String secret)
            throws Exception {
        String query = "tenantId=" + TENANT + "&clientId=" + CLIENT
                + "&clientSecret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&certificateCredentialsId=&authorityHost=" + URLEncoder.encode(entra.baseUri().toString(), StandardCharsets.UTF_8);
        WebRequest request = new WebRequest(new URL(j.getURL(), "descriptorByName/"
                + AzureDevOpsServicePrincipal.class.getName() + "/verify?" + query), HttpMethod.POST);
        return client.addCrumb(request);
    }
}
