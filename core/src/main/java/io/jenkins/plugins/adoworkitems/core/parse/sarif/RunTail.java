package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
                    RunParts later = new RunParts(mapper);
                    for (Field field : fields) {
                        channel.position(field.start());
                        try (JsonParser parser = JsonReports.factory(options)
                                .createParser(Channels.newInputStream(channel))) {
                            // closing the stream would close the channel the next field is read from
                            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
                            later.read(field.name(), parser.nextToken(), parser);
                        }
                    }
                    return later;
                }
            } catch (IOException unexpected) {
                // not as expected: the fallback reads it properly and reports any error where it is
            }
        }
        return fromStart(runIndex);
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
        return new Scanner(channel, offset).fieldsAfterValue();
    }

    /** A metadata field after the results: its name and the byte offset where its value starts. */
    record Field(String name, long start) {
    }

    /**
     * Walks bytes from a value to the end of the object holding it, collecting the metadata fields. It only
     * tells strings from structure; it validates nothing, and returns null on anything unexpected (a key with
     * escapes, a byte out of place, the end of the file), for the fallback to deal with.
     */
    private static final class Scanner {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final byte[] bytes = buffer.array();
        private int position;
        private int limit;

        Scanner(FileChannel channel, long offset) throws IOException {
            this.channel = channel;
            channel.position(offset);
        }

        List<Field> fieldsAfterValue() throws IOException {
            if (next() != '[' || !skipContainer()) {
                return null;
            }
            List<Field> fields = new ArrayList<>();
            while (true) {
                int after = nextNonSpace();
                if (after == '}') {
                    return fields;
                }
                if (after != ',' || nextNonSpace() != '"') {
                    return null;
                }
                String name = key();
                if (name == null || nextNonSpace() != ':') {
                    return null;
                }
                int first = nextNonSpace();
                long start = offset() - 1;
                if (!skipValue(first)) {
                    return null;
                }
                if (RunParts.FIELDS.contains(name)) {
                    fields.add(new Field(name, start));
                }
            }
        }

        private long offset() throws IOException {
            return channel.position() - limit + position;
        }

        private String key() throws IOException {
            StringBuilder name = new StringBuilder();
            int b;
            while ((b = next()) != '"') {
                if (b == '\\' || b < 0 || name.length() > 64) {
                    return null;
                }
                name.append((char) b);
            }
            return name.toString();
        }

        private boolean skipValue(int first) throws IOException {
            if (first == '"') {
                return skipString();
            }
            if (first == '{' || first == '[') {
                return skipContainer();
            }
            if (first < 0) {
                return false;
            }
            while (true) {
                int b = next();
                if (b < 0) {
                    return false;
                }
                if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                    position--;
                    return true;
                }
            }
        }

        /**
         * After an opening bracket: to just past its closing one. The hot loop, as most of a log is results: inside
         * a string it only looks for the closing quote, and a backslash makes it step over the next byte, also
         * when that byte is in the next buffer.
         */
        private boolean skipContainer() throws IOException {
            int depth = 1;
            boolean inString = false;
            int skip = 0;
            while (position < limit || fill()) {
                byte[] data = bytes;
                int end = limit;
                int i = position + skip;
                skip = 0;
                while (i < end) {
                    if (inString) {
                        byte b;
                        do {
                            b = data[i++];
                        } while (b != '"' && b != '\\' && i < end);
                        if (b == '"') {
                            inString = false;
                        } else if (b == '\\') {
                            i++;
                        }
                    } else {
                        byte b = data[i++];
                        if (b == '"') {
                            inString = true;
                        } else if (b == '{' || b == '[') {
                            depth++;
                        } else if ((b == '}' || b == ']') && --depth == 0) {
                            position = i;
                            return true;
                        }
                    }
                }
                skip = i - end;
                position = end;
            }
            return false;
        }

        /** After an opening quote: to just past the closing one. */
        private boolean skipString() throws IOException {
            int b;
            while ((b = next()) != '"') {
                if (b < 0 || b == '\\' && next() < 0) {
                    return false;
                }
            }
            return true;
        }

        private int nextNonSpace() throws IOException {
            int b;
            do {
                b = next();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            return b;
        }

        private int next() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return bytes[position++] & 0xff;
        }

        private boolean fill() throws IOException {
            buffer.clear();
            int read;
            do {
                read = channel.read(buffer);
            } while (read == 0);
            position = 0;
            limit = Math.max(read, 0);
            return read > 0;
        }
    }
}
