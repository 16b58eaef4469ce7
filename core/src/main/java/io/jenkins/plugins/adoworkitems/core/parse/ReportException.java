package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.IOException;

/**
 * A report that cannot be read, with what a person needs to fix it: the file, where in it, and why.
 * The message never includes a stack trace or report content beyond a short excerpt.
 */
public class ReportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String position;
    private final String reason;

    /**
     * @param position {@code line 3, column 17} and/or a JSON pointer such as {@code /runs/0/results/4};
     *                 empty when the problem concerns the whole file
     */
    public ReportException(String file, String position, String reason) {
        this(file, position, reason, null);
    }

    public ReportException(String file, String position, String reason, Throwable cause) {
        super(format(file, position, reason), cause);
        this.file = file;
        this.position = position == null ? "" : position;
        this.reason = reason;
    }

    /** The file could not be opened or read at all (missing, unreadable, I/O failure). */
    public static ReportException unreadable(ReportInput input, IOException e) {
        return new ReportException(input.name(), "", "cannot read the file: " + e.getMessage(), e);
    }

    private static String format(String file, String position, String reason) {
        return position == null || position.isEmpty() ? file + ": " + reason : file + ": " + position + ": " + reason;
    }

    public String file() {
        return file;
    }

    public String position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
