package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads report files into findings: detects each file's format (or takes the one given) and parses it. */
public final class FindingsReader {
    private final ParseOptions options;
    private final FormatDetector detector;

    public FindingsReader(ParseOptions options) {
        this.options = options;
        this.detector = new FormatDetector(Parsers.all(), options);
    }

    public FindingsReader() {
        this(ParseOptions.DEFAULTS);
    }

    /** Streams one report's findings into {@code sink}, for reports too large to hold. */
    public ParseSummary stream(ReportInput input, Optional<ReportFormat> format, Consumer<Finding> sink)
            throws ReportException {
        return parserFor(input, format).parse(input, options, sink);
    }

    /** Reads one report into memory. */
    public Report read(ReportInput input, Optional<ReportFormat> format) throws ReportException {
        ReportParser parser = parserFor(input, format);
        List<Finding> findings = new ArrayList<>();
        ParseSummary summary = parser.parse(input, options, findings::add);
        return new Report(input.name(), parser.format(), findings, summary);
    }

    /**
     * Reads several reports. With {@code keepGoing} a broken file is recorded as a problem and the others
     * are still read; without it the first broken file stops the reading.
     */
    public ReadResult readAll(List<ReportInput> inputs, Optional<ReportFormat> format, boolean keepGoing)
            throws ReportException {
        List<Report> reports = new ArrayList<>();
        List<ReportProblem> problems = new ArrayList<>();
        for (ReportInput input : inputs) {
            try {
                reports.add(read(input, format));
            } catch (ReportException e) {
                if (!keepGoing) {
                    throw e;
                }
                problems.add(ReportProblem.of(e));
            }
        }
        return new ReadResult(reports, problems);
    }

    private ReportParser parserFor(ReportInput input, Optional<ReportFormat> format) throws ReportException {
        return format.isPresent() ? Parsers.forFormat(format.get()) : detector.detect(input);
    }
}
