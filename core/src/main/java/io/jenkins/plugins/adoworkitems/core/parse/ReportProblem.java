package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.Serializable;

/** A report that could not be read, as plain data that can cross from a Jenkins agent to the controller. */
public record ReportProblem(String file, String position, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static ReportProblem of(ReportException e) {
        return new ReportProblem(e.file(), e.position(), e.reason());
    }

    /** {@code file: position: reason}, the same text as the exception's message. */
    public String message() {
        return position.isEmpty() ? file + ": " + reason : file + ": " + position + ": " + reason;
    }
}
