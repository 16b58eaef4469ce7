package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import java.io.Serializable;
import java.util.List;

/** The reports read and the files that could not be read. */
public record ReadResult(List<Report> reports, List<ReportProblem> problems) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReadResult {
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
    }

    public List<Finding> findings() {
        return reports.stream().flatMap(report -> report.findings().stream()).toList();
    }
}
