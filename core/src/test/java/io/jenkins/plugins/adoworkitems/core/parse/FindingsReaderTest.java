package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several reports read at once give what reading them one after another gives, in the same order. */
class FindingsReaderTest {
    @TempDir
    Path temp;

    @Test
    void severalReportsReadInParallelGiveTheSameFindingsInTheSameOrderAsOneAfterAnother() throws Exception {
        List<ReportInput> inputs = mixedInputs();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        FindingsReader parallel = new FindingsReader(ParseOptions.DEFAULTS, 4);

        ReadResult sequential = new FindingsReader(ParseOptions.DEFAULTS, 1).readAll(inputs, Optional.empty(), true);
        ReadResult together = parallel.readAll(inputs, Optional.empty(), true);
        FindingsReader.Each<String> names = parallel.readEach(inputs, input -> {
            threads.add(Thread.currentThread().getName());
            return parallel.read(input, Optional.empty()).source();
        }, true);

        assertThat(together.reports()).extracting(Report::source)
                .containsExactly("big-0.sarif", "codeql-webapp.sarif", "big-1.sarif", "trivy-image.json", "big-2.sarif");
        assertThat(together).isEqualTo(sequential);
        assertThat(together.findings()).isEqualTo(sequential.findings()).hasSizeGreaterThan(3 * 2000);
        assertThat(together.problems()).extracting(ReportProblem::file).containsExactly("broken-1.sarif", "broken-2.json");
        assertThat(names.results()).containsExactlyElementsOf(together.reports().stream().map(Report::source).toList());
        assertThat(threads).as("read on the reader's own threads").hasSizeGreaterThan(1)
                .allMatch(name -> name.startsWith("ado-workitems-report-reader-"));
    }

    /** Without keepGoing the first broken report in input order stops the reading, whichever failed first in time. */
    @Test
    void withoutKeepGoingTheFirstBrokenReportInInputOrderIsThrownWithItsPosition() throws Exception {
        List<ReportInput> inputs = mixedInputs();

        for (int threads : new int[] {1, 4}) {
            assertThatThrownBy(() -> new FindingsReader(ParseOptions.DEFAULTS, threads).readAll(inputs, Optional.empty(), false))
                    .isInstanceOfSatisfying(ReportException.class, e -> {
                        assertThat(e.file()).isEqualTo("broken-1.sarif");
                        assertThat(e.position()).contains("line 2");
                    });
        }
    }

    @Test
    void anUncheckedFailureOfATaskReachesTheCallerAsItself() {
        FindingsReader reader = new FindingsReader(ParseOptions.DEFAULTS, 2);
        List<ReportInput> inputs = List.of(ReportInput.of(Samples.example("trivy-image.json")),
                ReportInput.of(Samples.example("codeql-webapp.sarif")));

        assertThatThrownBy(() -> reader.readEach(inputs, input -> {
            throw new IllegalStateException("boom in " + input.name());
        }, true)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("boom in ");
    }

    @Test
    void oneThreadAtLeast() {
        assertThatThrownBy(() -> new FindingsReader(ParseOptions.DEFAULTS, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FindingsReader().threads()).isBetween(1, 4);
    }

    /**
     * Large reports first and between small ones, so that in parallel the small and broken ones finish before the
     * large ones before them; broken ones after the first large report, so that a later broken one fails first.
     */
    private List<ReportInput> mixedInputs() throws IOException {
        List<ReportInput> inputs = new ArrayList<>();
        inputs.add(input(bigSarif("big-0.sarif", 0)));
        inputs.add(input(Files.writeString(temp.resolve("broken-1.sarif"),
                "{\"version\": \"2.1.0\", \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n \"runs\": [{]}")));
        inputs.add(input(Files.copy(Samples.example("codeql-webapp.sarif"), temp.resolve("codeql-webapp.sarif"))));
        inputs.add(input(bigSarif("big-1.sarif", 1)));
        inputs.add(input(Files.writeString(temp.resolve("broken-2.json"), "{\"SchemaVersion\": 2, \"Results\": [")));
        inputs.add(input(Files.copy(Samples.example("trivy-image.json"), temp.resolve("trivy-image.json"))));
        inputs.add(input(bigSarif("big-2.sarif", 2)));
        return inputs;
    }

    private ReportInput input(Path file) {
        return new ReportInput(file.getFileName().toString(), file);
    }

    private Path bigSarif(String name, int seed) throws IOException {
        Path file = temp.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"version\": \"2.1.0\", \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"runs\": [{"
                    + "\"tool\": {\"driver\": {\"name\": \"Big" + seed + "\", \"rules\": [{\"id\": \"R1\", \"properties\": "
                    + "{\"security-severity\": \"" + (seed * 3 + 2) + ".5\"}}]}}, \"results\": [");
            for (int i = 0; i < 2000 + seed * 500; i++) {
                out.write((i == 0 ? "" : ",") + "{\"ruleId\": \"R1\", \"message\": {\"text\": \"finding " + seed + "-" + i
                        + "\"}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"src/F" + i % 97
                        + ".java\"}, \"region\": {\"startLine\": " + (i % 900 + 1) + "}}}]}");
            }
            out.write("]}]}");
        }
        return file;
    }
}
