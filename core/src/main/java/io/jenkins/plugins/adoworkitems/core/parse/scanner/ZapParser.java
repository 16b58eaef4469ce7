package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
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
import io.jenkins.plugins.adoworkitems.core.parse.XmlReports;
import io.jenkins.plugins.adoworkitems.core.parse.XmlReports.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * OWASP ZAP's traditional XML ({@code OWASPZAPReport}) and JSON reports: one finding per alert per site, its
 * instances as locations. See docs/formats.md.
 */
public final class ZapParser implements ReportParser {
    static final String TOOL = "ZAP";
    /** Raw HTTP messages: they may hold session cookies and tokens, so they are not even kept in memory. */
    private static final Set<String> HTTP_MESSAGES = Set.of("requestheader", "requestbody", "responseheader",
            "responsebody");
    private static final List<String> CONFIDENCE = List.of("False Positive", "Low", "Medium", "High", "Confirmed");

    @Override
    public ReportFormat format() {
        return ReportFormat.ZAP;
    }

    @Override
    public boolean recognises(ReportShape shape) {
        String program = shape.text("@programName");
        return shape.isXmlRoot("OWASPZAPReport", "")
                || (program.equals("ZAP") || program.equals("OWASP ZAP")) && shape.has("site");
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        ZapReport report = XmlReports.isXml(input) ? fromXml(input, options) : fromJson(input, options);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        if (report.sites().isEmpty()) {
            // ZAP lists every site it scanned, also one without alerts: without a site, it scanned nothing
            Coverage.notCovered(counter, input, "no site", TOOL);
            return counter.summary();
        }
        counter.tool(TOOL);
        DuplicateFilter seen = new DuplicateFilter();
        Tool tool = new Tool(TOOL, report.version());
        for (ZapReport.Site site : report.sites()) {
            // every site scanned, also one without alerts: a clean scan of it resolves its items
            counter.target(ScanTarget.site(site.name()));
            for (ZapReport.Alert alert : site.alerts()) {
                if (!seen.firstTime(site.name() + "\n" + alert.canonical())) {
                    counter.duplicate();
                    continue;
                }
                sink.accept(finding(tool, site, alert, counter));
                counter.finding();
            }
        }
        return counter.summary();
    }

    private static Finding finding(Tool tool, ZapReport.Site site, ZapReport.Alert alert,
                                   ParseSummary.Counter counter) {
        String original = alert.riskDesc().isEmpty() ? alert.riskCode() : alert.riskDesc();
        Severity severity = counter.severity(original, severity(alert));
        String title = alert.alert().isEmpty() ? alert.name() : alert.alert();
        String description = ZapText.htmlToText(alert.desc());
        String reference = ZapText.htmlToText(alert.reference());
        List<String> cwes = Identifier.cwe(positive(alert.cweId())).stream().toList();
        // alertRef tells apart the alerts one plugin raises (10020-1, 10020-2…); older reports only have pluginid
        String ruleId = alert.alertRef().isEmpty() ? alert.pluginId() : alert.alertRef();
        Asset asset = asset(site, alert);
        // the site's scheme, host and port; a site without a name is known by its first instance, as the asset
        String target = ScanTarget.site(asset.url());
        counter.target(target);
        Finding.Builder builder = Finding.builder()
                .tool(tool)
                .rule(new Rule(ruleId, title, title, description, ZapText.firstUrl(reference).orElse(""),
                        ZapText.htmlToText(alert.solution()), List.of(), cwes))
                .severity(severity)
                .originalSeverity(original)
                .message(description)
                .asset(asset)
                .target(target)
                .property("confidence", confidence(alert))
                .property("pluginId", alert.pluginId())
                .property("alertRef", alert.alertRef())
                .property("wascId", positive(alert.wascId()))
                .property("otherInfo", ZapText.htmlToText(alert.otherInfo()))
                .property("reference", reference);
        cwes.forEach(cwe -> builder.identifier(new Identifier("CWE", cwe)));
        for (ZapReport.Instance instance : alert.instances()) {
            builder.location(new Location(instance.uri(), 0, 0, 0, 0, "", instanceMessage(instance)));
        }
        return builder.build();
    }

    private static Optional<Severity> severity(ZapReport.Alert alert) {
        switch (alert.riskCode().strip()) {
            case "3":
                return Optional.of(Severity.HIGH);
            case "2":
                return Optional.of(Severity.MEDIUM);
            case "1":
                return Optional.of(Severity.LOW);
            case "0":
                return Optional.of(Severity.INFO);
            default:
                // riskdesc reads "High (Medium)": the risk, then the confidence
                String risk = alert.riskDesc().strip().split("\\s*\\(", 2)[0];
                return Severity.fromLabel(risk);
        }
    }

    /**
     * The site, with the method and parameter only when every instance shares them: ZAP lists instances in
     * no stable order and finds more of them from run to run, and the asset is the finding's identity.
     */
    private static Asset asset(ZapReport.Site site, ZapReport.Alert alert) {
        List<ZapReport.Instance> instances = alert.instances();
        String url = site.name().isEmpty() && !instances.isEmpty() ? instances.get(0).uri() : site.name();
        return Asset.ofEndpoint(url, common(instances, ZapReport.Instance::method),
                common(instances, ZapReport.Instance::param));
    }

