package io.jenkins.plugins.adoworkitems.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.model.ItemGroup;
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
import io.jenkins.plugins.adoworkitems.core.ado.TrustedCertificates;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.template.AllowedProjects;
import io.jenkins.plugins.adoworkitems.credentials.AdoCredentials;
import io.jenkins.plugins.adoworkitems.credentials.AdoLogin;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.net.URI;
import java.util.Locale;
import javax.net.ssl.SSLContext;

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
    private boolean allowHttp;
    private boolean allowPrivateAddresses;
    private String trustedCertificates = "";
    private String allowedProjects = "";

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

    /** Off by default, so that a URL cannot send credentials in clear text. */
    public boolean isAllowHttp() {
        return allowHttp;
    }

    @DataBoundSetter
    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    /**
     * Off by default, so that a URL cannot point credentials at this host, at cloud metadata services or at other
     * hosts inside the network; an Azure DevOps Server on the intranet needs it.
     */
    public boolean isAllowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    @DataBoundSetter
    public void setAllowPrivateAddresses(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** PEM certificates trusted on top of the JVM's CAs, e.g. the corporate CA of an Azure DevOps Server; empty for none. */
    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    @DataBoundSetter
    public void setTrustedCertificates(String trustedCertificates) {
        this.trustedCertificates = Util.fixNull(trustedCertificates).trim();
    }

    /** Projects and area paths, one a line, that builds may write to through this connection; empty for any. */
    public String getAllowedProjects() {
        return allowedProjects;
    }

    @DataBoundSetter
    public void setAllowedProjects(String allowedProjects) {
        this.allowedProjects = Util.fixNull(allowedProjects).trim();
    }

    /** @throws IllegalArgumentException naming this connection and the line that is not a project or area path */
    public AllowedProjects allowedProjects() {
        try {
            return AllowedProjects.parse(allowedProjects);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.Connection_BadAllowedProjects(name, e.getMessage()), e);
        }
    }

    /** @throws IllegalArgumentException with a message for the user when the URL or api-version is not valid */
    public AdoTarget target() {
        return target(url, flavour, apiVersion);
    }

    /** Connects as {@code login}; nothing is sent until the first call. */
    public AdoClient client(AdoLogin login) {
        return AdoClient.create(target(), login.credentials(), settings(login));
    }

    /** @throws IllegalArgumentException naming this connection when its trusted certificates are not PEM certificates */
    public ClientSettings settings(AdoLogin login) {
        ClientSettings settings = JenkinsProxy.apply(ClientSettings.defaults()
                .withUrlPolicy(new UrlPolicy(allowHttp, allowPrivateAddresses))
                .withEntra(login.entra()));
        if (trustedCertificates.isEmpty()) {
            return settings;
        }
        SSLContext tls;
        try {
            tls = TrustedCertificates.fromPem(trustedCertificates).sslContext();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.Connection_BadCertificates(name, e.getMessage()), e);
        }
        // Entra ID too: a private authority host may carry the same corporate CA, and the JVM's CAs stay trusted.
        return settings.withSslContext(tls).withEntra(settings.entra().withSslSocketFactory(tls.getSocketFactory()));
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
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item)) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(Messages.Connection_NameRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String flavour,
                @QueryParameter String apiVersion) {
            if (!FormAccess.canConfigure(item)) {
                return FormValidation.ok();
            }
            return checkTarget(value, flavour, apiVersion);
        }

        @POST
        public FormValidation doCheckApiVersion(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
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
        public ListBoxModel doFillFlavourItems(@AncestorInPath Item item) {
            if (!FormAccess.canConfigure(item)) {
                return Choices.none();
            }
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Connection_FlavourAuto(), "");
            model.add(Messages.Connection_FlavourServices(), "services");
            model.add(Messages.Connection_FlavourServer(), "server");
            return model;
        }

        /** Credentials for this URL's host (credentials domains); System-scoped ones included, as builds use them. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String url, @QueryParameter String credentialsId) {
            return FormAccess.canListCredentials(item) ? AdoCredentials.items(item, credentialsId, url)
                    : AdoCredentials.currentOnly(credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String url, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item)) {
                return FormValidation.ok();
            }
            return AdoCredentials.problemForConnection(Util.fixNull(value).trim(),
                    AdoCredentials.contextOf(item), url)
                    .map(FormValidation::error).orElseGet(FormValidation::ok);
        }

        @POST
        public FormValidation doCheckTrustedCertificates(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                return FormValidation.ok(Messages.Connection_CertificatesOk(
                        String.join("; ", TrustedCertificates.fromPem(value).describe())));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** Signs in and reads one project: proves URL, network, credentials and membership without writing. */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String url, @QueryParameter String flavour,
                @QueryParameter String apiVersion, @QueryParameter String credentialsId,
                @QueryParameter boolean allowHttp, @QueryParameter boolean allowPrivateAddresses,
                @QueryParameter String trustedCertificates, @QueryParameter String testProject) {
            FormAccess.checkConfigure(item);
            Connection connection = new Connection("test", url);
            connection.setFlavour(flavour);
            connection.setApiVersion(apiVersion);
            connection.setCredentialsId(credentialsId);
            connection.setAllowHttp(allowHttp);
            connection.setAllowPrivateAddresses(allowPrivateAddresses);
            connection.setTrustedCertificates(trustedCertificates);
            return testConnection(connection, AdoCredentials.contextOf(item), testProject);
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

        /** What Test connection and Validate template share: sign in as the connection would, read one project. */
        static FormValidation testConnection(Connection connection, ItemGroup<?> context, String testProject) {
            if (connection.getCredentialsId().isEmpty()) {
                return FormValidation.error(Messages.Connection_CredentialsRequired());
            }
            if (Util.fixEmptyAndTrim(testProject) == null) {
                return FormValidation.error(Messages.Connection_TestProjectRequired());
            }
            try {
                AdoLogin login = AdoCredentials.forAdministrator(connection.getCredentialsId(), context, connection.getUrl());
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
