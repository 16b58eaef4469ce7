package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report file. Parsers may open it more than once: SARIF allows results before the tool's rules, so the
 * streaming SARIF parser reads ahead in a second stream when a run's metadata follows its results.
 *
 * @param name     how messages name the file (usually relative to the workspace)
 * @param confined the directory the file was found in by a pattern, which it must not leave through a symbolic
 *                 link (a workspace's content is the job's to choose, the agent's other files are not); null for
 *                 a file named outright
 */
public record ReportInput(String name, Path path, Path confined) {

    public ReportInput(String name, Path path) {
        this(name, path, null);
    }

    public static ReportInput of(Path path) {
        return new ReportInput(path.toString(), path);
    }

    /** @throws IOException also when the file is a link out of {@link #confined}; the message names no content */
    public InputStream open() throws IOException {
        checkConfined();
        return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }

    public long size() throws IOException {
        checkConfined();
        return Files.size(path);
    }

    private void checkConfined() throws IOException {
        if (confined != null && !path.toRealPath().startsWith(confined.toRealPath())) {
            throw new IOException("it is a symbolic link to a file outside " + confined.getFileName()
                    + ", which is not followed");
        }
    }

    /** Refuses a file larger than a parser that holds it whole may read ({@link ParseOptions#maxTreeBytes()}). */
    void checkTreeSize(ParseOptions options) throws ReportException {
        long size;
        try {
            size = size();
        } catch (IOException e) {
            throw ReportException.unreadable(this, e);
        }
        if (size > options.maxTreeBytes()) {
            throw new ReportException(name, "", "the file has " + size + " bytes, more than the "
                    + options.maxTreeBytes() + " this format may have");
        }
        long spare = Runtime.getRuntime().maxMemory() / TREE_MEMORY_FACTOR;
        if (size > spare) {
            // Refusing beats an OutOfMemoryError that would take the Jenkins agent or controller down with it.
            throw new ReportException(name, "", "the file has " + size + " bytes; reading this format takes about "
                    + TREE_MEMORY_FACTOR + " times that in memory, more than this JVM's heap allows: give it more "
                    + "heap (-Xmx) or split the report");
        }
    }

    /**
     * A JSON tree takes several times its text in memory: Jackson's tree of a 200 MB SARIF kept about 650 MB
     * (docs/performance.md); 6 leaves room for the rest of the job.
     */
    static final int TREE_MEMORY_FACTOR = 6;
}
