package io.jenkins.plugins.adoworkitems.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.JenkinsProxy;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.Authenticator;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.core.Authentication;

import java.net.ProxySelector;
import java.net.URI;
import java.util.List;

/**
 * An Entra ID application (service principal) that Azure DevOps knows as a user: signs in with a client secret or
 * with the certificate of a certificate credential. Preferred over personal access tokens, which expire and which
 * Microsoft restricts to one organization.
 */
public class AzureDevOpsServicePrincipal extends BaseStandardCredentials {
    private static final long serialVersionUID = 1L;

    private final String tenantId;
    private final String clientId;
    private Secret clientSecret;
    private String certificateCredentialsId = "";
    private String authorityHost = "";
    private String federatedTokenCredentialsId = "";
    private boolean federatedTokenFile;

    @DataBoundConstructor
    public AzureDevOpsServicePrincipal(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, String tenantId, String clientId) {
        super(scope, id, description);
        this.tenantId = Util.fixNull(tenantId).trim();
        this.clientId = Util.fixNull(clientId).trim();
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getClientId() {
        return clientId;
    }

    /** Null when the certificate credential is used instead. */
    @CheckForNull
    public Secret getClientSecret() {
        return clientSecret;
    }

    @DataBoundSetter
    public void setClientSecret(@CheckForNull Secret clientSecret) {
        this.clientSecret = clientSecret == null || clientSecret.getPlainText().isEmpty() ? null : clientSecret;
    }

    /** The id of a certificate credential (PKCS#12 keystore), or empty to use the client secret. */
    @NonNull
    public String getCertificateCredentialsId() {
        return certificateCredentialsId;
    }

    @DataBoundSetter
    public void setCertificateCredentialsId(@CheckForNull String certificateCredentialsId) {
        this.certificateCredentialsId = Util.fixNull(certificateCredentialsId).trim();
    }

    /** Empty for the public cloud, else e.g. {@code https://login.microsoftonline.us}. */
    @NonNull
    public String getAuthorityHost() {
        return authorityHost;
    }

    @DataBoundSetter
    public void setAuthorityHost(@CheckForNull String authorityHost) {
        this.authorityHost = Util.fixNull(authorityHost).trim();
    }

    /**
     * The id of a secret text credential whose secret is an OIDC ID token (e.g. one the OpenID Connect Provider
     * plugin issues per build), presented to Entra ID instead of a secret (workload identity federation); empty
     * when not used. Looked up again for every token request, as the build that signs in.
     */
    @NonNull
    public String getFederatedTokenCredentialsId() {
        return federatedTokenCredentialsId;
    }

    @DataBoundSetter
    public void setFederatedTokenCredentialsId(@CheckForNull String federatedTokenCredentialsId) {
        this.federatedTokenCredentialsId = Util.fixNull(federatedTokenCredentialsId).trim();
    }

    /**
     * Whether to present the token in the file the controller's {@code AZURE_FEDERATED_TOKEN_FILE} names (AKS
     * workload identity). That is the controller's own identity, so only a credential in Jenkins' own store may.
     */
    public boolean isFederatedTokenFile() {
        return federatedTokenFile;
    }

    @DataBoundSetter
    public void setFederatedTokenFile(boolean federatedTokenFile) {
        this.federatedTokenFile = federatedTokenFile;
    }

    @Extension
    @Symbol("azureDevOpsServicePrincipal")
    public static class DescriptorImpl extends BaseStandardCredentialsDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AzureDevOpsServicePrincipal_DisplayName();
        }

        /** The line under the kind's name in the credentials plugin's "Add Credentials" dialog. */
        @Override
        public String getDescription() {
            return Messages.AzureDevOpsServicePrincipal_Description();
        }

        @Override
        public String getIconClassName() {
            return "symbol-cloud";
        }

