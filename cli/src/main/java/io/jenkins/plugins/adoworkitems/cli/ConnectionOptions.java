package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ApiVersion;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.RetryPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.TrustedCertificates;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import io.jenkins.plugins.adoworkitems.core.auth.ManagedIdentityEndpoint;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import io.jenkins.plugins.adoworkitems.core.template.TemplateFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Where Azure DevOps is and how to talk to it; shared by the commands that call it. */
final class ConnectionOptions {
    static final String AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";
    private static final long MAX_CA_FILE_BYTES = 1024 * 1024;
    private static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    @ArgGroup(exclusive = true)
    Url url;

    static final class Url {
        @Option(names = "--org-url", paramLabel = "URL",
                description = "Azure DevOps Services organization, e.g. https://dev.azure.com/ORG.")
        String organization;

        @Option(names = "--collection-url", paramLabel = "URL",
                description = "Azure DevOps Server collection, e.g. https://ado.example.com/tfs/DefaultCollection.")
        String collection;
    }

    @Option(names = "--api-version", paramLabel = "VERSION",
            description = "Use this api-version (5.0, 6.0, 7.0, 7.1) instead of 7.1 on Services or asking the server.")
    String apiVersion;

    @Option(names = "--pat-file", paramLabel = "FILE",
            description = "Read the personal access token from this file (else the environment, see below).")
    Path patFile;

    @Option(names = "--managed-identity",
            description = "Sign in as this Azure machine's managed identity (VM, scale set, App Service, Container Apps): "
                    + "system-assigned, or user-assigned when AZURE_CLIENT_ID or one of the next two options is set.")
    boolean managedIdentity;

    @Option(names = "--managed-identity-client-id", paramLabel = "ID",
            description = "Client id of the user-assigned managed identity to sign in as (implies --managed-identity).")
    String managedIdentityClientId;

    @Option(names = "--managed-identity-resource-id", paramLabel = "ID",
            description = "Azure resource id of the user-assigned managed identity to sign in as (implies --managed-identity).")
    String managedIdentityResourceId;

