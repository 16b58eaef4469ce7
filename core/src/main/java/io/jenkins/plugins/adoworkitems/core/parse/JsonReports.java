package io.jenkins.plugins.adoworkitems.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * JSON reading shared by the parsers: Jackson under our limits, and Jackson's errors turned into
 * {@link ReportException}s that name the file, line, column and JSON pointer.
 */
public final class JsonReports {
    /** Longest JSON pointer a message shows in full; a deeper one would bury the reason (bad/deeply-nested.json). */
    static final int MAX_POINTER_LENGTH = 200;

    private static final String DUPLICATE_KEY = "Duplicate field '";
    private static final String DUPLICATE_KEY_SUFFIX = "' for `ObjectNode`";

    private JsonReports() {
    }

    /** A factory enforcing {@code options}' nesting and string limits; trailing tokens are an error. */
    public static JsonFactory factory(ParseOptions options) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(options.maxNestingDepth())
                        .maxStringLength(options.maxStringLength())
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /**
     * Reads trees under {@code options}' limits and rejects an object with the same key twice, which would
     * otherwise keep the last value silently.
     */
    public static ObjectMapper treeMapper(ParseOptions options) {
        return new ObjectMapper(factory(options)).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** Opens a streaming parser over the report and moves to its first token, failing clearly when empty. */
    public static JsonParser open(ReportInput input, ParseOptions options) throws ReportException {
        InputStream stream;
        try {
            stream = input.open();
        } catch (IOException e) {
            throw error(input, e, null);
        }
        return open(input, options, stream);
    }

    /** As {@link #open(ReportInput, ParseOptions)}, over {@code stream}: the report's bytes, or some of them. */
    public static JsonParser open(ReportInput input, ParseOptions options, InputStream stream) throws ReportException {
        try {
            // No STRICT_DUPLICATE_DETECTION here: it made every token 1.6-2.4x as expensive, also in content a
            // streaming parser only skips. Trees are checked instead, as treeMapper says.
            JsonParser parser = factory(options).createParser(stream);
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (IOException e) {
                parser.close();
                throw e;
            }
            if (first == null) {
                parser.close();
                throw new ReportException(input.name(), "", "the file is empty, expected a JSON document");
            }
            return parser;
        } catch (IOException e) {
            throw error(input, e, null);
        }
    }

    /**
     * Reads a whole (small) report as a tree under {@code options}' limits, rejecting trailing content.
     * Native scanner formats are read this way; SARIF streams instead.
     */
    public static JsonNode readTree(ReportInput input, ParseOptions options) throws ReportException {
        input.checkTreeSize(options);
        try (JsonParser parser = open(input, options)) {
            JsonNode tree;
            try {
                tree = treeMapper(options).readTree(parser);
            } catch (IOException e) {
                throw error(input, e, parser);
            }
            JsonToken trailing;
            try {
                trailing = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw new ReportException(input.name(), position(parser.currentLocation(), null),
                        "unexpected content after the end of the JSON document", e);
            }
            if (trailing != null) {
                throw new ReportException(input.name(), position(parser.currentLocation(), null),
                        "unexpected content after the end of the JSON document");
            }
            return tree;
        } catch (IOException e) {
            throw error(input, e, null);
        }
    }

    /** Turns a Jackson or I/O failure into a clear error; {@code parser} (may be null) supplies the JSON pointer. */
    public static ReportException error(ReportInput input, IOException e, JsonParser parser) {
        String pointer = parser == null ? null : pointer(parser);
        if (e instanceof JsonProcessingException jsonError) {
            // a limit breached while reading has no location of its own; the parser knows where it stopped
            JsonLocation location = jsonError.getLocation() == null && parser != null
                    ? parser.currentLocation() : jsonError.getLocation();
            String position = position(location, pointer);
            return new ReportException(input.name(), position, reason(jsonError), e);
        }
        if (e instanceof CharConversionException) {
            return new ReportException(input.name(), pointer == null ? "" : "at " + pointer,
                    "invalid UTF-8: " + e.getMessage(), e);
        }
        return ReportException.unreadable(input, e);
    }

    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof JsonEOFException) {
            return "unexpected end of input: the file is truncated or incomplete";
        }
        if (e instanceof StreamConstraintsException) {
            // Jackson names its own setting ("from `StreamReadConstraints.getMaxNestingDepth()`"): noise to a user
            return "the document exceeds a safety limit: " + message.replaceAll(", from `[^`]*`", "");
        }
        if (message != null && message.startsWith(DUPLICATE_KEY) && message.contains(DUPLICATE_KEY_SUFFIX)) {
            // the tree reader adds its own setting's name: noise to a user
            return "malformed JSON: " + message.substring(0, message.indexOf(DUPLICATE_KEY_SUFFIX) + 1);
        }
        if (message != null && message.contains("Invalid UTF-8")) {
            return "invalid UTF-8: " + message;
        }
        return message == null ? "malformed JSON" : "malformed JSON: " + withoutToken(message);
    }

    /**
     * Jackson quotes up to 256 characters of a token it does not recognise: the file's own content, which may be
     * anything a pattern matched (a {@code .env}, a key file), so it is never shown.
     */
    static String withoutToken(String message) {
        String token = "Unrecognized token '";
        int start = message.indexOf(token);
        if (start < 0) {
            return message;
        }
        int end = message.lastIndexOf("': was expecting");
        return message.substring(0, start) + "unrecognized token (its text is not shown)"
                + (end > start ? message.substring(end + 1) : "");
    }

    /** {@code line 3, column 17, at /runs/0/results/4}, leaving out what is unknown. */
    public static String position(JsonLocation location, String pointer) {
        StringBuilder text = new StringBuilder();
        if (location != null && location.getLineNr() > 0) {
            text.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        if (pointer != null && !pointer.isEmpty()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append("at ").append(pointer);
        }
        return text.toString();
    }

    /** Where the parser is, as a JSON pointer ({@code /runs/0/results/4}), shortened as {@link #shorten} says. */
    public static String pointer(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "/" : shorten(pointer);
    }

    /**
     * A pointer longer than {@link #MAX_POINTER_LENGTH} as its first whole segments, {@code …} and its last
     * segment: where the document starts to go wrong and where the reader stopped.
     */
    static String shorten(String pointer) {
        if (pointer.length() <= MAX_POINTER_LENGTH) {
            return pointer;
        }
        String last = pointer.substring(pointer.lastIndexOf('/'));
        if (last.length() > MAX_POINTER_LENGTH / 2) {
            last = last.substring(0, MAX_POINTER_LENGTH / 2) + "…";
        }
        int cut = pointer.lastIndexOf('/', MAX_POINTER_LENGTH - last.length() - 2);
        return pointer.substring(0, Math.max(cut, 0)) + "/…" + last;
    }

    /**
     * An array field inside a report's findings (a Trivy result's {@code Vulnerabilities}, a Snyk project's
     * {@code applications}): empty when missing or null, which tools write for "none here"; anything else is a
     * broken report, named by its pointer. A report's top-level findings container is read with
     * {@link #container} instead.
     *
     * @param pointer where {@code parent} is, {@code ""} for the root
     */
    public static JsonNode array(ReportInput input, JsonNode parent, String pointer, String field)
            throws ReportException {
        return container(input, parent, pointer, field, JsonNodeType.ARRAY).orElse(MissingNode.getInstance());
    }

    /**
     * A report's top-level findings container ({@code matches}, {@code results}…), or empty when it is missing or
     * null. Then the report does not say what the tool found (the run failed or was cut short, or the file is
     * something else), and the caller must not count the tool as covered: "nothing found" would resolve every
     * open work item of the tool (docs/formats.md, "Not covered"). Of another JSON type, the report is broken.
     *
     * @param pointer where {@code parent} is, {@code ""} for the root
     * @param type {@link JsonNodeType#ARRAY} or {@link JsonNodeType#OBJECT}
     */
    public static Optional<JsonNode> container(ReportInput input, JsonNode parent, String pointer, String field,
                                               JsonNodeType type) throws ReportException {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.getNodeType() != type) {
            throw new ReportException(input.name(), "at " + pointer + "/" + field, "expected " + typeName(type)
                    + ", found " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return Optional.of(value);
    }

    private static String typeName(JsonNodeType type) {
        return type == JsonNodeType.ARRAY ? "an array" : type == JsonNodeType.OBJECT ? "an object"
                : type.toString().toLowerCase(Locale.ROOT);
    }

    /** The pointer of {@code field} in the object at {@code pointer}, with {@code ~} and {@code /} escaped. */
    public static String pointer(String pointer, String field) {
        return pointer + JsonPointer.empty().appendProperty(field);
    }

    /** Reads one entry of a report's list of entries, given where it is as a pointer. */
    @FunctionalInterface
    public interface EntryReader {
        void read(JsonNode entry, String pointer) throws ReportException;
    }

    /**
     * Hands each entry of {@code entries} to {@code reader} the first time its exact JSON text is seen; copies
     * are counted as duplicates. An entry that is not an object is a broken report.
     *
     * @param pointer where {@code entries} is, {@code ""} for the root
     * @param what what an entry is, for the error: {@code a match object}
     */
    public static void forEachNewObject(ReportInput input, JsonNode entries, String pointer, String what,
                                        ParseSummary.Counter counter, EntryReader reader) throws ReportException {
        DuplicateFilter duplicates = new DuplicateFilter();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String at = pointer + "/" + i;
            if (!entry.isObject()) {
                throw new ReportException(input.name(), "at " + at, "expected " + what);
            }
            if (duplicates.firstTime(entry.toString())) {
                reader.read(entry, at);
            } else {
                counter.duplicate();
            }
        }
    }

    /** Text of a node's field, or empty when missing, null or not a value. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }
}
