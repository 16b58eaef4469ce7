package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the metadata a run has after its {@code results}, before the results are read: SpotBugs writes
 * {@code originalUriBaseIds} after them, security-code-scan its {@code tool}. The fields after the results
 * array are found by scanning bytes (brackets and strings only, several times faster than tokens), and each
 * metadata field among them is then parsed alone. When the bytes are not plain UTF-8 JSON as expected, a
 * second parser reads from the start of the file to the end of the run instead: slower, same result.
 *
 * <p>The main pass checks these bytes again when it reaches them; an error found here is reported by the
 * fallback parser, with the right line and column.
 */
final class RunTail {
    private final ReportInput input;
    private final ParseOptions options;
    private final ObjectMapper mapper;

    RunTail(ReportInput input, ParseOptions options, ObjectMapper mapper) {
        this.input = input;
        this.options = options;
        this.mapper = mapper;
    }

    /**
     * The metadata fields of run {@code runIndex} after its results array.
     *
     * @param resultsOffset byte offset of the results array's {@code [}, or -1 when unknown
     */
    RunParts read(int runIndex, long resultsOffset) throws ReportException {
        if (resultsOffset >= 0) {
            try (FileChannel channel = FileChannel.open(input.path(), StandardOpenOption.READ)) {
                List<Field> fields = fieldsAfterArray(channel, resultsOffset);
                if (fields != null) {
                    return read(channel, fields);
                }
            } catch (IOException unexpected) {
                // not as expected: the fallback reads it properly and reports any error where it is
            }
        }
        return fromStart(runIndex);
    }

    /** The metadata fields of run {@code runIndex} that a scan of the whole file ({@link ResultsLayout}) found. */
    RunParts read(int runIndex, List<Field> fields) throws ReportException {
        try (FileChannel channel = FileChannel.open(input.path(), StandardOpenOption.READ)) {
            return read(channel, fields);
        } catch (IOException unexpected) {
            return fromStart(runIndex);
        }
    }

    private RunParts read(FileChannel channel, List<Field> fields) throws IOException {
        RunParts later = new RunParts(mapper);
        for (Field field : fields) {
            channel.position(field.start());
            try (JsonParser parser = JsonReports.factory(options).createParser(Channels.newInputStream(channel))) {
                // closing the stream would close the channel the next field is read from
                parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
                later.read(field.name(), parser.nextToken(), parser);
            }
        }
        return later;
    }

    /** Tokens from the start of the file to the end of the run: the way that always works. */
    private RunParts fromStart(int runIndex) throws ReportException {
        RunParts later = new RunParts(mapper);
        try (JsonParser parser = JsonReports.open(input, options)) {
            try {
                if (parser.currentToken() == JsonToken.START_OBJECT && toRun(parser, runIndex)) {
                    boolean afterResults = false;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (!afterResults || !later.read(field, value, parser)) {
                            afterResults |= "results".equals(field);
                            parser.skipChildren();
                        }
                    }
                }
            } catch (IOException e) {
                throw JsonReports.error(input, e, parser);
            }
        } catch (IOException closing) {
            throw JsonReports.error(input, closing, null);
        }
        return later;
    }

    /** Moves to the start of {@code runs[runIndex]}; false when there is no such object. */
    private static boolean toRun(JsonParser parser, int runIndex) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("runs".equals(field) && value == JsonToken.START_ARRAY) {
                for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                    if (index == runIndex) {
                        return parser.currentToken() == JsonToken.START_OBJECT;
                    }
                    parser.skipChildren();
                }
                return false;
            }
            parser.skipChildren();
        }
        return false;
    }

    /**
     * The metadata fields after the array that starts at {@code offset}, up to the end of the object holding it;
     * null when the bytes are not as expected.
     */
    static List<Field> fieldsAfterArray(FileChannel channel, long offset) throws IOException {
        ByteScanner scanner = new ByteScanner(channel, offset);
        if (scanner.next() != '[' || !scanner.skipContainer(Long.MAX_VALUE, null)) {
            return null;
        }
        return fieldsUntilEnd(scanner);
    }

    /**
     * From just after a value in an object to just past the object's end: the metadata fields on the way; null when
     * the bytes are not as expected.
     */
    static List<Field> fieldsUntilEnd(ByteScanner scanner) throws IOException {
        List<Field> fields = new ArrayList<>();
        while (true) {
            int after = scanner.nextNonSpace();
            if (after == '}') {
                return fields;
            }
            if (after != ',' || scanner.nextNonSpace() != '"') {
                return null;
            }
            String name = scanner.key();
            if (name == null || scanner.nextNonSpace() != ':') {
                return null;
            }
            int first = scanner.nextNonSpace();
            long start = scanner.offset() - 1;
            if (!scanner.skipValue(first)) {
                return null;
            }
            if (RunParts.FIELDS.contains(name)) {
                fields.add(new Field(name, start));
            }
        }
    }

    /** A metadata field after the results: its name and the byte offset where its value starts. */
    record Field(String name, long start) {
    }
}
