package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The HTML description of a work item, and its digest.
 *
 * <p>The digest covers everything that comes from the findings and the template but not the build link, which
 * changes every run. It is printed in the description's footer; the sync engine compares it with the digest
 * in the existing item to decide whether the description changed, so that an unchanged finding costs no
 * write, however Azure DevOps reformats the HTML it stores.
 *
 * @param html the full description
 * @param digest 16 hex characters over the content without the build link
 */
public record Description(String html, String digest) {
    /** Azure DevOps accepts far more; this keeps a work item readable and a batch request small. */
    static final int MAX_HTML = 60_000;
    static final int MAX_TEXT = 4_000;
    static final int MAX_SNIPPET = 2_000;
    static final int MAX_ROWS = 50;
    /** Footer text before the digest; the sync engine finds the digest by it. */
    public static final String DIGEST_LABEL = "Content digest: ";
    /** Footer text before the scanner's severity at the last write, which tells a severity change from a triage edit. */
    public static final String SEVERITY_LABEL = "Scanner severity: ";
    private static final java.util.regex.Pattern SEVERITY_IN_FOOTER =
            java.util.regex.Pattern.compile(SEVERITY_LABEL + "(Critical|High|Medium|Low|Info)\\. " + DIGEST_LABEL);

    /** Renders the description of one work item holding {@code members} (one finding unless grouped). */
    public static Description render(List<Finding> members, Template template, LinkContext links) {
        Finding first = members.get(0);
        String body = template.description().isEmpty()
                ? defaultBody(members, links)
                : Placeholders.render(template.description(), first, Html::escape) + memberTable(members, links);
        body = Html.bound(body, MAX_HTML);
        // The severity is in the digest even when a custom description does not show it.
        String digest = digest(body + "\n" + first.severity().name());
        StringBuilder footer = new StringBuilder("<hr><p><small>");
        if (!links.buildUrl().isEmpty()) {
            footer.append("Last updated by ").append(Html.link(links.buildUrl(),
                    links.buildName().isEmpty() ? links.buildUrl() : links.buildName())).append(". ");
        }
        if (members.size() == 1) {
            footer.append("Fingerprint: ").append(first.fingerprint().value()).append(". ");
        }
        footer.append(SEVERITY_LABEL).append(first.severity().label()).append(". ");
        footer.append(DIGEST_LABEL).append(digest).append(".</small></p>");
        return new Description(body + footer, digest);
    }

    /** The digest printed in an existing description, or empty. */
    public static String digestIn(String html) {
        if (html == null) {
            return "";
        }
        int at = html.lastIndexOf(DIGEST_LABEL);
        if (at < 0 || html.length() < at + DIGEST_LABEL.length() + 16) {
            return "";
        }
        String digest = html.substring(at + DIGEST_LABEL.length(), at + DIGEST_LABEL.length() + 16);
        return digest.matches("[0-9a-f]{16}") ? digest : "";
    }

