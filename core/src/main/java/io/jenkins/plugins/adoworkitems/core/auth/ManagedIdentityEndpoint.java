package io.jenkins.plugins.adoworkitems.core.auth;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where this machine's managed identities get their tokens, as Azure tells a process through its environment.
 * MSAL4J and the Azure SDK read the same variables, in this order:
 * <ol>
 * <li>{@code IDENTITY_ENDPOINT} + {@code IDENTITY_HEADER}: App Service, Azure Functions and Container Apps
 *     ({@link Kind#APP_SERVICE}); with {@code IDENTITY_SERVER_THUMBPRINT} as well it is Service Fabric;</li>
 * <li>{@code MSI_ENDPOINT}: Cloud Shell;</li>
 * <li>{@code IDENTITY_ENDPOINT} + {@code IMDS_ENDPOINT}: an Azure Arc-enabled server;</li>
 * <li>otherwise IMDS, {@code http://169.254.169.254/metadata/identity/oauth2/token} on VMs and scale sets (AKS
 *     nodes too), or below {@code AZURE_POD_IDENTITY_AUTHORITY_HOST} when that is set.</li>
 * </ol>
 * Service Fabric, Cloud Shell and Azure Arc are recognised but not supported here ({@link Kind#UNSUPPORTED}): a
 * token request names them instead of asking IMDS, which is not there.
 *
 * <p>Why we call the endpoint ourselves instead of MSAL4J's {@code ManagedIdentityApplication}: MSAL4J (1.23)
 * reads these variables only from {@code System.getenv} (its seam is package-private), so neither tests nor a
 * caller can point it at another endpoint, and it keeps one JVM-wide static token cache for all instances. Here the
 * endpoint is a value: the CLI and the plugin fill it from the environment, tests from the simulator.
 *
 * @param header the App Service {@code IDENTITY_HEADER}, a secret; null for IMDS
 * @param unsupported for {@link Kind#UNSUPPORTED}, which platform was recognised
 */
public record ManagedIdentityEndpoint(Kind kind, URI uri, String header, String unsupported) {
    public static final URI IMDS = URI.create("http://169.254.169.254/metadata/identity/oauth2/token");
    private static final String IMDS_PATH = "/metadata/identity/oauth2/token";

    /** The protocol the endpoint speaks. */
    public enum Kind {
        /** {@code GET ?api-version=2018-02-01&resource=…} with {@code Metadata: true}. */
        IMDS,
        /** {@code GET ?api-version=2019-08-01&resource=…} with {@code X-IDENTITY-HEADER}. */
        APP_SERVICE,
        UNSUPPORTED
    }

    public ManagedIdentityEndpoint {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.UNSUPPORTED) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("The managed identity endpoint must be an http(s) URL: "
                        + Redactor.withoutUserInfo(uri.toString()));
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("The managed identity endpoint must not contain a user name or password: "
                        + Redactor.withoutUserInfo(uri.toString()));
            }
        }
        if (kind == Kind.APP_SERVICE) {
            SecretText.require(header, "IDENTITY_HEADER");
        }
    }

    /** IMDS at its fixed link-local address. */
    public static ManagedIdentityEndpoint imds() {
        return imds(IMDS);
    }

    /** An IMDS-style endpoint elsewhere (tests: the simulator's). */
    public static ManagedIdentityEndpoint imds(URI endpoint) {
        return new ManagedIdentityEndpoint(Kind.IMDS, endpoint, null, null);
    }

    /** App Service or Container Apps: the values of IDENTITY_ENDPOINT and IDENTITY_HEADER. */
    public static ManagedIdentityEndpoint appService(URI endpoint, String header) {
        return new ManagedIdentityEndpoint(Kind.APP_SERVICE, endpoint, header, null);
    }

    /**
     * The endpoint the environment names, in MSAL4J's order (see above). Never fails: a malformed variable gives an
     * {@link Kind#UNSUPPORTED} endpoint naming it, so that only a managed identity sign-in reports it.
     */
    public static ManagedIdentityEndpoint fromEnvironment(Map<String, String> environment) {
        try {
            return detect(environment);
        } catch (IllegalArgumentException e) {
            return unsupported("a malformed managed identity variable (IDENTITY_ENDPOINT or "
                    + "AZURE_POD_IDENTITY_AUTHORITY_HOST is not an http URL)");
        }
    }

    private static ManagedIdentityEndpoint detect(Map<String, String> environment) {
        String endpoint = value(environment, "IDENTITY_ENDPOINT");
        String header = value(environment, "IDENTITY_HEADER");
        if (!endpoint.isEmpty() && !header.isEmpty()) {
            if (!value(environment, "IDENTITY_SERVER_THUMBPRINT").isEmpty()) {
                return unsupported("Service Fabric (IDENTITY_SERVER_THUMBPRINT is set)");
            }
            return appService(URI.create(endpoint), header);
        }
        if (!value(environment, "MSI_ENDPOINT").isEmpty()) {
            return unsupported("Cloud Shell (MSI_ENDPOINT is set)");
        }
        if (!endpoint.isEmpty() && !value(environment, "IMDS_ENDPOINT").isEmpty()) {
            return unsupported("Azure Arc (IDENTITY_ENDPOINT and IMDS_ENDPOINT are set)");
        }
        String podIdentity = value(environment, "AZURE_POD_IDENTITY_AUTHORITY_HOST");
        if (!podIdentity.isEmpty()) {
            return imds(URI.create(podIdentity.replaceAll("/+$", "") + IMDS_PATH));
        }
        return imds();
    }

    private static ManagedIdentityEndpoint unsupported(String platform) {
        return new ManagedIdentityEndpoint(Kind.UNSUPPORTED, null, null, platform);
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null ? "" : value.strip();
    }

    /** For logs and messages: the kind and URL, never the header. */
    public String describe() {
        return switch (kind) {
            case IMDS -> "IMDS at " + uri;
            case APP_SERVICE -> "App Service endpoint " + uri;
            case UNSUPPORTED -> unsupported;
        };
    }

    @Override
    public String toString() {
        return "ManagedIdentityEndpoint[" + describe() + (header == null ? "" : ", header=****") + "]";
    }
}
