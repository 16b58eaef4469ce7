package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Tag;

/**
 * What every format's parser must do with its real samples; each format's test extends this and adds
 * assertions against what the tool itself reports in a sample.
 */
@Tag("shared-data")
public abstract class AbstractParserTest {

    /** The parser under test. */
    protected abstract ReportParser parser();

    /**
     * This format's files under ../shared/samples, e.g. {@code trivy/kubernetes.json}: every file of the
     * directory named like the format, so that a new sample is covered by the shared tests too.
     */
    protected List<String> samples() {
        return samplesOf(parser().format().id());
    }

    /**
     * Files outside this format's directory that its recogniser accepts on purpose, by path under samples/
     * (malformed copies under bad/ that still look like the format).
     */
    protected Set<String> alsoRecognised() {
        return Set.of();
    }

    /** Every file of one sample directory, as paths under samples/, sorted. */
    protected static List<String> samplesOf(String dir) {
        try (Stream<Path> files = Files.list(Samples.sample(dir))) {
            return files.map(file -> dir + "/" + file.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a sample with the format forced, as a user overriding detection would. */
    protected Report parse(String sample) throws ReportException {
        return parse(sample, ParseOptions.DEFAULTS);
    }

    protected Report parse(String sample, ParseOptions options) throws ReportException {
        return new FindingsReader(options).read(ReportInput.of(Samples.sample(sample)), Optional.of(parser().format()));
    }

    /**
     * The recogniser is offered each sample's shape step by step as the detector reads it, alone: a broken file
     * counts when it looks like the format before it breaks. SOURCES.md is prose, not a report.
     */
    @Test
    void recognisesOnlyItsOwnSamples() throws IOException {
        Path root = Samples.sample("");
        List<String> recognised = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (!name.equals("SOURCES.md") && recognises(file)) {
                    recognised.add(name);
                }
            }
        }
        List<String> expected = new ArrayList<>(samples());
        expected.addAll(alsoRecognised());
        assertThat(recognised).containsExactlyInAnyOrderElementsOf(expected);
    }

    private boolean recognises(Path file) {
        try {
            return parser().recognises(FormatDetector.shape(ReportInput.of(file), ParseOptions.DEFAULTS,
                    parser()::recognises));
        } catch (ReportException broken) {
            return false;
        }
    }

    @Test
    void everySampleIsDetectedByContentAsThisFormat() throws ReportException {
        FormatDetector detector = new FormatDetector(Parsers.all());
        for (String sample : samples()) {
            assertThat(detector.detect(ReportInput.of(Samples.sample(sample))).format())
                    .as(sample).isEqualTo(parser().format());
        }
    }

    @Test
    void everySampleParsesAndItsFindingsSurviveSerialization() throws Exception {
        for (String sample : samples()) {
            Report report = new FindingsReader().read(ReportInput.of(Samples.sample(sample)), Optional.empty());
            assertThat(report.format()).isEqualTo(parser().format());
            assertThat(report.summary().findings()).as(sample).isEqualTo(report.findings().size());
            for (Finding finding : report.findings()) {
                assertThat(roundTrip(finding)).as(sample).isEqualTo(finding);
                assertThat(finding.tool().name()).as(sample).isNotEmpty();
            }
            // the summary names the tools of the findings, and no tool twice
            assertThat(report.summary().tools()).as(sample).doesNotHaveDuplicates()
                    .containsAll(report.findings().stream().map(finding -> finding.tool().name()).distinct().toList());
        }
    }

    @Test
    void parsingTwiceGivesTheSameFindings() throws ReportException {
        for (String sample : samples()) {
            assertThat(parse(sample).findings()).as(sample).isEqualTo(parse(sample).findings());
        }
    }

    protected static Finding roundTrip(Finding finding) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(finding);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Finding) in.readObject();
        }
    }
}
