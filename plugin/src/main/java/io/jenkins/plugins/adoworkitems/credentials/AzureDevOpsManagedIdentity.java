package io.jenkins.plugins.adoworkitems.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.Authenticator;
import io.jenkins.plugins.adoworkitems.core.auth.ManagedIdentity;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.util.Optional;

/**
 * The managed identity of the Azure machine the controller runs on (VM, scale set, App Service, Container Apps):
 * system-assigned, or a user-assigned one named by client id or resource id. It holds no secret; the machine's
 * token endpoint answers any process on it. So it is the controller's identity, which only an administrator may hand
 * out: the kind exists only in Jenkins' own credentials (not in folders or users' stores), and a build uses one only
 * when it comes from there.
 */
public class AzureDevOpsManagedIdentity extends BaseStandardCredentials {
    private static final long serialVersionUID = 1L;

    private String clientId = "";
    private String resourceId = "";

    @DataBoundConstructor
    public AzureDevOpsManagedIdentity(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description) {
        super(scope, id, description);
    }

    /** Of a user-assigned identity; empty for the system-assigned one or when named by resource id. */
    @NonNull
    public String getClientId() {
        return clientId;
    }

    @DataBoundSetter
    public void setClientId(@CheckForNull String clientId) {
        this.clientId = Util.fixNull(clientId).trim();
    }

    /** Of a user-assigned identity, {@code /subscriptions/…/userAssignedIdentities/NAME}; empty otherwise. */
    @NonNull
    public String getResourceId() {
        return resourceId;
    }

    @DataBoundSetter
    public void setResourceId(@CheckForNull String resourceId) {
        this.resourceId = Util.fixNull(resourceId).trim();
    }

    /** @throws IllegalArgumentException when both ids are given */
    ManagedIdentity identity() {
        return new ManagedIdentity(Optional.of(clientId), Optional.of(resourceId));
    }

    @Extension
    @Symbol("azureDevOpsManagedIdentity")
    public static class DescriptorImpl extends BaseStandardCredentialsDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AzureDevOpsManagedIdentity_DisplayName();
        }

        @Override
        public String getDescription() {
            return Messages.AzureDevOpsManagedIdentity_Description();
        }

        @Override
        public String getIconClassName() {
            return "symbol-cloud";
        }

        /** Only Jenkins' own store: a folder's or a user's credential must not sign in as the controller. */
        @Override
        public boolean isApplicable(CredentialsProvider provider) {
            return provider instanceof SystemCredentialsProvider.ProviderImpl;
        }

        @POST
        public FormValidation doCheckResourceId(@QueryParameter String clientId, @QueryParameter String value) {
            if (!FormAccess.canConfigure(null)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(clientId) != null && Util.fixEmptyAndTrim(value) != null
                    ? FormValidation.error(Messages.AzureDevOpsManagedIdentity_BothIds()) : FormValidation.ok();
        }

        /**
         * Asks this controller's managed identity endpoint for an Azure DevOps token; nothing is sent to Azure DevOps.
         * Administrators only, as only they may create the credential.
         */
        @POST
        public FormValidation doVerify(@QueryParameter String clientId, @QueryParameter String resourceId) {
            FormAccess.checkConfigure(null);
            AzureDevOpsManagedIdentity identity = new AzureDevOpsManagedIdentity(CredentialsScope.GLOBAL, null, null);
            identity.setClientId(clientId);
            identity.setResourceId(resourceId);
            try {
                AdoLogin login = AdoCredentials.login(identity, AdoCredentials.forUser(null));
                Authenticator.of(login.credentials(), login.entra(), null).authorization();
                return FormValidation.ok(Messages.AzureDevOpsManagedIdentity_Verified(
                        login.entra().managedIdentityEndpoint().describe(), login.credentials().describe()));
            } catch (AuthenticationException e) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_NotVerified(AdoCredentials.withCode(e)));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.AzureDevOpsServicePrincipal_NotVerified(e.getMessage()));
            }
        }
    }
}
