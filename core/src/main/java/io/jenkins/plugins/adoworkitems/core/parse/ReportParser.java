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
     * Whether a report of this shape is in this format. Detection is by structure, never by file name: the kinds,
     * keys and telltale values that {@link ReportShape} keeps, in any order. The shape may be what has been read
     * so far ({@link FormatDetector} asks after every step), so answer from what is there: a key that has not
     * been seen yet may still come.
     */
    boolean recognises(ReportShape shape);

    /**
     * Parses a report, handing each finding to {@code sink} as soon as it is complete, so that callers can
     * filter a huge report without holding it. Suppressed findings are skipped and counted unless
     * {@link ParseOptions#includeSuppressed()}; exact duplicate entries are emitted once and counted.
     *
     * @throws ReportException naming the file, position and reason when the report cannot be read
     */
    ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException;
}