    /** The scanner severity recorded in an existing description, or empty. */
    public static java.util.Optional<Severity> severityIn(String html) {
        if (html == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher matcher = SEVERITY_IN_FOOTER.matcher(html);
        String label = null;
        while (matcher.find()) {
            label = matcher.group(1);
        }
        return label == null ? java.util.Optional.empty() : java.util.Optional.of(Severity.parse(label));
    }

    private static String defaultBody(List<Finding> members, LinkContext links) {
        Finding first = members.get(0);
        StringBuilder html = new StringBuilder(2048);
        html.append("<p><b>Severity:</b> ").append(Html.escape(first.severity().label()));
        if (first.score() != null) {
            html.append(" (score ").append(Html.escape(String.format(Locale.ROOT, "%.1f", first.score()))).append(')');
        }
        if (!first.originalSeverity().isEmpty()) {
            html.append(", reported as ").append(Html.escape(first.originalSeverity()));
        }
        html.append("<br><b>Tool:</b> ").append(Html.escape((first.tool().name() + " " + first.tool().version()).trim()));
        html.append("<br><b>Rule:</b> ").append(Html.link(first.rule().helpUri(), first.rule().id()));
        if (!first.rule().name().isEmpty() && !first.rule().name().equals(first.rule().id())) {
            html.append(" — ").append(Html.escape(first.rule().name()));
        }
        html.append("</p>");
        if (!first.message().isEmpty()) {
            html.append("<p>").append(Html.escape(Html.bound(first.message(), MAX_TEXT))).append("</p>");
        }
        String ruleText = !first.rule().fullDescription().isEmpty() ? first.rule().fullDescription()
                : first.rule().shortDescription();
        if (!ruleText.isEmpty() && !ruleText.equals(first.message())) {
            html.append("<p>").append(Html.escape(Html.bound(ruleText, MAX_TEXT))).append("</p>");
        }
        if (!first.asset().isNone() && members.size() == 1) {
            html.append(assetTable(first.asset()));
        }
        if (members.size() == 1) {
            html.append(locationTable(first.locations(), links));
            html.append(identifiers(first));
            String snippet = first.primaryLocation().snippet();
            if (!snippet.isEmpty()) {
                html.append("<p><b>Evidence:</b></p><pre>").append(Html.escape(Html.bound(snippet, MAX_SNIPPET)))
                        .append("</pre>");
            }
            if (!first.rule().helpText().isEmpty()) {
                html.append("<p><b>Remediation:</b> ").append(Html.escape(Html.bound(first.rule().helpText(), MAX_TEXT)))
                        .append("</p>");
            }
        } else {
            html.append(memberTable(members, links));
        }
        return html.toString();
    }

    private static String assetTable(Asset asset) {
        StringBuilder html = new StringBuilder("<table><tr><th>Asset</th><th>Value</th></tr>");
        row(html, "Package", asset.packageName());
        if (!asset.installedVersion().isEmpty()) {
            row(html, "Installed → fixed", asset.installedVersion() + " → "
                    + (asset.fixedVersion().isEmpty() ? "no fix yet" : asset.fixedVersion()));
        }
        row(html, "Ecosystem", asset.ecosystem());
        row(html, "Image", asset.image());
        row(html, "Target", asset.target());
        if (!asset.url().isEmpty()) {
            html.append("<tr><td>URL</td><td>").append(Html.link(asset.url(), asset.url())).append("</td></tr>");
        }
        row(html, "Method", asset.method());
        row(html, "Parameter", asset.parameter());
        return html.append("</table>").toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        if (!value.isEmpty()) {
            html.append("<tr><td>").append(Html.escape(label)).append("</td><td>")
                    .append(Html.escape(Html.bound(value, MAX_TEXT))).append("</td></tr>");
        }
    }

    private static String locationTable(List<Location> locations, LinkContext links) {
        if (locations.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<table><tr><th>Location</th><th>Note</th></tr>");
        locations.stream().limit(MAX_ROWS).forEach(location -> html.append("<tr><td>")
                .append(Html.link(links.sourceUrl(location.path(), location.startLine()), location.display()))
                .append("</td><td>").append(Html.escape(Html.bound(location.message(), MAX_TEXT))).append("</td></tr>"));
        if (locations.size() > MAX_ROWS) {
            html.append("<tr><td colspan=\"2\">and ").append(locations.size() - MAX_ROWS).append(" more</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String memberTable(List<Finding> members, LinkContext links) {
        if (members.size() < 2) {
            return "";
        }
        StringBuilder html = new StringBuilder("<p><b>").append(members.size())
                .append(" findings:</b></p><table><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Fingerprint</th></tr>");
        members.stream().limit(MAX_ROWS).forEach(member -> html.append("<tr><td>")
                .append(Html.escape(member.severity().label())).append("</td><td>")
                .append(Html.link(member.rule().helpUri(), member.rule().id())).append("</td><td>")
                .append(where(member, links)).append("</td><td>")
                .append(member.fingerprint().value()).append("</td></tr>"));
        if (members.size() > MAX_ROWS) {
            html.append("<tr><td colspan=\"4\">and ").append(members.size() - MAX_ROWS).append(" more</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String where(Finding finding, LinkContext links) {
        Asset asset = finding.asset();
        if (asset.isPackage()) {
            return Html.escape(asset.packageName() + " " + asset.installedVersion()
                    + (asset.fixedVersion().isEmpty() ? "" : " → " + asset.fixedVersion()));
        }
        if (asset.isEndpoint()) {
            return Html.link(asset.url(), asset.url());
        }
        Location location = finding.primaryLocation();
        return Html.link(links.sourceUrl(location.path(), location.startLine()), location.display());
    }

    private static String identifiers(Finding finding) {
        if (finding.identifiers().isEmpty() && finding.rule().cwes().isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<p><b>Identifiers:</b> ");
        java.util.LinkedHashSet<Identifier> all = new java.util.LinkedHashSet<>(finding.identifiers());
        finding.rule().cwes().forEach(cwe -> all.add(new Identifier("CWE", cwe)));
        html.append(String.join(", ", all.stream().map(id -> Html.link(identifierUrl(id), id.value())).toList()));
        return html.append("</p>").toString();
    }

    /** Where a public identifier is described; empty for tool-specific ids. */
    static String identifierUrl(Identifier id) {
        return switch (id.type()) {
            case "CVE" -> "https://nvd.nist.gov/vuln/detail/" + id.value();
            case "GHSA" -> "https://github.com/advisories/" + id.value();
            case "CWE" -> "https://cwe.mitre.org/data/definitions/" + id.value().substring("CWE-".length()) + ".html";
            default -> "";
        };
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
