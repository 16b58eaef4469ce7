package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

/**
 * A report whose findings container is missing does not cover its tool (docs/formats.md, "Not covered"): the
 * parser leaves the tool out of the summary, so that no open work item of the tool is resolved as fixed, and
 * says why in a warning.
 */
final class Coverage {
    private Coverage() {
    }

    /** @param missing what the report lacks, e.g. {@code no 'matches' array} */
    static void notCovered(ParseSummary.Counter counter, ReportInput input, String missing, String tool) {
        counter.warning(input.name() + ": " + missing + ": " + tool + "'s results are unknown, so no item of "
                + tool + " is resolved from this report");
    }
}
