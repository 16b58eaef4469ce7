package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import java.io.Serializable;
import java.util.List;

/** The findings of one report file, with its format and counts. */
public record Report(String source, ReportFormat format, List<Finding> findings, ParseSummary summary)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Report {
        findings = List.copyOf(findings);
    }
}
