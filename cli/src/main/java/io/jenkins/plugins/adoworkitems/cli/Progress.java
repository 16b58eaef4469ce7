package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.Report;

import java.io.PrintWriter;

/** Progress lines on stderr, so stdout stays the result that scripts read. */
final class Progress {
    private Progress() {
    }

    static void read(PrintWriter err, ReadResult read) {
        for (Report report : read.reports()) {
            report.summary().warnings().forEach(warning -> err.println("warning: " + report.source() + ": " + warning));
            err.println("Read " + report.source() + " (" + report.format().id() + "): " + report.findings().size()
                    + " finding(s)");
        }
        err.flush();
    }
}
