package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import java.util.function.Consumer;

/**
 * Reads one report format. Implementations are stateless and thread-safe; all state of one parse lives in
 * local variables, so one instance serves every file.
 */
public interface ReportParser {

    ReportFormat format();

    /**
     * Whether a file starting with {@code head} (its first bytes decoded as UTF-8, possibly cut mid-token)
     * is in this format. Detection is by content, never by file name; key order is not guaranteed, so look
     * for keys anywhere in the head, not at fixed offsets.
     */
    boolean recognises(String head);

    /**
     * Parses a report, handing each finding to {@code sink} as soon as it is complete, so that callers can
     * filter a huge report without holding it. Suppressed findings are skipped and counted unless
     * {@link ParseOptions#includeSuppressed()}; exact duplicate entries are emitted once and counted.
     *
     * @throws ReportException naming the file, position and reason when the report cannot be read
     */
    ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException;
}
