package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Turns a Dependency-Check dependency into an {@link Asset}: its package and where it was found. */
final class DependencyCheckPaths {
    /** Common ancestors shallower than this (like {@code /} or {@code /home}) say nothing about the project. */
    private static final int MIN_BASE_SEGMENTS = 2;

    private DependencyCheckPaths() {
    }

    /**
     * The dependency's file path with forward slashes, relative to the deepest directory it shares with the
     * report when that directory is at least two levels deep. Dependency-Check writes absolute paths of the
     * machine that scanned; relative ones keep a finding's identity when the workspace moves between agents.
     */
    static String target(String filePath, Path reportDir) {
        String path = filePath.strip().replace('\\', '/').replaceAll("/{2,}", "/");
        if (reportDir == null || !isAbsolute(path)) {
            return path;
        }
        String base = reportDir.toString().replace('\\', '/');
        while (segments(base) >= MIN_BASE_SEGMENTS) {
            if (path.startsWith(base + "/")) {
                return path.substring(base.length() + 1);
            }
            base = base.substring(0, base.lastIndexOf('/'));
        }
        return path;
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.matches("[A-Za-z]:/.*");
    }

    private static int segments(String path) {
        String withoutDrive = path.matches("[A-Za-z]:.*") ? path.substring(2) : path;
        int count = 0;
        for (String part : withoutDrive.split("/")) {
            if (!part.isEmpty()) {
                count++;
            }
        }
        return count;
    }

    /** The package from the first package URL, else from an old maven identifier, else the file name. */
    static Asset asset(DependencyCheckReport.Dependency dependency, String target) {
        for (String purl : dependency.purls()) {
            Optional<Asset> parsed = fromPurl(purl, target);
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        for (String coordinates : dependency.mavenCoordinates()) {
            String[] parts = coordinates.strip().split(":");
            if (parts.length >= 3) {
                return Asset.ofPackage("maven", parts[0] + ":" + parts[1], parts[parts.length - 1], "", target);
            }
        }
        return Asset.ofPackage("", dependency.fileName().strip(), "", "", target);
    }

    /**
     * {@code pkg:type/namespace/name@version?qualifiers#subpath}: maven names are {@code group:artifact} as
     * Maven users write them, other namespaced names {@code namespace/name} ({@code @scope/name} for npm).
     */
    static Optional<Asset> fromPurl(String purl, String target) {
        String text = purl == null ? "" : purl.strip();
        if (!text.regionMatches(true, 0, "pkg:", 0, 4)) {
            return Optional.empty();
        }
        text = text.substring(4);
        int cut = text.indexOf('#');
        if (cut >= 0) {
            text = text.substring(0, cut);
        }
        cut = text.indexOf('?');
        if (cut >= 0) {
            text = text.substring(0, cut);
        }
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String type = text.substring(0, slash).toLowerCase(Locale.ROOT);
        String path = text.substring(slash + 1);
        String version = "";
        int at = path.lastIndexOf('@');
        if (at > path.lastIndexOf('/')) {
            version = decode(path.substring(at + 1));
            path = path.substring(0, at);
        }
        int lastSlash = path.lastIndexOf('/');
        String name = decode(path.substring(lastSlash + 1));
        String namespace = lastSlash < 0 ? "" : decode(path.substring(0, lastSlash));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String packageName = namespace.isEmpty() ? name
                : type.equals("maven") ? namespace + ":" + name : namespace + "/" + name;
        return Optional.of(Asset.ofPackage(type, packageName, version, "", target));
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return part;
        }
    }
}