    private static String common(List<ZapReport.Instance> instances, Function<ZapReport.Instance, String> part) {
        List<String> values = instances.stream().map(part).distinct().toList();
        return values.size() == 1 ? values.get(0) : "";
    }

    private static String instanceMessage(ZapReport.Instance instance) {
        List<String> parts = new ArrayList<>();
        if (!instance.method().isEmpty()) {
            parts.add(instance.method());
        }
        if (!instance.param().isEmpty()) {
            parts.add("parameter " + instance.param());
        }
        if (!instance.evidence().isEmpty()) {
            parts.add("evidence: " + ZapText.excerpt(instance.evidence()));
        }
        return String.join(", ", parts);
    }

    private static String confidence(ZapReport.Alert alert) {
        if (!alert.confidenceDesc().isEmpty()) {
            return alert.confidenceDesc();
        }
        String code = alert.confidence().strip();
        return code.matches("[0-4]") ? CONFIDENCE.get(Integer.parseInt(code)) : code;
    }

    /** ZAP writes -1 or 0 for "no CWE/WASC id". */
    private static String positive(String id) {
        String value = id.strip();
        return value.matches("[1-9][0-9]*") ? value : "";
    }

    private static ZapReport fromXml(ReportInput input, ParseOptions options) throws ReportException {
        Element root = XmlReports.readTree(input, options, HTTP_MESSAGES);
        if (!root.name().equals("OWASPZAPReport")) {
            throw new ReportException(input.name(), "line " + root.line(), "not a ZAP XML report: the root element is <"
                    + root.name() + ">, expected <OWASPZAPReport>");
        }
        List<ZapReport.Site> sites = new ArrayList<>();
        for (Element site : root.children("site")) {
            List<ZapReport.Alert> alerts = new ArrayList<>();
            for (Element item : site.child("alerts").map(list -> list.children("alertitem")).orElse(List.of())) {
                List<ZapReport.Instance> instances = item.child("instances").map(list -> list.children("instance"))
                        .orElse(List.of()).stream()
                        .map(instance -> new ZapReport.Instance(instance.childText("uri"), instance.childText("method"),
                                instance.childText("param"), instance.childText("evidence")))
                        .toList();
                alerts.add(new ZapReport.Alert(item.childText("pluginid"), item.childText("alertRef"),
                        item.childText("alert"), item.childText("name"), item.childText("riskcode"),
                        item.childText("confidence"), item.childText("riskdesc"), item.childText("confidencedesc"),
                        item.childText("desc"), item.childText("solution"), item.childText("reference"),
                        item.childText("otherinfo"), item.childText("cweid"), item.childText("wascid"), instances,
                        item.canonical()));
            }
            sites.add(new ZapReport.Site(site.attribute("name"), alerts));
        }
        return new ZapReport(root.attribute("version"), sites);
    }

    private static ZapReport fromJson(ReportInput input, ParseOptions options) throws ReportException {
        JsonNode root = JsonReports.readTree(input, options);
        if (!root.isObject()) {
            throw new ReportException(input.name(), "at /",
                    "not a ZAP JSON report: expected an object with a 'site' array");
        }
        JsonNode siteNode = root.path("site");
        // Some ZAP versions write a lone site as an object rather than a one-element array.
        Map<String, JsonNode> siteNodes = new LinkedHashMap<>();
        if (siteNode.isObject()) {
            siteNodes.put("/site", siteNode);
        } else {
            JsonNode list = JsonReports.array(input, root, "", "site");
            for (int i = 0; i < list.size(); i++) {
                siteNodes.put("/site/" + i, list.get(i));
            }
        }
        List<ZapReport.Site> sites = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : siteNodes.entrySet()) {
            JsonNode site = entry.getValue();
            if (!site.isObject()) {
                throw new ReportException(input.name(), "at " + entry.getKey(), "expected a site object");
            }
            List<ZapReport.Alert> alerts = new ArrayList<>();
            JsonNode items = JsonReports.array(input, site, entry.getKey(), "alerts");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    throw new ReportException(input.name(), "at " + entry.getKey() + "/alerts/" + i,
                            "expected an alert object");
                }
                List<ZapReport.Instance> instances = new ArrayList<>();
                item.path("instances").forEach(instance -> instances.add(new ZapReport.Instance(
                        JsonReports.text(instance, "uri"), JsonReports.text(instance, "method"),
                        JsonReports.text(instance, "param"), JsonReports.text(instance, "evidence"))));
                alerts.add(new ZapReport.Alert(JsonReports.text(item, "pluginid"), JsonReports.text(item, "alertRef"),
                        JsonReports.text(item, "alert"), JsonReports.text(item, "name"),
                        JsonReports.text(item, "riskcode"), JsonReports.text(item, "confidence"),
                        JsonReports.text(item, "riskdesc"), JsonReports.text(item, "confidencedesc"),
                        JsonReports.text(item, "desc"), JsonReports.text(item, "solution"),
                        JsonReports.text(item, "reference"), JsonReports.text(item, "otherinfo"),
                        JsonReports.text(item, "cweid"), JsonReports.text(item, "wascid"), instances,
                        item.toString()));
            }
            sites.add(new ZapReport.Site(JsonReports.text(site, "@name"), alerts));
        }
        return new ZapReport(JsonReports.text(root, "@version"), sites);
    }
}
