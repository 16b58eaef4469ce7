package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFilesTest {
    private static final String SECRET = "root:x:0:0:the-agent's-own-file";

    @TempDir
    Path temp;

    @Test
    void patternsMatchAntStyleAndSortByPath() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Files.createDirectories(workspace.resolve("a/b"));
        Files.writeString(workspace.resolve("a/b/x.sarif"), "{}");
        Files.writeString(workspace.resolve("a/y.sarif"), "{}");
        Files.writeString(workspace.resolve("a/y.json"), "{}");

        assertThat(new ReportFiles("**/*.sarif").find(workspace)).extracting(ReportInput::name)
                .containsExactly("a/b/x.sarif", "a/y.sarif");
        assertThat(new ReportFiles("a/*.sarif, a/*.json").find(workspace)).extracting(ReportInput::name)
                .containsExactly("a/y.json", "a/y.sarif");
    }

    /**
     * A workspace is the job's to fill, the agent's other files are not: a link out of the workspace is a problem of
     * the run, named without any of the target's content; a link within it reads as usual.
     */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "creating a symbolic link needs a privilege on Windows")
    void aSymbolicLinkOutOfTheSearchedDirectoryIsRefusedWithoutEchoingItsTarget() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Path outside = Files.writeString(temp.resolve("passwd"), SECRET + "\n".repeat(3) + SECRET);
        Files.copy(Samples.example("codeql-webapp.sarif"), workspace.resolve("real.sarif"));
        Files.createSymbolicLink(workspace.resolve("leak.sarif"), outside);
        Files.createSymbolicLink(workspace.resolve("inside.sarif"), workspace.resolve("real.sarif"));

        List<ReportInput> found = new ReportFiles("*.sarif").find(workspace);
        ReadResult read = new FindingsReader().readAll(found, Optional.empty(), true);

        assertThat(read.reports()).extracting(Report::source).containsExactly("inside.sarif", "real.sarif");
        assertThat(read.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("leak.sarif");
            assertThat(problem.reason()).contains("symbolic link to a file outside ws, which is not followed")
                    .doesNotContain("root").doesNotContain("passwd");
        });
        // Forced to a tree-read format, the size check must not read through the link either.
        ReadResult forced = new FindingsReader().readAll(found, Optional.of(ReportFormat.TRIVY), true);
        assertThat(forced.problems()).filteredOn(problem -> problem.file().equals("leak.sarif")).singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("symbolic link").doesNotContain("bytes"));
    }
}