    @Option(names = "--allow-private-urls",
            description = "Allow plain http and loopback or private addresses (the simulator, an on-premises test server).")
    boolean allowPrivateUrls;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "Also trust the certificates in this PEM file: a corporate CA of Azure DevOps Server, or the "
                    + "simulator's --write-cert. Repeatable; the JVM's CAs stay trusted.")
    List<Path> caCertificates = new ArrayList<>();

    @Option(names = "--retry-budget", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long one call may keep retrying after throttling, server errors or network errors "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration retryBudget;

    /** The target named on the command line, else the one from the templates file; empty when neither. */
    Optional<AdoTarget> target(Optional<String> fromFile, Optional<String> fileApiVersion) {
        AdoTarget target;
        try {
            if (url != null && url.collection != null) {
                target = AdoTarget.server(checkedUri(url.collection));
            } else if (url != null && url.organization != null) {
                // parse() checks the shape of dev.azure.com URLs; any other host named as an organization is a
                // Services look-alike (the simulator), not a Server collection.
                AdoTarget parsed = AdoTarget.parse(url.organization);
                target = parsed.flavour() == AdoTarget.Flavour.SERVICES ? parsed : AdoTarget.services(parsed.url());
            } else if (fromFile.isPresent()) {
                target = AdoTarget.parse(fromFile.get());
            } else {
                return Optional.empty();
            }
            String version = apiVersion != null ? apiVersion : fileApiVersion.orElse(null);
            return Optional.of(version == null || version.isBlank() ? target : target.withApiVersion(ApiVersion.parse(version)));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    AdoTarget requiredTarget(Optional<String> fromFile, Optional<String> fileApiVersion) {
        return target(fromFile, fileApiVersion).orElseThrow(() -> CommandFailure.badInput(
                "No Azure DevOps URL: pass --org-url (or --collection-url), or name a connection in the templates file."));
    }

    /**
     * Strict unless opted out: the flag allows http and private addresses for any URL; a templates file's connection
     * allows what it names only for its own URL, since a URL from the command line was not the one it vouched for.
     */
    UrlPolicy urlPolicy(boolean allowPrivateGlobally, Optional<TemplateFile.Connection> fromFile) {
        if (allowPrivateUrls || allowPrivateGlobally) {
            return new UrlPolicy(true, true);
        }
        boolean urlOnCommandLine = url != null && (url.organization != null || url.collection != null);
        if (fromFile.isPresent() && !urlOnCommandLine) {
            return new UrlPolicy(fromFile.get().allowHttp(), fromFile.get().allowPrivateUrls());
        }
        return UrlPolicy.strict();
    }

    ClientSettings settings(UrlPolicy urlPolicy, Map<String, String> environment) {
        ClientSettings settings = ClientSettings.defaults()
                .withUrlPolicy(urlPolicy)
                .withRetry(RetryPolicy.defaults().withTotalBudget(retryBudget));
        String authority = environment.getOrDefault(AUTHORITY_HOST, "").strip();
        if (!authority.isEmpty()) {
            try {
                settings = settings.withEntra(EntraSettings.publicCloud().withAuthorityHost(checkedUri(authority)));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCode.CREDENTIALS, AUTHORITY_HOST + ": " + e.getMessage());
            }
        }
        // Where App Service or Container Apps put the identity endpoint, read from the same environment as the rest.
        settings = settings.withEntra(settings.entra().withManagedIdentityEndpoint(
                ManagedIdentityEndpoint.fromEnvironment(environment)));
        Optional<ProxyFromEnvironment> proxy = proxy(environment);
        if (proxy.isPresent()) {
            settings = settings.withProxy(proxy.get().selector(), proxy.get().login());
            if (proxy.get().login() != null) {
                if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
                    // The JDK withholds Basic logins from CONNECT tunnels (https) unless this is cleared before its
                    // HTTP clients first load. A login written into HTTPS_PROXY is meant for exactly that, as in curl.
                    System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
                }
                // MSAL4J (Entra ID tokens) connects with HttpURLConnection, which takes a proxy login only from the
                // JVM-wide authenticator. This process is one CLI command, so JVM-wide is this run's own.
                java.net.Authenticator.setDefault(proxy.get().authenticator());
            }
        }
        Optional<TrustedCertificates> added = addedTrust();
        if (added.isPresent()) {
            SSLContext tls = added.get().sslContext();
            // Entra ID too: a private authority host (AZURE_AUTHORITY_HOST) may carry the same corporate CA.
            settings = settings.withSslContext(tls).withEntra(settings.entra().withSslSocketFactory(tls.getSocketFactory()));
        }
        return settings;
    }

    /**
     * The proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY; empty when none is set or when the JVM was given its own
     * (https.proxyHost or http.proxyHost through ADO_WORKITEMS_JAVA_OPTS), which then wins as the more deliberate one.
     */
    static Optional<ProxyFromEnvironment> proxy(Map<String, String> environment) {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
            return Optional.empty();
        }
        return ProxyFromEnvironment.read(environment);
    }

    /** For the console: the proxy in use, if one comes from the environment. */
    static Optional<String> proxyLine(Map<String, String> environment) {
        return proxy(environment).map(ProxyFromEnvironment::describe);
    }

    /** The certificates of every --ca-cert file, empty without the option; a bad file is bad input naming it. */
    Optional<TrustedCertificates> addedTrust() {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : caCertificates) {
            certificates.addAll(readCaFile(file).certificates());
        }
        return certificates.isEmpty() ? Optional.empty() : Optional.of(new TrustedCertificates(certificates));
    }

    /** For the console: which certificates are trusted besides the JVM's, one line each. */
    List<String> addedTrustLines() {
        return addedTrust().map(TrustedCertificates::describe).orElse(List.of());
    }

    private static TrustedCertificates readCaFile(Path file) {
        String pem;
        try {
            if (Files.size(file) > MAX_CA_FILE_BYTES) {
                throw CommandFailure.badInput("--ca-cert " + file + " is larger than 1 MiB; is it the right file?");
            }
            pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw CommandFailure.badInput("Cannot read --ca-cert " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            return TrustedCertificates.fromPem(pem);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput("--ca-cert " + file + ": " + e.getMessage());
        }
    }

    CredentialsFromEnvironment.Chosen credentials(Map<String, String> environment) {
        return CredentialsFromEnvironment.choose(environment, patFile, new CredentialsFromEnvironment.ManagedIdentityOptions(
                managedIdentity, managedIdentityClientId, managedIdentityResourceId));
    }

    AdoClient client(AdoTarget target, CredentialsFromEnvironment.Chosen credentials, UrlPolicy urlPolicy,
                     Map<String, String> environment) {
        return AdoClient.create(target, credentials.credentials(), settings(urlPolicy, environment));
    }

    private static URI checkedUri(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("Not an absolute URL: " + Redactor.withoutUserInfo(text));
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Malformed URL at index " + e.getIndex() + ": "
                    + Redactor.withoutUserInfo(text));
        }
    }
}
