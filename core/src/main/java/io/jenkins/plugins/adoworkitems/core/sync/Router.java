package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.FingerprintSet;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.parse.ReportOutline;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends each kept finding of a {@link ScreenedScan} to the first template whose routing takes it and groups them
 * into work units; takes from the scan what was dropped (counted by reason), which identities are present, and which
 * tools and targets were scanned. {@link FindingFilter} decided what to keep while the reports were read.
 */
final class Router {
    private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity)
            .thenComparing(finding -> finding.fingerprint().value());

    private Router() {
    }

    /**
     * @param units what becomes work items, per template in template order, most severe first
     * @param skipped the findings not synced, counted by reason (suppressed, no template, below threshold)
     * @param present the unit fingerprints of every finding a template took, below threshold or not: an item with
     *                one of these is not "fixed"
     * @param scannedTools lower-case names of the tools whose reports were read, each to its name for people
     * @param covered per lower-case tool name, the scan targets its reports covered ({@code ""}: a report that
     *                names none, where the request names none either)
     */
    record Routed(List<WorkUnit> units, Map<SkipReason, Integer> skipped, FingerprintSet present,
                  Map<String, String> scannedTools, Map<String, Set<String>> covered) {

        Set<String> covered(String tool) {
            return covered.getOrDefault(Fingerprints.normaliseName(tool), Set.of());
        }
    }

    /** @param defaultTarget the target of findings whose report names none; empty for none */
    static Routed route(ScreenedScan scan, List<Template> templates, String defaultTarget) {
        Map<String, String> scannedTools = new LinkedHashMap<>();
        Map<String, Set<String>> covered = new LinkedHashMap<>();
        for (ReportOutline report : scan.reports()) {
            Map<String, String> reportTools = names(report);
            reportTools.forEach(scannedTools::putIfAbsent);
            Set<String> reportTargets = targets(report, defaultTarget);
            reportTools.keySet().forEach(tool -> covered.computeIfAbsent(tool, key -> new LinkedHashSet<>())
                    .addAll(reportTargets));
        }
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        Map<String, Template> groupTemplates = new LinkedHashMap<>();
        for (Finding kept : scan.kept()) {
            Finding finding = kept.target().isEmpty() && !defaultTarget.isEmpty() ? kept.withTarget(defaultTarget) : kept;
            Template template = templates.stream().filter(t -> t.routing().matches(finding)).findFirst().orElse(null);
            if (template == null || finding.suppressed() || !finding.severity().isAtLeast(template.threshold())) {
                // SyncRequest checks that the scan was filtered for these templates: this cannot happen.
                throw new IllegalStateException("A kept finding that the templates do not keep: " + finding.fingerprint());
            }
            String key = template.name() + "\n" + unitFingerprint(template.grouping(), finding);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(finding);
            groupTemplates.putIfAbsent(key, template);
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
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        skipped.put(SkipReason.SUPPRESSED, scan.suppressed());
        skipped.put(SkipReason.NO_TEMPLATE, scan.noTemplate());
        skipped.put(SkipReason.BELOW_THRESHOLD, scan.belowThreshold());
        return new Routed(units, skipped, scan.seen(), scannedTools, covered);
    }

    /** The identity of the item a finding belongs to under the template's grouping (docs/templates.md). */
    static String unitFingerprint(Grouping grouping, Finding finding) {
        String tool = Fingerprints.normaliseName(finding.tool().name());
        return switch (grouping) {
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

    /**
     * The tools a report covered, including reports without findings and the tools of findings the filter dropped:
     * lower-case name (identity) to the name as the report gives it (for people).
     */
    static Map<String, String> names(ReportOutline report) {
        Map<String, String> tools = new LinkedHashMap<>();
        report.summary().tools().forEach(tool -> tools.putIfAbsent(Fingerprints.normaliseName(tool), tool));
        report.findingTools().forEach(tool -> tools.putIfAbsent(Fingerprints.normaliseName(tool), tool));
        return tools;
    }

    /** The targets a report covered: those it and its findings name, or the default where they name none. */
    static Set<String> targets(ReportOutline report, String defaultTarget) {
        Set<String> targets = new LinkedHashSet<>(report.summary().targets());
        report.findingTargets().forEach(target -> targets.add(target.isEmpty() ? defaultTarget : target));
        if (targets.isEmpty()) {
            targets.add(defaultTarget);
        }
        return targets;
    }
}
