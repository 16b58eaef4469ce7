package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A log read with its results on several threads gives what one pass gives: the same findings in the same order,
 * the same summary, and for a malformed log the same error after the same findings.
 */
class ParallelResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Everything in one pass. */
    private static final SarifParser ONE_PASS = new SarifParser(1, Long.MAX_VALUE, 1);
    /** Two threads for any file, about one result per piece. */
    private static final SarifParser THREADS = new SarifParser(2, 0, 1);

    @TempDir
    Path temp;

    /** What a parse gave: the findings handed on, and its summary or its error. */
    private record Read(List<Finding> findings, ParseSummary summary, String error) {
    }

    private static Read read(SarifParser parser, Path file, ParseOptions options) {
        List<Finding> findings = new ArrayList<>();
        try {
            return new Read(findings, parser.parse(ReportInput.of(file), options, findings::add), null);
        } catch (ReportException e) {
            return new Read(findings, null, e.getMessage());
        }
    }

    /** Reads on threads without falling back to one pass, which must then give the same. */
    private static Read onThreads(Path file, ParseOptions options) throws Exception {
        List<Finding> findings = new ArrayList<>();
        ParseSummary summary = THREADS.onThreads(ReportInput.of(file), options, findings::add);
        assertThat(summary).as("%s is laid out for threads", file.getFileName()).isNotNull();
        Read read = new Read(findings, summary, null);
        assertThat(read).isEqualTo(read(ONE_PASS, file, options));
        return read;
    }

    @Test
    void runsWithLateMetadataDuplicatesAndNoResultsReadAlike() throws Exception {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("CodeQL", true, 40));
        // security-code-scan writes its tool after its results
        runs.add(run("SecurityCodeScan", false, 25));
        runs.addObject().set("tool", tool("NoResults"));
        runs.addObject().putNull("results");
        runs.add(run("Semgrep", true, 0));
        Path file = write("runs.sarif", runs);

        Read read = onThreads(file, ParseOptions.DEFAULTS);

        // each result is a piece of its own: duplicates are found across pieces, in file order
        assertThat(pieces(file, 0)).isEqualTo(40);
        assertThat(read.summary().tools()).containsExactly("CodeQL", "SecurityCodeScan", "Semgrep");
        // per ten results: 4 findings, 2 suppressed, 1 absent, 2 passes, 1 duplicate (of a finding)
        assertThat(read.summary().duplicates()).isEqualTo(6);
        assertThat(read.summary().suppressed()).isEqualTo(13);
        assertThat(read.summary().absent()).isEqualTo(7);
        assertThat(read.summary().ignored()).isEqualTo(14);
        assertThat(read.summary().findings()).isEqualTo(read.findings().size()).isEqualTo(25);
        assertThat(read.findings()).extracting(f -> f.rule().name()).contains("Rule 3 of SecurityCodeScan");
        assertThat(read.summary().warnings()).anyMatch(w -> w.contains("'fatal'"))
                .anyMatch(w -> w.startsWith("run 2 (NoResults) has no 'results' array"))
                .anyMatch(w -> w.startsWith("run 3 has no 'results' array"));
    }

    @Test
    void includedSuppressionsAndByteOrderMarkReadAlike() throws Exception {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("CodeQL", true, 30));
        Path file = write("bom.sarif", runs);
        byte[] bytes = Files.readAllBytes(file);
        byte[] marked = new byte[bytes.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, marked, 3, bytes.length);
        Files.write(file, marked);

        Read read = onThreads(file, ParseOptions.DEFAULTS.withIncludeSuppressed(true));

        assertThat(read.summary().suppressed()).isZero();
        assertThat(read.findings()).filteredOn(Finding::suppressed).hasSize(6);
    }

    @Test
    void aMalformedResultIsReportedAsOnePassReportsItAfterTheSameFindings() throws Exception {
        String good = JSON.writeValueAsString(JSON.createArrayNode().add(run("CodeQL", true, 30)));
        for (String bad : List.of("42", "{\"ruleId\": \"a\", \"ruleId\": \"b\"}", "{\"ruleId\": nope}",
                "{\"message\": {\"text\": \"é\"}}".replace("é", "\u00e9"))) {
            String log = "{\"version\": \"2.1.0\", \"runs\": " + good.replaceFirst("\\{\"ruleId\"", bad + ", {\"ruleId\"")
                    .replace("\"rule 20\"", "\"rule 20\"}, " + bad + ", {\"_\": \"\"") + "}";
            Path file = temp.resolve("bad.sarif");
            Files.writeString(file, log, StandardCharsets.UTF_8);
            Read onePass = read(ONE_PASS, file, ParseOptions.DEFAULTS);
            if (bad.contains("message")) {
                // a well-formed result: the control case
                assertThat(onePass.error()).isNull();
                assertThat(onThreads(file, ParseOptions.DEFAULTS)).isEqualTo(onePass);
                continue;
            }
            assertThat(onePass.error()).as(bad).isNotNull().contains("line ");

            assertThat(read(THREADS, file, ParseOptions.DEFAULTS)).as(bad).isEqualTo(onePass);
            assertThatThrownBy(() -> THREADS.onThreads(ReportInput.of(file), ParseOptions.DEFAULTS, f -> { }))
                    .as(bad).isInstanceOf(ParallelResults.NotRead.class);
        }
    }

    @Test
    void malformedMetadataAfterTheResultsIsReportedWhereItIs() throws Exception {
        String log = JSON.writeValueAsString(JSON.createObjectNode().put("version", "2.1.0")
                .set("runs", JSON.createArrayNode().add(run("Late", false, 12))));
        Path file = temp.resolve("late.sarif");
        Files.writeString(file, log.replace("\"driver\":{", "\"driver\":{\"name\":\"x\",\"name\":\"y\","));
        Read onePass = read(ONE_PASS, file, ParseOptions.DEFAULTS);
        assertThat(onePass.error()).contains("line 1, column ").contains("Duplicate field 'name'");

        assertThat(read(THREADS, file, ParseOptions.DEFAULTS)).isEqualTo(onePass);
    }

    @Test
    void theNestingLimitIsTheOnePassLimit() throws Exception {
        // a result whose location is 3 levels deep inside it, 4 + 1 + 3 = 8 levels in the log
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("CodeQL", true, 6));
        Path file = write("nesting.sarif", runs);
        ParseOptions exact = new ParseOptions(false, deepest(file), 1 << 20, 1 << 20);
        onThreads(file, exact);

        ParseOptions oneLess = new ParseOptions(false, exact.maxNestingDepth() - 1, 1 << 20, 1 << 20);
        assertThat(read(ONE_PASS, file, oneLess).error()).contains("nesting depth");
        assertThat(read(THREADS, file, oneLess)).isEqualTo(read(ONE_PASS, file, oneLess));
        assertThatThrownBy(() -> THREADS.onThreads(ReportInput.of(file), oneLess, f -> { }))
                .isInstanceOf(ParallelResults.NotRead.class);
    }

    @Test
    void bytesNotLaidOutAsExpectedAreReadInOnePass() throws Exception {
        ArrayNode runs = JSON.createArrayNode();
        runs.add(run("CodeQL", true, 10));
        Path file = write("escaped.sarif", runs);
        Path escaped = temp.resolve("escaped-key.sarif");
        Files.writeString(escaped, Files.readString(file).replace("\"results\"", "\"r\\u0065sults\""));
        Path utf16 = temp.resolve("utf16.sarif");
        Files.writeString(utf16, Files.readString(file), StandardCharsets.UTF_16BE);

        for (Path notLaidOut : List.of(escaped, utf16)) {
            ResultsLayout layout = new ResultsLayout();
            try (FileChannel channel = FileChannel.open(notLaidOut)) {
                layout.walk(channel, 1);
            }
            assertThat(layout.failed()).isTrue();
            // the walk stopped before any results: the pass reads them itself
            Read onePass = onThreads(notLaidOut, ParseOptions.DEFAULTS);
            assertThat(onePass.findings()).hasSize(4);
            assertThat(read(THREADS, notLaidOut, ParseOptions.DEFAULTS)).isEqualTo(onePass);
        }
    }

    @Test
    void threadsWhereTheJvmCompilesWithC1Only() {
        assertThat(SarifParser.threadsFor(2, 1)).isEqualTo(2);
        assertThat(SarifParser.threadsFor(1, 1)).isEqualTo(1);
        assertThat(SarifParser.threadsFor(16, 1)).isEqualTo(4);
        // with C2 the second core is its compiler's in a fresh JVM
        assertThat(SarifParser.threadsFor(2, 4)).isEqualTo(1);
        assertThat(SarifParser.threadsFor(16, 4)).isEqualTo(1);
    }

    @Test
    @Tag("shared-data")
    void everySharedSarifSampleReadsAlike() throws Exception {
        List<String> laidOut = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> sarif = Files.list(Samples.sample("sarif")); Stream<Path> bad = Files.list(Samples.sample("bad"))) {
            files = Stream.concat(sarif, bad).filter(f -> f.toString().endsWith(".sarif")).sorted().toList();
        }
        for (Path file : files) {
            Read onePass = read(ONE_PASS, file, ParseOptions.DEFAULTS);
            assertThat(read(THREADS, file, ParseOptions.DEFAULTS)).as(file.toString()).isEqualTo(onePass);
            try {
                List<Finding> findings = new ArrayList<>();
                ParseSummary summary = THREADS.onThreads(ReportInput.of(file), ParseOptions.DEFAULTS, findings::add);
                if (summary != null) {
                    assertThat(new Read(findings, summary, null)).as(file.toString()).isEqualTo(onePass);
                    laidOut.add(file.getParent().getFileName() + "/" + file.getFileName());
                }
            } catch (ParallelResults.NotRead | ReportException e) {
                assertThat(onePass.error()).as(file.toString()).isNotNull();
            }
        }
        assertThat(laidOut).hasSizeGreaterThan(15).allMatch(name -> name.startsWith("sarif/"));
    }

    private Path write(String name, ArrayNode runs) throws IOException {
        Path file = temp.resolve(name);
        ObjectNode log = JSON.createObjectNode().put("version", "2.1.0");
        log.set("runs", runs);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), log);
        return file;
    }

    /** How many pieces run {@code runIndex}'s results are cut into, one result or so each. */
    private static int pieces(Path file, int runIndex) throws IOException {
        ResultsLayout layout = new ResultsLayout();
        try (FileChannel channel = FileChannel.open(file)) {
            layout.walk(channel, 1);
        }
        int cuts = 0;
        while (layout.cut(runIndex, cuts, false) >= 0) {
            cuts++;
        }
        return cuts - 1;
    }

    /** The deepest nesting in the file, as the JSON parser counts it. */
    private static int deepest(Path file) throws IOException {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

    private static ObjectNode tool(String name) {
        ObjectNode tool = JSON.createObjectNode();
        ObjectNode driver = tool.putObject("driver").put("name", name).put("version", "1.0");
        ArrayNode rules = driver.putArray("rules");
        for (int i = 0; i < 5; i++) {
            rules.addObject().put("id", "rule " + i).put("name", "Rule " + i + " of " + name)
                    .putObject("defaultConfiguration").put("level", i == 3 ? "fatal" : "warning");
        }
        return tool;
    }

    /**
     * A run with {@code results} results; of each ten, the second and seventh suppressed, the third absent, the fourth a
     * pass, and the fifth and tenth copies of the one before them.
     */
    private static ObjectNode run(String name, boolean toolFirst, int results) {
        ObjectNode run = JSON.createObjectNode();
        if (toolFirst) {
            run.set("tool", tool(name));
        }
        ArrayNode array = run.putArray("results");
        ObjectNode previous = null;
        for (int i = 0; i < results; i++) {
            if (i % 5 == 4 && previous != null) {
                array.add(previous.deepCopy());
                continue;
            }
            ObjectNode result = array.addObject().put("ruleId", "rule " + i % 5).put("ruleIndex", i % 5);
            result.putObject("message").put("text", "finding " + i + " of " + name);
            result.putArray("locations").addObject().putObject("physicalLocation")
                    .putObject("artifactLocation").put("uri", "src/file" + i + ".java");
            if (i % 5 == 1) {
                result.putArray("suppressions").addObject().put("kind", "inSource");
            }
            if (i % 10 == 2) {
                result.put("baselineState", "absent");
            }
            if (i % 10 == 3) {
                result.put("kind", "pass");
            }
            previous = result;
        }
        if (!toolFirst) {
            run.set("tool", tool(name));
        }
        return run;
    }
}
