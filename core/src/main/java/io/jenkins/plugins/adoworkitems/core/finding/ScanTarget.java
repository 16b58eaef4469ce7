package io.jenkins.plugins.adoworkitems.core.finding;

import java.net.URI;
import java.util.Locale;

/**
 * Names what a report scanned (an image, a repository, a site, a project), as {@code kind:name}, so that syncs of
 * different targets sharing a template never resolve each other's items (docs/sync.md, "Scope"). Names are made
 * stable across builds: an image's tag or digest and a URL's path, query and login are left out, since every build
 * of the same image or site carries a new one.
 */
public final class ScanTarget {
    private ScanTarget() {
    }

    /** A container image reference without its tag or digest: {@code image:registry.example/team/app}. */
    public static String image(String reference) {
        String name = Text.orEmpty(reference).trim();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return of("image", name.toLowerCase(Locale.ROOT));
    }

    /** A source repository by its URL, without login, {@code .git} or trailing slash: {@code repo:https://host/org/app}. */
    public static String repository(String url) {
        String name = Text.orEmpty(url).trim();
        if (name.startsWith("git+")) {
            name = name.substring(4);
        }
        name = withoutLogin(name);
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.endsWith(".git")) {
            name = name.substring(0, name.length() - 4);
        }
        return of("repo", name.toLowerCase(Locale.ROOT));
    }

    /** A web site by scheme, host and port: {@code site:https://app.example}. */
    public static String site(String url) {
        String name = Text.orEmpty(url).trim();
        try {
            URI uri = URI.create(name);
            if (uri.getScheme() != null && uri.getHost() != null) {
                name = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (IllegalArgumentException e) {
            // not a URL after all: the text itself names the site
        }
        return of("site", name.toLowerCase(Locale.ROOT));
    }

    /** Any other target by kind and name as the tool wrote it, e.g. {@code project:Web shop} or {@code path:.}. */
    public static String of(String kind, String name) {
        String trimmed = Text.orEmpty(name).trim().replaceAll("\\s+", " ");
        return trimmed.isEmpty() ? "" : kind + ":" + trimmed;
    }

    /**
     * A target as a person writes it: {@code image:NAME}, {@code repo:URL} and {@code site:URL} are named as a
     * report's would be, anything else ({@code path:.}, {@code project:Shop}, a bare name) is kept as given.
     */
    public static String parse(String text) {
        String value = Text.orEmpty(text).trim();
        int colon = value.indexOf(':');
        String kind = colon < 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? value : value.substring(colon + 1);
        return switch (kind) {
            case "image" -> image(rest);
            case "repo" -> repository(rest);
            case "site" -> site(rest);
            case "path", "project", "category" -> of(kind, rest);
            default -> of("name", value);
        };
    }

    private static String withoutLogin(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            return url.substring(0, scheme + 3) + url.substring(at + 1);
        }
        return url;
    }
}
