package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.Serializable;
import java.util.List;

/**
 * One report of a {@link ScreenedScan}: everything a sync needs of it except its findings. Resolve-on-fix judges
 * the tools and scan targets a report covered, and those include what the findings it dropped named.
 *
 * @param findingTools the tools its findings name (as the findings spell them), in order, once each; kept or not
 * @param findingTargets the scan targets its findings name, in order, once each, {@code ""} for findings that name
 *                       none (a sync gives those its default target); kept or not
 */
public record ReportOutline(String source, ReportFormat format, ParseSummary summary, List<String> findingTools,
                            List<String> findingTargets) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReportOutline {
        findingTools = List.copyOf(findingTools);
        findingTargets = List.copyOf(findingTargets);
    }
}
