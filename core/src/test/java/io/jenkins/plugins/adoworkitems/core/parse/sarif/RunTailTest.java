package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunTailTest {
    @TempDir
    Path temp;

    /** Brackets, quotes and backslashes inside strings are text, not structure; only metadata fields are kept. */
    @Test
    void findsTheMetadataAfterTheResultsPastTextThatLooksLikeStructure() throws IOException {
        String results = "[{\"message\": {\"text\": \"a ] b } c \\\" [ { \\\\\"}, \"n\": 12, \"k\": [true, null]},\n\t{}]";
        String json = "{\"runs\": [{\"results\": " + results + " ,\n \"columnKind\": \"utf16CodeUnits\","
                + " \"tool\" : {\"driver\": {\"name\": \"T\"}}, \"n\": -1.5e3, \"artifacts\":[]}]}";

        List<RunTail.Field> fields = scan(json, json.indexOf('['  , json.indexOf("\"results\"")));

        assertThat(fields).containsExactly(
                new RunTail.Field("tool", json.indexOf("{\"driver\"")),
                new RunTail.Field("artifacts", json.lastIndexOf("[]")));
    }

    @Test
    void resultsLastInTheRunLeaveNothingToReadAhead() throws IOException {
        String json = "{\"runs\": [{\"tool\": {}, \"results\": [{\"ruleId\": \"x\"}]}]}";

        assertThat(scan(json, json.indexOf("[{\"ruleId\""))).isEmpty();
    }

    /** The scanner reads 64 KiB at a time; an escaped quote split across two reads is still text. */
    @Test
    void anEscapeAcrossTwoReadsIsStillText() throws IOException {
        for (int pad = 65530; pad <= 65536; pad++) {
            String json = "{\"runs\": [{\"results\": [\"" + "a".repeat(pad) + "\\\"]\"], \"tool\": {}}]}";
            int offset = json.indexOf('[', json.indexOf("\"results\""));

            assertThat(scan(json, offset)).as("padding %d", pad)
                    .containsExactly(new RunTail.Field("tool", json.lastIndexOf("{}")));
        }
    }

    /** A key written with escapes, a truncated file, or an offset not on the array: the token-reading fallback's job. */
    @Test
    void anythingUnexpectedIsLeftToTheFallback() throws IOException {
        String escaped = "{\"runs\": [{\"results\": [], \"\\u0074ool\": {}}]}";
        assertThat(scan(escaped, escaped.indexOf("[]"))).isNull();
        String truncated = "{\"runs\": [{\"results\": [{\"ruleId\": \"x\"";
        assertThat(scan(truncated, truncated.indexOf("[{"))).isNull();
        assertThat(scan(truncated, 0)).isNull();
    }

    private List<RunTail.Field> scan(String json, int offset) throws IOException {
        Path file = Files.writeString(temp.resolve("log.sarif"), json, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return RunTail.fieldsAfterArray(channel, offset);
        }
    }
}
