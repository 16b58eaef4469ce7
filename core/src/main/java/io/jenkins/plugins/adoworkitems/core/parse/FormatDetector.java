package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.parse.ReportShape.Kind;
import io.jenkins.plugins.adoworkitems.core.parse.ReportShape.Value;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Tells a report's format from its content, never from its file name: from its structure ({@link ReportShape}),
 * read in one streaming pass that never builds the document and stops as soon as a parser recognises what it has
 * read so far. A key counts wherever it sits in the file, so a Grype report with its {@code descriptor} after a
 * large {@code matches} array is still Grype.
 */
public final class FormatDetector {
    /**
     * Keys of one object looked at; later ones are skipped. No report has nearly as many top-level keys, and the
     * bound keeps a hostile object with millions of keys from costing a copy of the shape per key.
     */
    static final int MAX_KEYS = 1000;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final List<ReportParser> parsers;
    private final ParseOptions options;

    public FormatDetector(List<ReportParser> parsers, ParseOptions options) {
        this.parsers = List.copyOf(parsers);
        this.options = options;
    }

    public FormatDetector(List<ReportParser> parsers) {
        this(parsers, ParseOptions.DEFAULTS);
    }

    /**
     * The first parser, in the list's order, that recognises the report.
     *
     * @throws ReportException when the file is empty or unreadable, when no parser recognises it, or when it stops
     *                         being well-formed JSON or XML before any parser recognises it (then naming where)
     */
    public ReportParser detect(ReportInput input) throws ReportException {
        ReportShape shape = shape(input, options, read -> recognising(read).isPresent());
        return recognising(shape).orElseThrow(() -> new ReportException(input.name(), "",
                "unknown report format: the content matches none of "
                        + String.join(", ", parsers.stream().map(p -> p.format().id()).toList())
                        + "; name the format explicitly if the file is one of them"));
    }

    private Optional<ReportParser> recognising(ReportShape shape) {
        return parsers.stream().filter(parser -> parser.recognises(shape)).findFirst();
    }

    /**
     * Reads the report's shape, offering it to {@code enough} after every step (a top-level key and its value's
     * kind, then that value's keys or first entry) and stopping when it says so; otherwise to the end of the
     * top-level value. What follows that value is left to the parser, which refuses trailing content.
     *
     * @return the shape when {@code enough} accepted it, else the whole shape
     */
    static ReportShape shape(ReportInput input, ParseOptions options, Predicate<ReportShape> enough)
            throws ReportException {
        if (XmlReports.isXml(input)) {
            return XmlReports.rootShape(input);
        }
        JsonParser json;
        try {
            json = JsonReports.factory(options).createParser(withoutByteOrderMark(input.open()));
        } catch (IOException e) {
            throw ReportException.unreadable(input, e);
        }
        try (json) {
            JsonToken first = nextOrNotJson(input, json);
            if (first == null) {
                throw new ReportException(input.name(), "", "the file is empty");
            }
            return new ShapeReader(json, enough).read(first);
        } catch (IOException e) {
            // the document breaks before any parser recognises it: that, with its position, is the clear message
            throw JsonReports.error(input, e, json);
        }
    }

    /**
     * Skips a UTF-8 byte order mark (Windows editors, PowerShell's Out-File write one), as the readers do. Jackson
     * would skip it too, but not when nothing follows it: a file of only a mark is empty, not broken.
     */
    private static InputStream withoutByteOrderMark(InputStream opened) throws IOException {
        InputStream stream = opened.markSupported() ? opened : new BufferedInputStream(opened);
        stream.mark(BYTE_ORDER_MARK.length);
        if (!Arrays.equals(stream.readNBytes(BYTE_ORDER_MARK.length), BYTE_ORDER_MARK)) {
            stream.reset();
        }
        return stream;
    }

    /** A first token that is no JSON at all says nothing about a format; the JSON error would mislead. */
    private static JsonToken nextOrNotJson(ReportInput input, JsonParser json) throws IOException, ReportException {
        try {
            return json.nextToken();
        } catch (JsonProcessingException e) {
            throw new ReportException(input.name(), JsonReports.position(e.getLocation(), null),
                    "unknown report format: the file is neither JSON nor XML", e);
        }
    }

