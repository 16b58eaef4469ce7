package io.jenkins.plugins.adoworkitems.sync;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFiles;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.FindingFilter;
import jenkins.agents.ControllerToAgentFileCallable;

import java.io.File;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds, parses and filters the report files where the workspace is, usually an agent: suppression, the templates'
 * routing and thresholds, and duplicates are applied there, while each report is read, so only the findings the
 * sync can write cross the channel, compacted, with counts for the rest (core's {@link ScreenedScan}, plain
 * serializable data let through by {@link CoreClassFilter}). The controller, which every team shares, never holds
 * a report's other findings; report files stay on the agent and credentials never go there.
 *
 * @param patterns Ant-style patterns relative to the workspace, comma-separated
 * @param format   a {@link ReportFormat} id, or empty to detect each file's format
 * @param filter   what the sync's templates keep, made on the controller from them
 */
public record ReportScanner(String patterns, String format, FindingFilter filter)
        implements ControllerToAgentFileCallable<ScreenedScan> {
    private static final long serialVersionUID = 1L;

    @Override
    public ScreenedScan invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Optional<ReportFormat> given = format.isEmpty() ? Optional.empty() : Optional.of(ReportFormat.fromId(format));
        try {
            // keepGoing: a broken file becomes a problem in the result, and the others are still read.
            return filter.read(new ReportFiles(patterns).find(workspace.toPath()), given, true);
        } catch (ReportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
