package io.jenkins.plugins.adoworkitems.core.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@link Fingerprint}s. This is a compatibility contract (docs/fingerprints.md, pinned by golden
 * tests): changing any input or its normalisation would give every existing work item a new identity and
 * duplicate it on the next run. Add a new scheme version instead of editing this one.
 */
public final class Fingerprints {
    /** Prefix of every hashed string; a new scheme gets a new prefix. */
    static final String SCHEME = "adowi-fp-v1";

    private Fingerprints() {
    }

    /**
     * The identity of a finding, from the tool's own fingerprints when it gave any, otherwise from its stable
     * parts, in this order: package (dependency and image findings), endpoint (DAST), snippet, line, message.
     */
    public static Fingerprint of(Tool tool, Rule rule, Asset asset, List<Location> locations, String message,
                                 Map<String, String> toolFingerprints) {
        String toolName = normaliseName(tool.name());
        if (toolFingerprints != null && !toolFingerprints.isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(toolFingerprints);
            List<String> parts = new ArrayList<>(List.of("tool", toolName, rule.id()));
            sorted.forEach((key, value) -> parts.add(key + "=" + value));
            return new Fingerprint(hash(parts), "tool:" + String.join(",", sorted.keySet()));
        }
        if (asset.isPackage()) {
            return new Fingerprint(hash(List.of("package", toolName, rule.id(),
                    normaliseName(asset.ecosystem()), asset.packageName(), asset.installedVersion(),
                    normaliseTarget(asset.target().isEmpty() ? asset.image() : asset.target()))), "package");
        }
        if (asset.isEndpoint()) {
            return new Fingerprint(hash(List.of("endpoint", toolName, rule.id(), normaliseUrl(asset.url()),
                    asset.method().toUpperCase(Locale.ROOT), asset.parameter())), "endpoint");
        }
        Location primary = locations.isEmpty() ? Location.of("", 0) : locations.get(0);
        String path = normalisePath(primary.path());
        String snippet = normaliseWhitespace(primary.snippet());
        if (!snippet.isEmpty()) {
            return new Fingerprint(hash(List.of("snippet", toolName, rule.id(), path, snippet)), "snippet");
        }
        if (primary.startLine() > 0) {
            return new Fingerprint(hash(List.of("line", toolName, rule.id(), path,
                    Integer.toString(primary.startLine()))), "line");
        }
        return new Fingerprint(hash(List.of("message", toolName, rule.id(), path,
                normaliseWhitespace(message))), "message");
    }

    /**
     * The identity of a group of findings in one work item (docs/templates.md, grouping): the group kind and its
     * key parts, hashed like a finding's fingerprint.
     */
    public static Fingerprint group(String kind, List<String> keyParts) {
        List<String> parts = new ArrayList<>();
        parts.add("group");
        parts.add(kind);
        keyParts.forEach(part -> parts.add(part == null ? "" : part));
        return new Fingerprint(hash(parts), "group:" + kind);
    }

    /** Lower case, trimmed: tool and ecosystem names vary in case between versions of the same tool. */
    public static String normaliseName(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** Forward slashes, no {@code file://}, no leading {@code ./} or {@code /}. */
    public static String normalisePath(String path) {
        String result = path.trim().replace('\\', '/');
        if (result.startsWith("file://")) {
            result = result.substring("file://".length());
        }
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return result;
    }

    /**
     * An image reference without its tag or digest, so that {@code app:build-41} and {@code app:build-42}
     * are the same target; any text after the reference (Trivy's {@code " (debian 12.4)"}) is dropped too.
     * Paths are normalised like {@link #normalisePath(String)}.
     */
    static String normaliseTarget(String target) {
        String result = target.trim();
        int detail = result.indexOf(" (");
        if (detail > 0 && result.endsWith(")")) {
            result = result.substring(0, detail);
        }
        int digest = result.indexOf('@');
        if (digest > 0) {
            result = result.substring(0, digest);
        }
        int lastSlash = result.lastIndexOf('/');
        int tag = result.lastIndexOf(':');
        if (tag > lastSlash && tag > 0 && !result.substring(tag + 1).contains("/")) {
            result = result.substring(0, tag);
        }
        return normalisePath(result);
    }

    /** Without query string and fragment, so that cache-busting parameters do not split one alert. */
    static String normaliseUrl(String url) {
        String result = url.trim();
        int cut = result.indexOf('?');
        if (cut < 0) {
            cut = result.indexOf('#');
        }
        return cut < 0 ? result : result.substring(0, cut);
    }

    /**
     * Runs of white space folded to one space, ends trimmed. "White space" is exactly regex {@code \s}
     * (space, tab, line feed, vertical tab, form feed, carriage return), as scheme v1 was defined with
     * {@code strip().replaceAll("\\s+", " ")}; {@code strip()} also removes Unicode spaces at the ends only.
     */
    static String normaliseWhitespace(String text) {
        String stripped = text.strip();
        StringBuilder out = null;
        boolean inRun = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (space) {
                if (out == null) {
                    out = new StringBuilder(stripped.length()).append(stripped, 0, i);
                }
                if (!inRun) {
                    out.append(' ');
                }
                inRun = true;
            } else {
                if (out != null) {
                    out.append(c);
                }
                inRun = false;
            }
        }
        return out == null ? stripped : out.toString();
    }

    /** First 128 bits of SHA-256 over the scheme and the parts, each on its own line. */
    static String hash(List<String> parts) {
        try {
            MessageDigest digest = (MessageDigest) SHA256.clone();
            digest.update(SCHEME.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                digest.update((byte) '\n');
                String escaped = part.indexOf('\n') < 0 ? part : part.replace("\n", "\\n");
                digest.update(escaped.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (CloneNotSupportedException impossible) {
            throw new IllegalStateException("The JDK's SHA-256 digest can be cloned", impossible);
        }
    }

    /** Cloned per use: cheaper than a provider lookup for every finding, and never shared between threads. */
    private static final MessageDigest SHA256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
