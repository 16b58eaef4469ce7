package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportProblem;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.FindingFilter;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The scan reports a command reads, and how. */
final class ReportOptions {
    @Parameters(arity = "1..*", paramLabel = "REPORT",
            description = "Report files, directories, or Ant-style patterns such as 'reports/**/*.sarif'.")
    List<String> reports;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Skip detection and read every file as this format: ${COMPLETION-CANDIDATES}.",
            converter = FormatConverter.class, completionCandidates = FormatConverter.Ids.class)
    ReportFormat format;

    @Option(names = "--include-suppressed", description = "Keep findings the scanner marked suppressed.")
    boolean includeSuppressed;

    @Option(names = "--base", paramLabel = "DIR", description = "Directory patterns are relative to (default: current).")
    Path base = Path.of("");

    /**
     * Reads every report. With {@code keepGoing} an unreadable file is a problem in the result and the others are
     * still read; without it, the first one fails the command.
     */
    ReadResult read(boolean keepGoing) {
        try {
            return reader().readAll(inputs(), format(), keepGoing);
        } catch (ReportException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    /** The files the arguments name, in order, each once. */
    List<ReportInput> inputs() {
        try {
            return ReportArguments.resolve(reports, base.toAbsolutePath());
        } catch (IOException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    FindingsReader reader() {
        return new FindingsReader(ParseOptions.DEFAULTS.withIncludeSuppressed(includeSuppressed));
    }

    Optional<ReportFormat> format() {
        return Optional.ofNullable(format);
    }

    /**
     * Reads every report through the templates' filter, holding only the findings a sync may write (plan and sync:
     * memory grows with those, not with the files). All reports or none: syncing some of a scan's reports would
     * misjudge what was fixed.
     */
    ScreenedScan screen(List<Template> templates) {
        ScreenedScan scan;
        try {
            scan = FindingFilter.of(templates, includeSuppressed).read(inputs(), format(), true);
        } catch (ReportException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
        requireAll(scan.problems());
        return scan;
    }

    private static void requireAll(List<ReportProblem> problems) {
        if (!problems.isEmpty()) {
            throw CommandFailure.badInput(String.join(System.lineSeparator() + "error: ",
                    problems.stream().map(ReportProblem::message).toList())
                    + System.lineSeparator() + "error: nothing was synced; fix or leave out the reports above.");
        }
    }
}
