package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.List;

/**
 * One sync: the reports of a scan, the templates that route their findings, and how to run.
 *
 * @param templates tried in order; a finding goes to the first template whose routing matches
 * @param dryRun plan only: read Azure DevOps, write nothing
 * @param resolveFixed resolve items of findings gone from these reports, for every template (templates may also
 *                     turn it on one by one); only the tools and scan targets the reports cover are in scope
 * @param origin the target to assume where a report names none, and the build's branch and pull request
 */
public record SyncRequest(List<Report> reports, List<Template> templates, LinkContext links, boolean dryRun,
                          boolean resolveFixed, ScanOrigin origin) {
    public SyncRequest {
        reports = List.copyOf(reports);
        templates = List.copyOf(templates);
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("A sync needs at least one template");
        }
        links = links == null ? LinkContext.NONE : links;
        origin = origin == null ? ScanOrigin.NONE : origin;
    }

    /** A sync of reports that name their own targets, from a branch build. */
    public SyncRequest(List<Report> reports, List<Template> templates, LinkContext links, boolean dryRun,
                       boolean resolveFixed) {
        this(reports, templates, links, dryRun, resolveFixed, ScanOrigin.NONE);
    }
}
