package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.FingerprintSet;

import java.io.Serializable;
import java.util.List;

/**
 * A scan read for a sync, with only the findings that can lead to a write: what a Jenkins agent sends back to the
 * controller, and what the CLI holds, so that memory grows with the findings kept and not with the report files.
 * The sync's {@code FindingFilter} makes it (docs/sync.md, section 2); the rest is counted, not kept.
 *
 * @param reports each report read, in input order, without its findings
 * @param kept the findings at or above the threshold of the template that takes them, in report order, with only
 *             the fields a sync reads
 * @param suppressed findings the scanner marked suppressed that reached the filter (parsers skip them unless asked
 *                   to keep them; {@link ParseSummary#suppressed()} counts those)
 * @param noTemplate findings no template's routing takes
 * @param belowThreshold findings below the threshold of the template that takes them
 * @param seen the work item identity (fingerprint, or group fingerprint under a grouping template) of every finding a
 *             template took, kept or below its threshold: an item with one of these is not fixed
 * @param problems the reports that could not be read
 * @param filter the id of the filter that made it; a sync checks it against its own templates
 */
public record ScreenedScan(List<ReportOutline> reports, List<Finding> kept, int suppressed, int noTemplate,
                           int belowThreshold, FingerprintSet seen, List<ReportProblem> problems, String filter)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ScreenedScan {
        reports = List.copyOf(reports);
        kept = List.copyOf(kept);
        seen = seen == null ? FingerprintSet.EMPTY : seen;
        problems = List.copyOf(problems);
        filter = filter == null ? "" : filter;
    }

    /**
     * The findings that reached the filter, kept or counted; not those the parsers merged as duplicates or skipped
     * as suppressed themselves ({@link ParseSummary} counts those).
     */
    public int findings() {
        return kept.size() + suppressed + noTemplate + belowThreshold;
    }
}
