package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.List;

/**
 * One sync: a scan's findings as the templates' {@link FindingFilter} kept them, the templates that route them, and
 * how to run.
 *
 * @param scan the findings that can lead to a write and what the others were (counts, present identities, the
 *             tools and targets scanned); made by {@code FindingFilter.of(templates, …)}, on a Jenkins agent or here
 * @param templates tried in order; a finding goes to the first template whose routing matches
 * @param dryRun plan only: read Azure DevOps, write nothing
 * @param resolveFixed resolve items of findings gone from these reports, for every template (templates may also
 *                     turn it on one by one); only the tools and scan targets the reports cover are in scope
 * @param origin the target to assume where a report names none, and the build's branch and pull request
 */
public record SyncRequest(ScreenedScan scan, List<Template> templates, LinkContext links, boolean dryRun,
                          boolean resolveFixed, ScanOrigin origin) {
    public SyncRequest {
        templates = requireTemplates(templates);
        String expected = FindingFilter.of(templates, false).id();
        if (!scan.filter().equals(expected)) {
            // A scan kept for other templates (thresholds, routing) would silently sync the wrong findings.
            throw new IllegalArgumentException("The scan was filtered for other templates (filter " + scan.filter()
                    + ", these templates' " + expected + "): filter it with FindingFilter.of(these templates)");
        }
        links = links == null ? LinkContext.NONE : links;
        origin = origin == null ? ScanOrigin.NONE : origin;
    }

    /** A sync of reports already read: they are filtered here, as {@link FindingFilter#read} filters while reading. */
    public SyncRequest(List<Report> reports, List<Template> templates, LinkContext links, boolean dryRun,
                       boolean resolveFixed, ScanOrigin origin) {
        this(FindingFilter.of(requireTemplates(templates), false).screen(reports), templates, links, dryRun,
                resolveFixed, origin);
    }

    /** A sync of reports that name their own targets, from a branch build. */
    public SyncRequest(List<Report> reports, List<Template> templates, LinkContext links, boolean dryRun,
                       boolean resolveFixed) {
        this(reports, templates, links, dryRun, resolveFixed, ScanOrigin.NONE);
    }

    private static List<Template> requireTemplates(List<Template> templates) {
        List<Template> copy = List.copyOf(templates);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A sync needs at least one template");
        }
        return copy;
    }
}
