package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The placeholder syntax of titles, descriptions and extra fields: {@code ${name}} is replaced by a finding's
 * value, {@code $$} is a literal {@code $}. The names are listed in {@link #NAMES} and docs/templates.md;
 * an unknown name is an error when the template is checked, never a silent blank in a work item.
 */
public final class Placeholders {

    /** Every placeholder and how to read it from a finding; {@code property.<key>} reads raw tool properties. */
    public static final Map<String, Function<Finding, String>> NAMES = names();

    private Placeholders() {
    }

    private static Map<String, Function<Finding, String>> names() {
        Map<String, Function<Finding, String>> names = new LinkedHashMap<>();
        names.put("severity", f -> f.severity().label());
        names.put("severity.original", Finding::originalSeverity);
        names.put("score", f -> f.score() == null ? "" : String.valueOf(f.score()));
        names.put("tool.name", f -> f.tool().name());
        names.put("tool.version", f -> f.tool().version());
        names.put("rule.id", f -> f.rule().id());
        names.put("rule.name", f -> f.rule().name());
        names.put("rule.shortDescription", f -> f.rule().shortDescription());
        names.put("rule.fullDescription", f -> f.rule().fullDescription());
        names.put("rule.helpUri", f -> f.rule().helpUri());
        names.put("message", Finding::message);
        names.put("location", f -> f.primaryLocation().display());
        names.put("location.path", f -> f.primaryLocation().path());
        names.put("location.line", f -> line(f.primaryLocation()));
        names.put("asset.package", f -> f.asset().packageName());
        names.put("asset.version", f -> f.asset().installedVersion());
        names.put("asset.fixedVersion", f -> f.asset().fixedVersion());
        names.put("asset.ecosystem", f -> f.asset().ecosystem());
        names.put("asset.image", f -> f.asset().image());
        names.put("asset.target", f -> f.asset().target());
        names.put("asset.url", f -> f.asset().url());
        names.put("asset.method", f -> f.asset().method());
        names.put("asset.parameter", f -> f.asset().parameter());
        names.put("cve", f -> f.identifier("CVE"));
        names.put("ghsa", f -> f.identifier("GHSA"));
        names.put("cwe", Placeholders::firstCwe);
        names.put("identifiers", f -> f.identifiers().stream().map(Identifier::value).collect(Collectors.joining(", ")));
        names.put("fingerprint", f -> f.fingerprint().value());
        return java.util.Collections.unmodifiableMap(names);
    }

    /** The unknown or malformed placeholders in {@code template}, as messages; empty when it is fine. */
    public static List<String> problems(String template) {
        List<String> problems = new ArrayList<>();
        scan(template, name -> {
            if (!isKnown(name)) {
                problems.add("unknown placeholder ${" + name + "}: use one of " + String.join(", ", NAMES.keySet())
                        + " or property.<name>");
            }
            return "";
        }, problems);
        return problems;
    }

    /**
     * The tool properties {@code template} reads ({@code ${property.<key>}}), the only ones of a finding's property map
     * a sync needs to keep.
     */
    public static Set<String> properties(String template) {
        Set<String> keys = new TreeSet<>();
        scan(template, name -> {
            if (name.startsWith("property.") && name.length() > "property.".length()) {
                keys.add(name.substring("property.".length()));
            }
            return "";
        }, new ArrayList<>());
        return keys;
    }

    /** Fills the placeholders; {@code escape} is applied to each value (HTML escaping for descriptions). */
    public static String render(String template, Finding finding, UnaryOperator<String> escape) {
        List<String> problems = new ArrayList<>();
        String result = scan(template, name -> escape.apply(value(name, finding)), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return result;
    }

    static String value(String name, Finding finding) {
        if (name.startsWith("property.")) {
            return finding.properties().getOrDefault(name.substring("property.".length()), "");
        }
        Function<Finding, String> reader = NAMES.get(name);
        if (reader == null) {
            throw new IllegalArgumentException("unknown placeholder ${" + name + "}");
        }
        return reader.apply(finding);
    }

    private static boolean isKnown(String name) {
        return NAMES.containsKey(name) || name.startsWith("property.") && name.length() > "property.".length();
    }

    private static String scan(String template, Function<String, String> replacement, List<String> problems) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add("unclosed placeholder at character " + (i + 1) + ": add '}'");
                    out.append(template, i, template.length());
                    break;
                }
                out.append(replacement.apply(template.substring(i + 2, end).trim()));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String line(Location location) {
        return location.startLine() > 0 ? Integer.toString(location.startLine()) : "";
    }

    private static String firstCwe(Finding finding) {
        if (!finding.rule().cwes().isEmpty()) {
            return finding.rule().cwes().get(0);
        }
        return finding.identifier("CWE");
    }

    /** The default title: {@code [High] CVE-2024-1234 in openssl 3.0.1 (app)}; see docs/templates.md. */
    public static String defaultTitle(Finding finding) {
        Asset asset = finding.asset();
        String severity = "[" + finding.severity().label() + "] ";
        String what = finding.rule().id().isEmpty() ? finding.rule().name() : finding.rule().id();
        if (asset.isPackage()) {
            // Trivy's targets end in the OS, "app:1.2 (debian 12.4)": the title keeps the image or file.
            String where = (asset.image().isEmpty() ? asset.target() : asset.image()).replaceFirst(" \\(.*\\)$", "");
            return severity + what + " in " + asset.packageName()
                    + (asset.installedVersion().isEmpty() ? "" : " " + asset.installedVersion())
                    + (where.isEmpty() ? "" : " (" + where + ")");
        }
        String name = !finding.rule().shortDescription().isEmpty() ? finding.rule().shortDescription()
                : !finding.rule().name().isEmpty() && !finding.rule().name().equals(what) ? finding.rule().name() : what;
        if (asset.isEndpoint()) {
            return severity + name + " at " + asset.url();
        }
        String path = finding.primaryLocation().path();
        return severity + name + (path.isEmpty() ? "" : " in " + path);
    }
}