    /** One pass over a JSON document, keeping only keys, kinds and short scalar values. */
    private static final class ShapeReader {
        private final JsonParser json;
        private final Predicate<ReportShape> enough;
        private final Map<String, Value> members = new LinkedHashMap<>();
        private ReportShape shape;

        ShapeReader(JsonParser json, Predicate<ReportShape> enough) {
            this.json = json;
            this.enough = enough;
        }

        ReportShape read(JsonToken first) throws IOException {
            Kind kind = kind(first);
            if (kind == Kind.ARRAY) {
                // a top-level array is known by its first entry: nothing after it is read
                JsonToken entry = json.nextToken();
                Map<String, Kind> keys = entry == JsonToken.START_OBJECT ? keys() : Map.of();
                return new ReportShape(kind, Map.of(), keys, entry == JsonToken.END_ARRAY, "", "");
            }
            if (kind != Kind.OBJECT) {
                return new ReportShape(kind, Map.of(), Map.of(), false, "", "");
            }
            if (offer()) {
                return shape;
            }
            for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                if (members.containsKey(key) || members.size() >= MAX_KEYS) {
                    json.skipChildren(); // a repeated key keeps its first value: the tree readers refuse it anyway
                } else if (member(key, value)) {
                    return shape;
                }
            }
            return shape;
        }

        /** Reads one top-level member's value; true when the shape is then enough. */
        private boolean member(String key, JsonToken token) throws IOException {
            Kind kind = kind(token);
            if (kind != Kind.OBJECT && kind != Kind.ARRAY) {
                members.put(key, new Value(kind, text(), Map.of(), false));
                return offer();
            }
            // the key itself may be enough (SARIF's runs after its $schema), before its possibly huge value
            members.put(key, new Value(kind, "", Map.of(), false));
            if (offer()) {
                return true;
            }
            if (kind == Kind.OBJECT) {
                Map<String, Kind> keys = keys();
                members.put(key, new Value(kind, "", keys, keys.isEmpty()));
                return offer();
            }
            JsonToken entry = json.nextToken();
            if (entry == JsonToken.END_ARRAY) {
                members.put(key, new Value(kind, "", Map.of(), true));
                return offer();
            }
            Map<String, Kind> keys = entry == JsonToken.START_OBJECT ? keys() : skipped();
            members.put(key, new Value(kind, "", keys, false));
            if (offer()) {
                return true;
            }
            for (JsonToken next = json.nextToken(); next != JsonToken.END_ARRAY && next != null;
                 next = json.nextToken()) {
                json.skipChildren();
            }
            return false;
        }

        private boolean offer() {
            shape = new ReportShape(Kind.OBJECT, members, Map.of(), false, "", "");
            return enough.test(shape);
        }

        /** The keys of the object just started, with their values' kinds; the values are skipped. */
        private Map<String, Kind> keys() throws IOException {
            Map<String, Kind> keys = new LinkedHashMap<>();
            for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
                String key = json.currentName();
                Kind kind = kind(json.nextToken());
                if (keys.size() < MAX_KEYS) {
                    keys.putIfAbsent(key, kind);
                }
                json.skipChildren();
            }
            return keys;
        }

        private Map<String, Kind> skipped() throws IOException {
            json.skipChildren();
            return Map.of();
        }

        private String text() throws IOException {
            String text = json.getText();
            return text.length() > Value.MAX_TEXT ? text.substring(0, Value.MAX_TEXT) : text;
        }

        private Kind kind(JsonToken token) throws IOException {
            if (token == null) {
                throw new JsonEOFException(json, null, "unexpected end of input");
            }
            return switch (token) {
                case START_OBJECT -> Kind.OBJECT;
                case START_ARRAY -> Kind.ARRAY;
                case VALUE_STRING -> Kind.STRING;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Kind.NUMBER;
                case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
                case VALUE_NULL -> Kind.NULL;
                default -> throw new IllegalStateException("not a value: " + token);
            };
        }
    }
}
