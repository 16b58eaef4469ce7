package io.jenkins.plugins.adoworkitems.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.JenkinsProxy;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ApiVersion;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.credentials.AdoCredentials;
import io.jenkins.plugins.adoworkitems.credentials.AdoLogin;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.net.URI;
import java.util.Locale;

/**
 * An Azure DevOps organization (Services) or collection (Server) and the credential to sign in with. Templates
 * name a connection; builds never see more of it than its name.
 */
public class Connection implements Describable<Connection> {
    private final String name;
    private final String url;
    private String credentialsId = "";
    private String apiVersion = "";
    private String flavour = "";
    private boolean allowHttpAndPrivateAddresses;

    @DataBoundConstructor
    public Connection(String name, String url) {
        this.name = Util.fixNull(name).trim();
        this.url = Util.fixNull(url).trim();
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixNull(credentialsId).trim();
    }

    /** Empty: 7.1 on Services, negotiated on Server. */
    public String getApiVersion() {
        return apiVersion;
    }

    @DataBoundSetter
    public void setApiVersion(String apiVersion) {
        this.apiVersion = Util.fixNull(apiVersion).trim();
    }

    /** {@code services}, {@code server}, or empty to tell from the host name. */
    public String getFlavour() {
        return flavour;
    }

    @DataBoundSetter
    public void setFlavour(String flavour) {
        this.flavour = Util.fixNull(flavour).trim().toLowerCase(Locale.ROOT);
    }

    /** Off by default, so that a URL cannot point credentials at plain http or at hosts inside the network. */
    public boolean isAllowHttpAndPrivateAddresses() {
        return allowHttpAndPrivateAddresses;
    }

    @DataBoundSetter
    public void setAllowHttpAndPrivateAddresses(boolean allowHttpAndPrivateAddresses) {
        this.allowHttpAndPrivateAddresses = allowHttpAndPrivateAddresses;
    }

    /** @throws IllegalArgumentException with a message for the user when the URL or api-version is not valid */
    public AdoTarget target() {
        return target(url, flavour, apiVersion);
    }

    /** Connects as {@code login}; nothing is sent until the first call. */
    public AdoClient client(AdoLogin login) {
        return AdoClient.create(target(), login.credentials(), settings(login));
    }

    public ClientSettings settings(AdoLogin login) {
        return JenkinsProxy.apply(ClientSettings.defaults()
                .withUrlPolicy(allowHttpAndPrivateAddresses ? UrlPolicy.onPremises(true) : UrlPolicy.strict())
                .withEntra(login.entra()));
    }

    static AdoTarget target(String url, String flavour, String apiVersion) {
        AdoTarget target = switch (Util.fixNull(flavour).trim().toLowerCase(Locale.ROOT)) {
            case "services" -> AdoTarget.services(uri(url));
            case "server" -> AdoTarget.server(uri(url));
            default -> AdoTarget.parse(url);
        };
        return Util.fixEmptyAndTrim(apiVersion) == null ? target : target.withApiVersion(ApiVersion.parse(apiVersion));
    }

    private static URI uri(String url) {
        // parse() gives the clear messages for malformed URLs; its flavour is then overridden.
        return AdoTarget.parse(url).url();
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<Connection> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Connection_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            if (!FormAccess.canConfigure(null)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(Messages.Connection_NameRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value, @QueryParameter String flavour,
                @QueryParameter String apiVersion) {
            if (!FormAccess.canConfigure(null)) {
                return FormValidation.ok();
            }
            return checkTarget(value, flavour, apiVersion);
        }

        @POST
        public FormValidation doCheckApiVersion(@QueryParameter String value) {
            if (!FormAccess.canConfigure(null) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                ApiVersion.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public ListBoxModel doFillFlavourItems() {
            if (!FormAccess.canConfigure(null)) {
                return Choices.none();
            }
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Connection_FlavourAuto(), "");
            model.add(Messages.Connection_FlavourServices(), "services");
            model.add(Messages.Connection_FlavourServer(), "server");
            return model;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return FormAccess.canListCredentials(null) ? AdoCredentials.items(null, credentialsId)
                    : AdoCredentials.currentOnly(credentialsId);
        }

        /** Signs in and reads one project: proves URL, network, credentials and membership without writing. */
        @POST
        public FormValidation doTestConnection(@QueryParameter String url, @QueryParameter String flavour,
                @QueryParameter String apiVersion, @QueryParameter String credentialsId,
                @QueryParameter boolean allowHttpAndPrivateAddresses, @QueryParameter String testProject) {
            FormAccess.checkConfigure(null);
            return testConnection(url, flavour, apiVersion, credentialsId, allowHttpAndPrivateAddresses, testProject);
        }

        static FormValidation checkTarget(String url, String flavour, String apiVersion) {
            if (Util.fixEmptyAndTrim(url) == null) {
                return FormValidation.error(Messages.Connection_UrlRequired());
            }
            try {
                target(url, flavour, apiVersion);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        static FormValidation testConnection(String url, String flavour, String apiVersion, String credentialsId,
                boolean allowHttpAndPrivateAddresses, String testProject) {
            if (Util.fixEmptyAndTrim(credentialsId) == null) {
                return FormValidation.error(Messages.Connection_CredentialsRequired());
            }
            if (Util.fixEmptyAndTrim(testProject) == null) {
                return FormValidation.error(Messages.Connection_TestProjectRequired());
            }
            Connection connection = new Connection("test", url);
            connection.setFlavour(flavour);
            connection.setApiVersion(apiVersion);
            connection.setAllowHttpAndPrivateAddresses(allowHttpAndPrivateAddresses);
            try {
                AdoLogin login = AdoCredentials.forAdministrator(credentialsId.trim());
                AdoClient client = connection.client(login);
                client.project(testProject.trim());
                return FormValidation.ok(Messages.Connection_TestOk(login.credentials().describe(), testProject.trim()));
            } catch (AdoException e) {
                return FormValidation.error(e.userMessage());
            } catch (AuthenticationException | IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
