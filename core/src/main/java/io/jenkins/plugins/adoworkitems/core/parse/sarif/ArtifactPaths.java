package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns SARIF artifact locations into the paths findings show: repository-relative with forward slashes
 * where the report allows it, otherwise the absolute path or URI as the tool wrote it.
 *
 * <p>A relative {@code uri} is prefixed with the relative parts of its {@code uriBaseId} chain up to the first
 * absolute base, which is taken to be the checkout root. An absolute {@code file:} URI under such a root is
 * made relative to it. All bases are resolved once per run, so each result costs a map lookup and a few
 * string operations.
 */
final class ArtifactPaths {
    /** Tools do not nest bases deeply; the limit only stops a cycle in a hostile report. */
    private static final int MAX_CHAIN = 16;

    /** A {@code uri} with its optional {@code uriBaseId}, as in an artifactLocation. */
    record UriReference(String uri, String uriBaseId) {
    }

    private final List<UriReference> artifacts;
    /** For each uriBaseId: the relative prefix to put before uris using it ("" when the base is a root). */
    private final Map<String, String> relativePrefixes = new HashMap<>();
    /**
     * For each uriBaseId whose chain ends in an absolute file URI: that root as a path ending in '/'. Absolute
     * uris are made relative to the root, not to the base itself, so that they read like the relative ones.
     */
    private final Map<String, String> roots = new HashMap<>();

    ArtifactPaths(Map<String, UriReference> bases, List<UriReference> artifacts) {
        this.artifacts = List.copyOf(artifacts);
        for (String id : bases.keySet()) {
            resolveBase(id, bases);
        }
    }

    /** Walks a base's chain once: the relative parts become its prefix, an absolute file base its root. */
    private void resolveBase(String id, Map<String, UriReference> bases) {
        StringBuilder prefix = new StringBuilder();
        String current = id;
        for (int depth = 0; depth < MAX_CHAIN && current != null && !current.isEmpty(); depth++) {
            UriReference base = bases.get(current);
            if (base == null || base.uri().isEmpty()) {
                break;
            }
            String uri = decode(base.uri());
            if (isAbsolute(uri)) {
                if (isFile(uri)) {
                    roots.put(id, withSlash(filePath(uri)));
                }
                break;
            }
            if (uri.indexOf(':') >= 0) {
                // Not a valid relative reference (InspectCode writes "::::::/"): the base tells nothing.
                break;
            }
            prefix.insert(0, withSlash(uri));
            current = base.uriBaseId();
        }
        relativePrefixes.put(id, stripDotSlash(prefix.toString()));
    }

    /**
     * The path of an artifactLocation: by its {@code uri}, or, without one, by its {@code index} into
     * {@code run.artifacts} (-1 for none).
     */
    String path(String uri, String baseId, int index) {
        if (uri.isEmpty() && index >= 0 && index < artifacts.size()) {
            return path(artifacts.get(index).uri(), artifacts.get(index).uriBaseId());
        }
        return path(uri, baseId);
    }

    String path(String rawUri, String baseId) {
        if (rawUri.isEmpty()) {
            return "";
        }
        String uri = decode(rawUri);
        if (!isAbsolute(uri)) {
            String prefix = baseId.isEmpty() ? "" : relativePrefixes.getOrDefault(baseId, "");
            return stripDotSlash(prefix + uri);
        }
        if (!isFile(uri) && !isDrivePath(uri) && !uri.startsWith("/")) {
            return uri;
        }
        String path = filePath(uri);
        String root = baseId.isEmpty() ? null : roots.get(baseId);
        if (root != null && path.startsWith(root)) {
            return path.substring(root.length());
        }
        String longest = "";
        for (String candidate : roots.values()) {
            if (candidate.length() > longest.length() && path.startsWith(candidate)) {
                longest = candidate;
            }
        }
        return longest.isEmpty() ? path : path.substring(longest.length());
    }

    private static boolean isFile(String uri) {
        return uri.regionMatches(true, 0, "file:", 0, 5);
    }

    /** A URI with a scheme ({@code file:}, {@code https:}…), an absolute path, or a Windows drive path. */
    private static boolean isAbsolute(String uri) {
        if (uri.startsWith("/") || isDrivePath(uri)) {
            return true;
        }
        int colon = uri.indexOf(':');
        if (colon < 2) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = uri.charAt(i);
            boolean schemeChar = Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
            if (!schemeChar || (i == 0 && !Character.isLetter(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDrivePath(String uri) {
        return uri.length() >= 3 && Character.isLetter(uri.charAt(0)) && uri.charAt(1) == ':'
                && uri.charAt(2) == '/';
    }

    /**
     * A file URI or absolute path as a plain path: {@code file:///C:/x} is {@code C:/x},
     * {@code file:////src/x} and {@code file:/src/x} are {@code /src/x}.
     */
    private static String filePath(String uri) {
        String path = isFile(uri) ? uri.substring(5) : uri;
        int slashes = 0;
        while (slashes < path.length() && path.charAt(slashes) == '/') {
            slashes++;
        }
        String rest = path.substring(slashes);
        return isDrivePath(rest) ? rest : "/" + rest;
    }

    private static String withSlash(String path) {
        return path.isEmpty() || path.endsWith("/") ? path : path + "/";
    }

    private static String stripDotSlash(String path) {
        String result = path;
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        return result;
    }

    /** Percent-decodes as UTF-8 and turns backslashes into slashes; malformed escapes stay as written. */
    static String decode(String uri) {
        String slashed = uri.indexOf('\\') >= 0 ? uri.replace('\\', '/') : uri;
        if (slashed.indexOf('%') < 0) {
            return slashed;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(slashed.length());
        int i = 0;
        while (i < slashed.length()) {
            char c = slashed.charAt(i);
            if (c == '%' && i + 2 < slashed.length() && hex(slashed.charAt(i + 1)) >= 0
                    && hex(slashed.charAt(i + 2)) >= 0) {
                bytes.write(hex(slashed.charAt(i + 1)) * 16 + hex(slashed.charAt(i + 2)));
                i += 3;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < slashed.length()) {
                    encoded = slashed.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
                i++;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
