package io.jenkins.plugins.adoworkitems.sync;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFiles;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import jenkins.agents.ControllerToAgentFileCallable;

import java.io.File;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds and parses the report files where the workspace is, usually an agent. Only the findings travel back (core's
 * {@link ReadResult} is plain serializable data, let through by {@link CoreClassFilter}); report files stay on the
 * agent and credentials never go there.
 *
 * @param patterns Ant-style patterns relative to the workspace, comma-separated
 * @param format   a {@link ReportFormat} id, or empty to detect each file's format
 */
public record ReportScanner(String patterns, String format) implements ControllerToAgentFileCallable<ReadResult> {
    private static final long serialVersionUID = 1L;

    @Override
    public ReadResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Optional<ReportFormat> given = format.isEmpty() ? Optional.empty() : Optional.of(ReportFormat.fromId(format));
        try {
            // keepGoing: a broken file becomes a problem in the result, and the others are still read.
            return new FindingsReader(ParseOptions.DEFAULTS).readAll(new ReportFiles(patterns).find(workspace.toPath()),
                    given, true);
        } catch (ReportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
