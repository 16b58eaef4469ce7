package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;

/**
 * A place in source code. Lines and columns are 1-based; 0 means unknown.
 *
 * @param path repository-relative path with forward slashes, or the URI as given when it cannot be made relative
 * @param message what this location is about (for related locations and code flows), may be empty
 */
public record Location(String path, int startLine, int startColumn, int endLine, int endColumn,
                       String snippet, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Location {
        path = Text.orEmpty(path);
        snippet = Text.orEmpty(snippet);
        message = Text.orEmpty(message);
    }

    /** A location known by path and start line only. */
    public static Location of(String path, int startLine) {
        return new Location(path, startLine, 0, 0, 0, "", "");
    }

    /** {@code path:line}, or the path alone when the line is unknown. */
    public String display() {
        return startLine > 0 ? path + ":" + startLine : path;
    }
}
