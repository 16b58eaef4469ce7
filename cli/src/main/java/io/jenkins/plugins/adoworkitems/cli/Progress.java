package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.parse.ReportOutline;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;

import java.io.PrintWriter;

/** Progress lines on stderr, so stdout stays the result that scripts read. */
final class Progress {
    private Progress() {
    }

    /** The reports a plan or sync read; how many findings it keeps is in the plan's line that follows. */
    static void read(PrintWriter err, ScreenedScan scan) {
        for (ReportOutline report : scan.reports()) {
            report.summary().warnings().forEach(warning -> err.println("warning: " + report.source() + ": " + warning));
            err.println("Read " + report.source() + " (" + report.format().id() + "): " + report.summary().findings()
                    + " finding(s)");
        }
        err.flush();
    }
}