        @POST
        public ListBoxModel doFillCertificateCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String certificateCredentialsId) {
            return FormAccess.canListCredentials(item)
                    ? userChoices(item, StandardCertificateCredentials.class, certificateCredentialsId)
                    : AdoCredentials.currentOnly(certificateCredentialsId);
        }

        @POST
        public ListBoxModel doFillFederatedTokenCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String federatedTokenCredentialsId) {
            return FormAccess.canListCredentials(item)
                    ? userChoices(item, StringCredentials.class, federatedTokenCredentialsId)
                    : AdoCredentials.currentOnly(federatedTokenCredentialsId);
        }

        /** Credentials of {@code type} the current user could choose here (the caller checked they may list them). */
        private static ListBoxModel userChoices(@CheckForNull Item item, Class<? extends StandardCredentials> type,
                @CheckForNull String current) {
            StandardListBoxModel model = new StandardListBoxModel();
            Authentication authentication = AdoCredentials.userAuthentication();
            if (item == null) {
                model.includeEmptyValue().includeMatchingAs(authentication, Jenkins.get(), type, List.of(),
                        CredentialsMatchers.always());
            } else {
                model.includeEmptyValue().includeMatchingAs(authentication, item, type, List.of(),
                        CredentialsMatchers.always());
            }
            model.includeCurrentValue(current);
            return model;
        }

        @POST
        public FormValidation doCheckAuthorityHost(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                if (isMicrosoftHost(value.trim())) {
                    return FormValidation.ok();
                }
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_AuthorityHostHttps());
            }
            String hosts = String.join(", ", EntraSettings.microsoftHosts());
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    ? FormValidation.warning(Messages.AzureDevOpsServicePrincipal_AuthorityHostNotMicrosoft(hosts))
                    : FormValidation.error(Messages.AzureDevOpsServicePrincipal_NotMicrosoftHost(hosts));
        }

        /**
         * Asks Entra ID for a token for Azure DevOps; nothing is sent to Azure DevOps itself. Reachable with
         * Item/Configure on any job, so it must not be a way to send a request, or a stored secret, anywhere else:
         * only administrators may name a host other than Microsoft's, a stored (encrypted) secret is never sent to
         * such a host, and certificates are those the user could choose.
         */
        @POST
        public FormValidation doVerify(@AncestorInPath Item item, @QueryParameter String tenantId,
                @QueryParameter String clientId, @QueryParameter String clientSecret,
                @QueryParameter String certificateCredentialsId, @QueryParameter String authorityHost,
                @QueryParameter String federatedTokenCredentialsId, @QueryParameter boolean federatedTokenFile) {
            FormAccess.checkConfigure(item);
            if (Util.fixEmptyAndTrim(tenantId) == null || Util.fixEmptyAndTrim(clientId) == null) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_MissingIds());
            }
            AzureDevOpsServicePrincipal principal = new AzureDevOpsServicePrincipal(CredentialsScope.GLOBAL, null, null,
                    tenantId, clientId);
            principal.setCertificateCredentialsId(certificateCredentialsId);
            principal.setAuthorityHost(authorityHost);
            principal.setFederatedTokenCredentialsId(federatedTokenCredentialsId);
            principal.setFederatedTokenFile(federatedTokenFile);
            boolean microsoft;
            try {
                microsoft = principal.getAuthorityHost().isEmpty() || isMicrosoftHost(principal.getAuthorityHost());
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_AuthorityHostHttps());
            }
            if (!microsoft) {
                if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                    return FormValidation.error(Messages.AzureDevOpsServicePrincipal_NotMicrosoftHost(
                            String.join(", ", EntraSettings.microsoftHosts())));
                }
                // Stapler decrypts a ciphertext bound to a String parameter (Secret.AUTO_ENCRYPT_PASSWORD_CONTROL), so
                // only the raw request shows whether the form sent a stored secret rather than a typed one.
                StaplerRequest2 request = Stapler.getCurrentRequest2();
                String submitted = request == null ? clientSecret : request.getParameter("clientSecret");
                if (Secret.decrypt(Util.fixNull(submitted)) != null) {
                    return FormValidation.error(Messages.AzureDevOpsServicePrincipal_RetypeSecret(
                            principal.getAuthorityHost()));
                }
            }
            principal.setClientSecret(Secret.fromString(clientSecret));
            try {
                // The controller's token file is Jenkins' own identity: only in Jenkins' own store (no item), where
                // only administrators get here.
                AdoLogin login = AdoCredentials.login(principal, AdoCredentials.forUser(item));
                // Through Jenkins' proxy, as the builds will ask.
                ProxySelector proxy = JenkinsProxy.apply(ClientSettings.defaults()).proxy();
                Authenticator.of(login.credentials(), login.entra(), proxy).authorization();
                return FormValidation.ok(Messages.AzureDevOpsServicePrincipal_Verified(login.credentials().describe()));
            } catch (AuthenticationException e) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_NotVerified(AdoCredentials.withCode(e)));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_NotVerified(e.getMessage()));
            }
        }

        /** @throws IllegalArgumentException when {@code authorityHost} is not an https URL */
        private static boolean isMicrosoftHost(String authorityHost) {
            return EntraSettings.publicCloud().withAuthorityHost(URI.create(authorityHost)).isMicrosoftHost();
        }
    }
}
