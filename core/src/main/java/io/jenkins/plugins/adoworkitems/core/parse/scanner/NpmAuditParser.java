package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import io.jenkins.plugins.adoworkitems.core.parse.DuplicateFilter;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;
import io.jenkins.plugins.adoworkitems.core.parse.ReportShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jenkins.plugins.adoworkitems.core.parse.JsonReports.text;

/**
 * {@code npm audit --json} of npm 7 and later ({@code auditReportVersion 2}). One finding per package and advisory
 * where the package's {@code via} holds the advisory itself; a package listed only because it depends on a
 * vulnerable one ({@code via} holds package names only) is the same problem again, so it is counted as ignored.
 */
public final class NpmAuditParser implements ReportParser {
    static final String TOOL = "npm audit";
    private static final Pattern GHSA = Pattern.compile("GHSA(-[0-9a-zA-Z]{4}){3}");

    @Override
    public ReportFormat format() {
        return ReportFormat.NPM_AUDIT;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        return shape.has("auditReportVersion");
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        if (!root.isObject()) {
            throw new ReportException(input.name(), "at /", "expected an npm audit report: a JSON object");
        }
        ParseSummary.Counter counter = new ParseSummary.Counter();
        String version = text(root, "auditReportVersion");
        if (!"2".equals(version)) {
            counter.warning(input.name() + ": npm audit report version '" + version
                    + "' is not the supported version 2, read as version 2");
        }
        Optional<JsonNode> packages = JsonReports.container(input, root, "", "vulnerabilities", JsonNodeType.OBJECT);
        if (packages.isEmpty()) {
            Coverage.notCovered(counter, input, "no 'vulnerabilities' object", TOOL);
            return counter.summary();
        }
        counter.tool(TOOL);
        DuplicateFilter duplicates = new DuplicateFilter();
        for (Map.Entry<String, JsonNode> entry : packages.get().properties()) {
            JsonNode pkg = entry.getValue();
            if (!pkg.isObject()) {
                throw new ReportException(input.name(), "at " + JsonReports.pointer("/vulnerabilities", entry.getKey()),
                        "expected a package object");
            }
            List<JsonNode> advisories = new ArrayList<>();
            pkg.path("via").forEach(via -> {
                if (via.isObject()) {
                    advisories.add(via);
                }
            });
            if (advisories.isEmpty()) {
                counter.ignored();
                continue;
            }
            for (JsonNode advisory : advisories) {
                if (!duplicates.firstTime(entry.getKey() + "\n" + advisory)) {
                    counter.duplicate();
                    continue;
                }
                Finding.Builder finding = finding(entry.getKey(), pkg, advisory);
                String label = text(advisory, "severity");
                finding.originalSeverity(label).severity(counter.severity(label));
                counter.finding();
                sink.accept(finding.build());
            }
        }
        return counter.summary();
    }

    private static Finding.Builder finding(String key, JsonNode pkg, JsonNode advisory) {
        String name = text(pkg, "name").isEmpty() ? key : text(pkg, "name");
        String url = text(advisory, "url");
        Matcher ghsa = GHSA.matcher(url);
        String source = text(advisory, "source");
        // npm's numeric source ids were renumbered when npm moved to GitHub's database; the GHSA id stays.
        String id = ghsa.find() ? ghsa.group() : source;
        String title = text(advisory, "title");
        List<String> cwes = new ArrayList<>();
        advisory.path("cwe").forEach(cwe -> Identifier.cwe(cwe.asText())
                .filter(value -> !cwes.contains(value)).ifPresent(cwes::add));
        JsonNode score = advisory.path("cvss").path("score");

        Finding.Builder finding = Finding.builder()
                .tool(new Tool(TOOL, ""))
                .rule(new Rule(id, title, title, "", url, "", List.of(), cwes))
                .message(title.isEmpty() ? id + " in " + name : title)
                .asset(Asset.ofPackage("npm", name, "", fixedVersion(name, pkg.path("fixAvailable")), ""))
                // npm writes a score of 0 with a null vector when the advisory has no CVSS.
                .score(score.isNumber() && score.asDouble() > 0 ? score.asDouble() : null)
                .property("vulnerableRange", text(advisory, "range"))
                .property("isDirect", text(pkg, "isDirect"))
                .property("cvssVector", text(advisory.path("cvss"), "vectorString"))
                .property("fixAvailable", fixAvailable(pkg.path("fixAvailable")))
                .property("effects", join(pkg.path("effects")));
        pkg.path("nodes").forEach(node -> finding.location(Location.of(node.asText(), 0)));
        Identifier.recognise(id).ifPresent(finding::identifier);
        if (!source.isEmpty()) {
            finding.identifier(new Identifier("NPM", source));
        }
        cwes.forEach(cwe -> finding.identifier(new Identifier("CWE", cwe)));
        return finding;
    }

    /**
     * The version that fixes the package. npm may fix it by upgrading another package (the one that pulls it in);
     * then the fix names that package: {@code express@4.18.3}.
     */
    private static String fixedVersion(String name, JsonNode fix) {
        String version = text(fix, "version");
        if (!fix.isObject() || version.isEmpty()) {
            return "";
        }
        String fixName = text(fix, "name");
        return fixName.isEmpty() || fixName.equals(name) ? version : fixName + "@" + version;
    }

    private static String fixAvailable(JsonNode fix) {
        if (fix.isObject()) {
            return text(fix, "name") + "@" + text(fix, "version")
                    + (fix.path("isSemVerMajor").asBoolean() ? " (semver major)" : "");
        }
        return fix.isMissingNode() || fix.isNull() ? "" : fix.asText();
    }

    private static String join(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return String.join(", ", texts);
    }
}
