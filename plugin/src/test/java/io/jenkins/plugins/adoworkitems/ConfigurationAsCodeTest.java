package io.jenkins.plugins.adoworkitems;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.security.ACL;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsBearerToken;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsManagedIdentity;
import io.jenkins.plugins.adoworkitems.credentials.AzureDevOpsServicePrincipal;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void importsConnectionsTemplatesAndTheServicePrincipal(JenkinsConfiguredWithCodeRule j) {
        AdoWorkItemsConfiguration configuration = AdoWorkItemsConfiguration.get();
        Connection connection = configuration.connection("contoso").orElseThrow();
        assertThat(connection.getUrl()).isEqualTo("https://dev.azure.com/contoso");
        assertThat(connection.getCredentialsId()).isEqualTo("ado-sp");
        assertThat(connection.isAllowPrivateAddresses()).isFalse();
        Connection onPremises = configuration.connection("onprem").orElseThrow();
        assertThat(onPremises.isAllowPrivateAddresses()).isTrue();
        assertThat(onPremises.isAllowHttp()).isFalse();

        Template template = configuration.template("security-bugs").map(WorkItemTemplate::toTemplate).orElseThrow();
        assertThat(template.project()).isEqualTo("Web");
        assertThat(template.threshold()).isEqualTo(Severity.HIGH);
        assertThat(template.tags()).containsExactly("security", "scanner");
        assertThat(template.fields()).containsEntry("Custom.Team", "AppSec");
        assertThat(template.routing().tools()).containsExactly("Trivy", "CodeQL");
        assertThat(template.resolveFixed()).isTrue();

        AzureDevOpsServicePrincipal principal = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(AzureDevOpsServicePrincipal.class, j.jenkins,
                        ACL.SYSTEM2, List.of()), CredentialsMatchers.withId("ado-sp"));
        assertThat(principal).isNotNull();
        assertThat(principal.getScope()).isEqualTo(com.cloudbees.plugins.credentials.CredentialsScope.SYSTEM);
        assertThat(principal.getClientId()).isEqualTo("00000000-0000-0000-0000-000000000002");
        assertThat(principal.getClientSecret().getPlainText()).isEqualTo("sp-secret-value");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void exportsEverythingButNeverTheSecretInPlainText(JenkinsConfiguredWithCodeRule j) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        String exported = out.toString(StandardCharsets.UTF_8);

        assertThat(exported).contains("azureDevOpsWorkItems", "name: \"security-bugs\"", "routingTools: \"Trivy, CodeQL\"",
                "azureDevOpsServicePrincipal", "clientId: \"00000000-0000-0000-0000-000000000002\"",
                "allowPrivateAddresses: true");
        assertThat(exported).doesNotContain("sp-secret-value");
        assertThat(exported).containsPattern("clientSecret: \"\\{[A-Za-z0-9+/=]+}\"");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-identities.yaml")
    void importsAndExportsTheAzureIdentities(JenkinsConfiguredWithCodeRule j) throws Exception {
        AzureDevOpsManagedIdentity identity = stored(j, AzureDevOpsManagedIdentity.class, "ado-mi");
        assertThat(identity.getClientId()).isEqualTo("22222222-aaaa-4bbb-8ccc-000000000002");
        assertThat(identity.getResourceId()).isEmpty();
        AzureDevOpsServicePrincipal aks = stored(j, AzureDevOpsServicePrincipal.class, "ado-aks");
        assertThat(aks.isFederatedTokenFile()).isTrue();
        assertThat(aks.getClientSecret()).isNull();
        assertThat(stored(j, AzureDevOpsServicePrincipal.class, "ado-oidc").getFederatedTokenCredentialsId())
                .isEqualTo("oidc-token");
        assertThat(stored(j, AzureDevOpsBearerToken.class, "ado-bearer").getToken().getPlainText())
                .isEqualTo("bearer-token-value");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        String exported = out.toString(StandardCharsets.UTF_8);
        assertThat(exported).contains("azureDevOpsManagedIdentity", "federatedTokenFile: true",
                "federatedTokenCredentialsId: \"oidc-token\"", "azureDevOpsBearerToken");
        assertThat(exported).doesNotContain("bearer-token-value");
        assertThat(exported).containsPattern("token: \"\\{[A-Za-z0-9+/=]+}\"");
    }

    private static <C extends com.cloudbees.plugins.credentials.common.StandardCredentials> C stored(
            JenkinsConfiguredWithCodeRule j, Class<C> type, String id) {
        C found = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(type, j.jenkins,
                ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        assertThat(found).as(id).isNotNull();
        return found;
    }
}
