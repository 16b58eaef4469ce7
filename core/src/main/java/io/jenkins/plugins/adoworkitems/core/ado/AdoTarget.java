package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where work items live: an Azure DevOps Services organization ({@code https://dev.azure.com/ORG} or
 * {@code https://ORG.visualstudio.com}) or an Azure DevOps Server collection ({@code https://host/tfs/COLLECTION}).
 *
 * @param url        without a trailing slash; every REST path is appended to it
 * @param apiVersion a fixed api-version, or null to use 7.1 on Services and negotiate on Server
 */
public record AdoTarget(URI url, Flavour flavour, ApiVersion apiVersion) {
    /** Which product answers: the flavours differ in api-versions and in how comments are versioned. */
    public enum Flavour { SERVICES, SERVER }

    public AdoTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(flavour, "flavour");
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("The Azure DevOps URL must not have a query or fragment: " + shown(text));
        }
    }

    /** Recognises the flavour from the host: dev.azure.com and *.visualstudio.com are Services, any other host Server. */
    public static AdoTarget parse(String url) {
        URI uri = toUri(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (host.equals("dev.azure.com")) {
            if (!path.matches("/[^/]+")) {
                throw new IllegalArgumentException("Expected the organization URL https://dev.azure.com/ORGANIZATION, got " + shown(url));
            }
            return services(uri);
        }
        if (host.endsWith(".visualstudio.com")) {
            return services(uri);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("An Azure DevOps Server URL names the collection, e.g. "
                    + "https://host/tfs/DefaultCollection, got " + shown(url));
        }
        return server(uri);
    }

    public static AdoTarget services(URI organizationUrl) {
        return new AdoTarget(organizationUrl, Flavour.SERVICES, null);
    }

    public static AdoTarget server(URI collectionUrl) {
        return new AdoTarget(collectionUrl, Flavour.SERVER, null);
    }

    public AdoTarget withApiVersion(ApiVersion version) {
        return new AdoTarget(url, flavour, version);
    }

    public Optional<ApiVersion> fixedApiVersion() {
        return Optional.ofNullable(apiVersion);
    }

    private static URI toUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The Azure DevOps URL is empty");
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("The Azure DevOps URL must be absolute, like https://dev.azure.com/ORG: " + shown(url));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Azure DevOps URL is malformed at index " + e.getIndex() + ": " + shown(url));
        }
    }

    /** A URL as messages show it: a password written into it stays out of logs, even when the URL is malformed. */
    private static String shown(String url) {
        return Redactor.withoutUserInfo(url);
    }

    /** The URL with a path below it, e.g. {@code Demo/_apis/wit/workitems/12}; segments must already be encoded. */
    URI resolve(String relativePath) {
        return URI.create(url + "/" + relativePath);
    }

    @Override
    public String toString() {
        return shown(url.toString()) + " (" + flavour.name().toLowerCase(Locale.ROOT) + (apiVersion == null ? "" : ", api-version " + apiVersion) + ")";
    }
}
