package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import org.junit.jupiter.api.Tag;

/**
 * Every file of ../shared/samples as a user would hand it over: the good ones read by detection as the format of
 * their directory, the malformed ones under bad/ refused with the error ../shared/samples/SOURCES.md expects.
 */
@Tag("shared-data")
class AllSamplesTest {
    private static final Path SAMPLES = Samples.sample("");

    /** Per bad/ file, what the reason must say; {@code true} where the position must give a line as well. */
    private static final Map<String, Expectation> BAD = Map.of(
            "bad/truncated-codeql.sarif", new Expectation("unexpected end of input", true),
            "bad/empty.sarif", new Expectation("empty", false),
            "bad/invalid-utf8.sarif", new Expectation("invalid UTF-8", true),
            "bad/unknown-version.sarif", new Expectation("unsupported SARIF version", true),
            "bad/trailing-garbage-trivy.json", new Expectation("unexpected content after the end", true));

    private record Expectation(String reason, boolean withLine) {
    }

    @Test
    void everyGoodSampleIsDetectedAsItsDirectorysFormatAndReads() throws Exception {
        List<Path> good = files().stream().filter(file -> !name(file).startsWith("bad/")).toList();
        assertThat(good).hasSizeGreaterThan(50);
        for (Path file : good) {
            ReportFormat expected = ReportFormat.fromId(file.getParent().getFileName().toString());
            Report report = new FindingsReader().read(new ReportInput(name(file), file), Optional.empty());
            assertThat(report.format()).as(name(file)).isEqualTo(expected);
        }
    }

    @Test
    void everyBadSampleFailsWithItsExpectedReason() throws IOException {
        List<String> bad = files().stream().map(AllSamplesTest::name).filter(name -> name.startsWith("bad/"))
                .filter(name -> !name.equals("bad/deeply-nested.json")).toList();
        assertThat(bad).containsExactlyInAnyOrderElementsOf(BAD.keySet());
        for (String name : bad) {
            Expectation expected = BAD.get(name);
            assertThatThrownBy(() -> new FindingsReader().read(new ReportInput(name, SAMPLES.resolve(name)),
                    Optional.empty())).as(name).isInstanceOfSatisfying(ReportException.class, e -> {
                        assertThat(e.getMessage()).startsWith(name + ": ").contains(expected.reason());
                        if (expected.withLine()) {
                            assertThat(e.position()).matches("line \\d+, column \\d+.*");
                        }
                    });
        }
    }

    /** A byte order mark (Windows editors, PowerShell's Out-File) changes nothing: same format, same findings. */
    @Test
    void everyGoodSampleReadsTheSameAfterAByteOrderMark(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (Path file : files().stream().filter(file -> !name(file).startsWith("bad/")).toList()) {
            if (Files.readAllBytes(file)[0] == bom[0]) {
                continue;
            }
            Path marked = temp.resolve(file.getFileName());
            Files.write(marked, bom);
            Files.write(marked, Files.readAllBytes(file), java.nio.file.StandardOpenOption.APPEND);
            Report plain = new FindingsReader().read(new ReportInput(name(file), file), Optional.empty());
            Report withBom = new FindingsReader().read(new ReportInput(name(file), marked), Optional.empty());
            assertThat(withBom.format()).as(name(file)).isEqualTo(plain.format());
            assertThat(withBom.findings()).as(name(file)).isEqualTo(plain.findings());
        }
    }

    /** No format detects it; forced to any format, each reader stops at the nesting limit, never overflowing the stack. */
    @Test
    void aDeeplyNestedDocumentStopsAtTheNestingLimitWhateverTheFormat() {
        String name = "bad/deeply-nested.json";
        ReportInput input = new ReportInput(name, SAMPLES.resolve(name));
        assertThatThrownBy(() -> new FindingsReader().read(input, Optional.empty()))
                .isInstanceOf(ReportException.class).hasMessageContaining("unknown report format");
        for (ReportFormat format : ReportFormat.values()) {
            Throwable thrown = catchThrowable(() -> new FindingsReader().read(input, Optional.of(format)));
            assertThat(thrown).as(format.id()).isInstanceOf(ReportException.class)
                    .hasMessageStartingWith(name + ": line 1, column ")
                    .hasMessageContaining("exceeds a safety limit").hasMessageContaining("nesting depth");
        }
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            return files.filter(Files::isRegularFile).filter(file -> !name(file).equals("SOURCES.md")).sorted().toList();
        }
    }

    private static String name(Path file) {
        return SAMPLES.relativize(file).toString().replace('\\', '/');
    }
}
