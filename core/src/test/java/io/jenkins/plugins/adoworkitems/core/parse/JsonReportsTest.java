package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReportsTest {
    @TempDir
    Path temp;

    @Test
    void aShortPointerIsKeptWhole() {
        String pointer = "/runs/0/results/4/locations/0";
        assertThat(JsonReports.shorten(pointer)).isEqualTo(pointer);
    }

    @Test
    void aLongPointerKeepsItsFirstSegmentsAndItsLast() {
        String pointer = "/runs/0" + "/a".repeat(150) + "/last";

        String shortened = JsonReports.shorten(pointer);

        assertThat(shortened).hasSizeLessThanOrEqualTo(JsonReports.MAX_POINTER_LENGTH)
                .startsWith("/runs/0/a/a/").endsWith("/a/…/last");
    }

    @Test
    void aPointerEndingInAHugeKeyIsCutToo() {
        String pointer = "/runs/0/" + "k".repeat(1000);

        assertThat(JsonReports.shorten(pointer)).hasSizeLessThanOrEqualTo(JsonReports.MAX_POINTER_LENGTH + 1)
                .startsWith("/runs/0/…/kkk").endsWith("k…");
    }

    /** 100 000 nested arrays: the streaming (SARIF) and the tree (Trivy) readers both stop at the limit, readably. */
    @Tag("shared-data")
    @Test
    void tooDeepANestingIsAShortClearErrorWithItsPosition() {
        ReportInput input = ReportInput.of(Samples.sample("bad/deeply-nested.json"));
        for (ReportFormat format : new ReportFormat[] {ReportFormat.SARIF, ReportFormat.TRIVY}) {
            assertThatThrownBy(() -> new FindingsReader().read(input, Optional.of(format)))
                    .as(format.id()).isInstanceOfSatisfying(ReportException.class, e -> {
                        assertThat(e.position()).startsWith("line 1, column 202, at /0/0/").endsWith("/…/0")
                                .hasSizeLessThan(250);
                        assertThat(e.reason()).isEqualTo("the document exceeds a safety limit: "
                                + "Document nesting depth (201) exceeds the maximum allowed (200)");
                    });
        }
    }

    /**
     * A key written twice would silently keep its last value; a report read as a tree (Trivy) and a SARIF result
     * both fail on it, with line, column and where the object is.
     */
    @Test
    void aKeyTwiceInOneObjectIsAClearErrorWithItsPosition() throws IOException {
        Path trivy = write("trivy.json", "{\"SchemaVersion\": 2, \"ArtifactName\": \"x\",\n"
                + " \"Results\": [{\"Target\": \"a\", \"Target\": \"b\"}]}");
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(trivy), Optional.of(ReportFormat.TRIVY)))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed JSON: Duplicate field 'Target'");
                    assertThat(e.position()).startsWith("line 2, column ").contains("at /Results/0");
                });

        Path sarif = write("dup.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"T\"}},\n"
                + " \"results\": [{\"ruleId\": \"A\", \"message\": {\"text\": \"m\", \"text\": \"n\"}}]}]}");
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(sarif), Optional.of(ReportFormat.SARIF)))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed JSON: Duplicate field 'text'");
                    assertThat(e.position()).startsWith("line 2, column ").contains("at /runs/0/results/0/message");
                });
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(temp.resolve(name), json);
    }

    /** Whatever a pattern matched by mistake, its content never reaches an error message, for any format. */
    @Test
    void anUnrecognisedTokenIsNotQuoted(@TempDir Path dir) throws IOException {
        String secret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'quoted'";
        Path file = Files.writeString(dir.resolve(".env"), secret + "\n" + secret);
        for (ReportFormat format : ReportFormat.values()) {
            assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(file), Optional.of(format)))
                    .as(format.id()).isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.getMessage())
                            .doesNotContain("wJalrXUtnFEMI").doesNotContain("AWS_SECRET").doesNotContain("EXAMPLEKEY"));
        }
        assertThat(JsonReports.withoutToken("Unrecognized token 'abc': was expecting (JSON String, Number)"))
                .isEqualTo("unrecognized token (its text is not shown): was expecting (JSON String, Number)");
    }
}
