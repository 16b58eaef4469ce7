package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends each finding to the first template whose routing takes it, drops what must not be synced (with the
 * reason), and groups the rest into work units.
 */
final class Router {
    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity)
            .thenComparing(finding -> finding.fingerprint().value());

    private Router() {
    }

    /**
     * @param units what becomes work items, per template in template order, most severe first
     * @param skipped one SKIP entry per finding not synced
     * @param present per template, the unit fingerprints of every finding it took, below threshold or not: an
     *                item with one of these is not "fixed"
     * @param scannedTools lower-case names of the tools whose reports were read, each to its name for people
     * @param covered per lower-case tool name, the scan targets its reports covered ({@code ""}: a report that
     *                names none, where the request names none either)
     */
    record Routed(List<WorkUnit> units, List<SyncEntry> skipped, Map<String, Set<String>> present,
                  Map<String, String> scannedTools, Map<String, Set<String>> covered) {

        Set<String> covered(String tool) {
            return covered.getOrDefault(Fingerprints.normaliseName(tool), Set.of());
        }
    }

    static Routed route(List<Report> reports, List<Template> templates) {
        return route(reports, templates, "");
    }

    /** @param defaultTarget the target of findings whose report names none; empty for none */
    static Routed route(List<Report> reports, List<Template> templates, String defaultTarget) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        Map<String, Template> groupTemplates = new LinkedHashMap<>();
        List<SyncEntry> skipped = new ArrayList<>();
        Map<String, Set<String>> present = new LinkedHashMap<>();
        Map<String, String> scannedTools = new LinkedHashMap<>();
        Map<String, Set<String>> covered = new LinkedHashMap<>();
        templates.forEach(template -> present.put(template.name(), new HashSet<>()));
        for (Report report : reports) {
            Set<String> reportTools = tools(report);
            names(report).forEach(scannedTools::putIfAbsent);
            Set<String> reportTargets = targets(report, defaultTarget);
            reportTools.forEach(tool -> covered.computeIfAbsent(tool, key -> new LinkedHashSet<>()).addAll(reportTargets));
            for (Finding reported : report.findings()) {
                Finding finding = reported.target().isEmpty() && !defaultTarget.isEmpty()
                        ? reported.withTarget(defaultTarget) : reported;
                if (finding.suppressed()) {
                    skipped.add(skip(finding, "", SkipReason.SUPPRESSED, "suppressed by the scanner"));
                    continue;
                }
                Template template = templates.stream().filter(t -> t.routing().matches(finding)).findFirst().orElse(null);
                if (template == null) {
                    skipped.add(skip(finding, "", SkipReason.NO_TEMPLATE, "no template takes it (tool " + finding.tool().name() + ", rule "
                            + finding.rule().id() + ", " + finding.severity().label() + ")"));
                    continue;
                }
                String unitFingerprint = unitFingerprint(template, finding);
                present.get(template.name()).add(unitFingerprint);
                if (!finding.severity().isAtLeast(template.threshold())) {
                    skipped.add(skip(finding, template.name(), SkipReason.BELOW_THRESHOLD, "below the template's threshold ("
                            + finding.severity().label() + " < " + template.threshold().label() + ")"));
                    continue;
                }
                String key = template.name() + "\n" + unitFingerprint;
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(finding);
                groupTemplates.putIfAbsent(key, template);
            }
        }
        List<WorkUnit> units = new ArrayList<>();
        groups.forEach((key, members) -> {
            members.sort(MOST_SEVERE_FIRST);
            Template template = groupTemplates.get(key);
            String tool = members.get(0).tool().name();
            units.add(new WorkUnit(template, key.substring(key.indexOf('\n') + 1), tool, members,
                    covered.getOrDefault(Fingerprints.normaliseName(tool), Set.of())));
        });
        units.sort(Comparator.comparing((WorkUnit unit) -> templates.indexOf(unit.template()))
                .thenComparing(WorkUnit::severity).thenComparing(WorkUnit::fingerprint));
        return new Routed(units, skipped, present, scannedTools, covered);
    }

    /** The identity of the item a finding belongs to under the template's grouping (docs/templates.md). */
    static String unitFingerprint(Template template, Finding finding) {
        String tool = Fingerprints.normaliseName(finding.tool().name());
        return switch (template.grouping()) {
            case FINDING -> finding.fingerprint().value();
            case RULE -> Fingerprints.group("rule", List.of(tool, finding.rule().id())).value();
            case PACKAGE -> finding.asset().isPackage()
                    ? Fingerprints.group("package", List.of(tool, Fingerprints.normaliseName(finding.asset().ecosystem()),
                            finding.asset().packageName(), finding.asset().installedVersion())).value()
                    : finding.fingerprint().value();
            case FILE -> finding.primaryLocation().path().isEmpty()
                    ? finding.fingerprint().value()
                    : Fingerprints.group("file", List.of(tool, Fingerprints.normalisePath(finding.primaryLocation().path()))).value();
        };
    }

    /** Lower-case names of the tools a report covered, including reports without findings. */
    static Set<String> tools(Report report) {
        return names(report).keySet();
    }

    /** The tools a report covered: lower-case name (identity) to the name as the report gives it (for people). */
    static Map<String, String> names(Report report) {
        Map<String, String> tools = new LinkedHashMap<>();
        report.summary().tools().forEach(tool -> tools.putIfAbsent(Fingerprints.normaliseName(tool), tool));
        report.findings().forEach(finding -> tools.putIfAbsent(Fingerprints.normaliseName(finding.tool().name()),
                finding.tool().name()));
        return tools;
    }

    /** The targets a report covered: those it names, or the default when it names none. */
    static Set<String> targets(Report report, String defaultTarget) {
        Set<String> targets = new LinkedHashSet<>(report.summary().targets());
        report.findings().forEach(finding -> targets.add(finding.target().isEmpty() ? defaultTarget : finding.target()));
        if (targets.isEmpty()) {
            targets.add(defaultTarget);
        }
        return targets;
    }

    private static SyncEntry skip(Finding finding, String template, SkipReason why, String reason) {
        return new SyncEntry(Action.SKIP, finding.fingerprint().value(), template, 0, "", "", finding.severity(),
                io.jenkins.plugins.adoworkitems.core.template.Placeholders.defaultTitle(finding), reason, "", "", why);
    }
}
