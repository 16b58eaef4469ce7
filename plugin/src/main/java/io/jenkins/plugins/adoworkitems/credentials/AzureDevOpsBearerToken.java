package io.jenkins.plugins.adoworkitems.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.Secret;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A token obtained elsewhere and sent as {@code Authorization: Bearer}: an Entra ID access token for Azure DevOps,
 * or an Azure Pipelines job's {@code System.AccessToken}. Its own kind rather than a secret text with a flag, so that
 * a secret text always means a personal access token and the drop-downs name what each credential is. It cannot be
 * refreshed here: when it expires, builds fail with {@code AUTH_REQUIRED} until it is replaced.
 */
public class AzureDevOpsBearerToken extends BaseStandardCredentials {
    private static final long serialVersionUID = 1L;

    private final Secret token;

    @DataBoundConstructor
    public AzureDevOpsBearerToken(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, Secret token) {
        super(scope, id, description);
        this.token = token;
    }

    @NonNull
    public Secret getToken() {
        return token == null ? Secret.fromString("") : token;
    }

    @Extension
    @Symbol("azureDevOpsBearerToken")
    public static class DescriptorImpl extends BaseStandardCredentialsDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AzureDevOpsBearerToken_DisplayName();
        }

        @Override
        public String getDescription() {
            return Messages.AzureDevOpsBearerToken_Description();
        }

        @Override
        public String getIconClassName() {
            return "symbol-cloud";
        }
    }
}
