package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.jenkins.plugins.adoworkitems.core.finding.Location;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one SARIF result straight from its tokens into a {@link SarifResult}, in one walk and without a tree,
 * and hashes its content on the way for {@code DuplicateFilter}: equal results hash equally whatever the
 * whitespace of the file, and a string never equals a number or a number of another type. Fields nothing reads
 * are only hashed, in the parser's buffer: CodeQL's {@code codeFlows} are three quarters of its results' bytes.
 *
 * <p>It must read exactly what a tree read through {@link SarifNodes} would: a mistyped property reads as absent
 * (numbers and booleans as text where text is wanted, only numbers that fit an int where an int is), and a key
 * twice in any object of a field it reads is "Duplicate field", reported after the second value as a tree read
 * reports it. Keys of the fields it does not read are not checked. One per run; not thread-safe.
 */
final class ResultReader {
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    /** Objects with more keys check them in a set, so that a hostile one with a million keys stays linear. */
    private static final int FEW_KEYS = 16;

    /** A {@code reportingDescriptorReference}: the result's {@code rule}, or one of its {@code taxa}. */
    private record RuleReference(String id, int index, SarifResult.ComponentReference component) {
        static final RuleReference NONE = new RuleReference("", -1, null);
    }

    /** The parts of a {@code physicalLocation} besides its message. */
    private record Physical(String path, int startLine, int startColumn, int endLine, int endColumn,
                            String snippet) {
    }

    /** A {@code region}; the end line is the start line when the region has none. */
    private record Region(int startLine, int startColumn, int endLine, int endColumn, String snippet) {
        static final Region NONE = new Region(0, 0, 0, 0, "");
    }

    private final JsonParser parser;
    private final RunMetadata run;
    private long hash;
    /** The keys of the open objects that are checked, outermost first; each object's keys start at its mark. */
    private String[] keys = new String[64];
    private int keyCount;
    /** For each open object with more than {@link #FEW_KEYS} keys, by mark: its keys. */
    private final Map<Integer, Set<String>> manyKeys = new HashMap<>();
    /** {@code properties.security-severity} of the result being read, set by {@link #properties}. */
    private String securitySeverity;

    ResultReader(JsonParser parser, RunMetadata run) {
        this.parser = parser;
        this.run = run;
    }

    /** The result object the parser is on ({@code START_OBJECT}); the parser ends on its {@code END_OBJECT}. */
    SarifResult read() throws IOException {
        hash = SEED;
        securitySeverity = "";
        String kind = "";
        String baselineState = "";
        boolean suppressed = false;
        String ruleId = "";
        JsonNode ruleIndex = null;
        RuleReference rule = RuleReference.NONE;
        String level = "";
        Map<String, String> properties = Map.of();
        SarifResult.Message message = SarifResult.Message.NONE;
        List<Location> locations = List.of();
        List<Location> relatedLocations = List.of();
        List<Taxonomies.Reference> taxa = List.of();
        Map<String, String> fingerprints = Map.of();
        Map<String, String> partialFingerprints = Map.of();
        int mark = open(JsonToken.START_OBJECT);
        String name;
        while ((name = name()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "kind" -> kind = text(value);
                case "baselineState" -> baselineState = text(value);
                case "suppressions" -> suppressed = suppressed(value);
                case "ruleId" -> ruleId = text(value);
                case "ruleIndex" -> ruleIndex = integer(value);
                case "rule" -> rule = reference(value);
                case "level" -> level = text(value);
                case "properties" -> properties = properties(value);
                case "message" -> message = message(value);
                case "locations" -> locations = elements(value, this::location);
                case "relatedLocations" -> relatedLocations = elements(value, this::location);
                case "taxa" -> taxa = elements(value, this::taxon);
                case "fingerprints" -> fingerprints = fingerprints(value);
                case "partialFingerprints" -> partialFingerprints = fingerprints(value);
                default -> {
                    skip(value, false);
                    continue;
                }
            }
            unique(name, mark);
        }
        close(mark);
        return new SarifResult(kind, baselineState, suppressed, ruleId.isEmpty() ? rule.id() : ruleId,
                ruleIndex == null ? rule.index() : ruleIndex.asInt(), rule.component(), level, properties,
                securitySeverity, message, locations, relatedLocations, taxa,
                fingerprints.isEmpty() ? partialFingerprints : fingerprints);
    }

    /** The content hash of the result {@link #read} last read. */
    long identity() {
        // MurmurHash3's finaliser, so that every input bit reaches every output bit
        long h = hash;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** Suppressed when any suppression is in force: its {@code status} is absent or {@code accepted}. */
    private boolean suppressed(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            skip(token, true);
            return false;
        }
        boolean suppressed = false;
        mix('[');
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            int mark = open(element);
            if (mark >= 0) {
                String status = "";
                for (String name; (name = name()) != null; unique(name, mark)) {
                    JsonToken value = parser.nextToken();
                    if ("status".equals(name)) {
                        status = text(value);
                    } else {
                        skip(value, true);
                    }
                }
                close(mark);
                suppressed |= status.isEmpty() || "accepted".equals(status);
            }
            mix(',');
        }
        mix(']');
        return suppressed;
    }

    /**
     * A {@code reportingDescriptorReference} (a result's rule, or one of its taxa): id, index and tool component;
     * {@link RuleReference#NONE} when it is not an object.
     */
    private RuleReference reference(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return RuleReference.NONE;
        }
        String id = "";
        int index = -1;
        SarifResult.ComponentReference component = null;
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> id = text(value);
                case "index" -> index = integer(value, -1);
                case "toolComponent" -> component = component(value);
                default -> skip(value, true);
            }
        }
        close(mark);
        return new RuleReference(id, index, component);
    }

    /** A {@code toolComponentReference}; null when it is not an object. */
    private SarifResult.ComponentReference component(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return null;
        }
        String name = "";
        int index = -1;
        for (String key; (key = name()) != null; unique(key, mark)) {
            JsonToken value = parser.nextToken();
            switch (key) {
                case "name" -> name = text(value);
                case "index" -> index = integer(value, -1);
                default -> skip(value, true);
            }
        }
        close(mark);
        return new SarifResult.ComponentReference(index, name);
    }

    /**
     * A property bag as {@link SarifNodes#eachProperty} flattens it, in the file's order; also sets
     * {@link #securitySeverity}.
     */
    private Map<String, String> properties(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            if (value.isScalarValue()) {
                String text = text(value);
                if (value != JsonToken.VALUE_NULL) {
                    properties.put(name, text);
                }
                if ("security-severity".equals(name)) {
                    securitySeverity = text;
                }
            } else if (value == JsonToken.START_ARRAY) {
                List<String> parts = strings(value);
                if (!parts.isEmpty()) {
                    properties.put(name, String.join(", ", parts));
                }
            } else {
                skip(value, true);
            }
        }
        close(mark);
        return properties;
    }

    private SarifResult.Message message(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return SarifResult.Message.NONE;
        }
        String text = "";
        String markdown = "";
        String id = "";
        List<String> arguments = List.of();
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "text" -> text = text(value);
                case "markdown" -> markdown = text(value);
                case "id" -> id = text(value);
                case "arguments" -> arguments = strings(value);
                default -> skip(value, true);
            }
        }
        close(mark);
        return new SarifResult.Message(text.isEmpty() ? markdown : text, id, arguments);
    }

    /** The scalar elements of an array as text, nulls left out; nothing for anything but an array. */
    private List<String> strings(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            skip(token, true);
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        mix('[');
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            String text = text(element);
            if (element.isScalarValue() && element != JsonToken.VALUE_NULL) {
                strings.add(text);
            }
            mix(',');
        }
        mix(']');
        return strings;
    }

    /** What reads one element; null leaves it out. */
    @FunctionalInterface
    private interface Element<T> {
        T read(JsonToken token) throws IOException;
    }

    /**
     * The elements of an array, or of an object's values, as a tree's iteration reads both; anything else gives
     * none. Used for locations and taxa.
     */
    private <T> List<T> elements(JsonToken token, Element<T> element) throws IOException {
        List<T> read = new ArrayList<>();
        if (token == JsonToken.START_ARRAY) {
            mix('[');
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                add(read, element.read(next));
                mix(',');
            }
            mix(']');
        } else if (token == JsonToken.START_OBJECT) {
            int mark = open(token);
            for (String name; (name = name()) != null; unique(name, mark)) {
                add(read, element.read(parser.nextToken()));
            }
            close(mark);
        } else {
            skip(token, true);
        }
        return read;
    }

    private static <T> void add(List<T> read, T item) {
        if (item != null) {
            read.add(item);
        }
    }

    /** A physical location, else the first logical one by name; null when the location names neither. */
    private Location location(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return null;
        }
        String message = "";
        Physical physical = null;
        String logical = "";
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "message" -> message = message(value).text();
                case "physicalLocation" -> physical = physical(value);
                case "logicalLocations" -> logical = firstLogicalName(value);
                default -> skip(value, true);
            }
        }
        close(mark);
        if (physical != null) {
            return new Location(physical.path(), physical.startLine(), physical.startColumn(), physical.endLine(),
                    physical.endColumn(), physical.snippet(), message);
        }
        return logical.isEmpty() ? null : new Location(logical, 0, 0, 0, 0, "", message);
    }

    /** Null when it is not an object. */
    private Physical physical(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return null;
        }
        String path = "";
        Region region = Region.NONE;
        Region context = Region.NONE;
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "artifactLocation" -> path = path(value);
                case "region" -> region = region(value);
                case "contextRegion" -> context = region(value);
                default -> skip(value, true);
            }
        }
        close(mark);
        return new Physical(path, region.startLine(), region.startColumn(), region.endLine(), region.endColumn(),
                region.snippet().isEmpty() ? context.snippet() : region.snippet());
    }

    /** An {@code artifactLocation}'s path, by its {@code uri} or its {@code index} into the run's artifacts. */
    private String path(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return "";
        }
        String uri = "";
        String uriBaseId = "";
        int index = -1;
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "uri" -> uri = text(value);
                case "uriBaseId" -> uriBaseId = text(value);
                case "index" -> {
                    // a tree's asInt(-1), as the index was always read: lenient with "3" and true
                    JsonNode number = scalar(value);
                    index = number == null ? -1 : number.asInt(-1);
                }
                default -> skip(value, true);
            }
        }
        close(mark);
        return run.paths().path(uri, uriBaseId, index);
    }

    private Region region(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return Region.NONE;
        }
        int startLine = 0;
        int startColumn = 0;
        JsonNode endLine = null;
        int endColumn = 0;
        String snippet = "";
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "startLine" -> startLine = integer(value, 0);
                case "startColumn" -> startColumn = integer(value, 0);
                case "endLine" -> endLine = integer(value);
                case "endColumn" -> endColumn = integer(value, 0);
                case "snippet" -> snippet = snippetText(value);
                default -> skip(value, true);
            }
        }
        close(mark);
        return new Region(startLine, startColumn, endLine == null ? startLine : endLine.asInt(), endColumn, snippet);
    }

    /** An {@code artifactContent}'s {@code text}. */
    private String snippetText(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return "";
        }
        String text = "";
        for (String name; (name = name()) != null; unique(name, mark)) {
            JsonToken value = parser.nextToken();
            if ("text".equals(name)) {
                text = text(value);
            } else {
                skip(value, true);
            }
        }
        close(mark);
        return text;
    }

    /** The name of the first of a location's {@code logicalLocations}, or empty. */
    private String firstLogicalName(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            skip(token, true);
            return "";
        }
        String name = "";
        boolean first = true;
        mix('[');
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (first) {
                name = logicalName(element);
                first = false;
            } else {
                skip(element, true);
            }
            mix(',');
        }
        mix(']');
        return name;
    }

    /** Its fully qualified name, else the one of the run's logical location it indexes, else its name. */
    private String logicalName(JsonToken token) throws IOException {
        int mark = open(token);
        if (mark < 0) {
            return "";
        }
        String fullyQualifiedName = "";
        int index = -1;
        String name = "";
        for (String key; (key = name()) != null; unique(key, mark)) {
            JsonToken value = parser.nextToken();
            switch (key) {
                case "fullyQualifiedName" -> fullyQualifiedName = text(value);
                case "index" -> index = integer(value, -1);
                case "name" -> name = text(value);
                default -> skip(value, true);
            }
        }
        close(mark);
        if (!fullyQualifiedName.isEmpty()) {
            return fullyQualifiedName;
        }
        String indexed = run.logicalLocation(index);
        return indexed.isEmpty() ? name : indexed;
    }

    /** A taxon reference when the element is an object, else null. */
    private Taxonomies.Reference taxon(JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            skip(token, true);
            return null;
        }
        RuleReference taxon = reference(token);
        SarifResult.ComponentReference component = taxon.component();
        return component == null ? new Taxonomies.Reference(taxon.id(), taxon.index(), "", -1)
                : new Taxonomies.Reference(taxon.id(), taxon.index(), component.name(), component.index());
    }

    /**
     * A tool's fingerprint entries, flattened: nested objects (Black Duck writes {@code {"value": "…"}})
     * become {@code key.inner}, arrays {@code key[0]}, so the same JSON always gives the same entries; blank
     * values are left out.
     */
    private Map<String, String> fingerprints(JsonToken token) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        int mark = open(token);
        if (mark >= 0) {
            for (String name; (name = name()) != null; unique(name, mark)) {
                flatten(name, parser.nextToken(), entries);
            }
            close(mark);
        }
        return entries;
    }

    private void flatten(String key, JsonToken token, Map<String, String> entries) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            int mark = open(token);
            for (String name; (name = name()) != null; unique(name, mark)) {
                flatten(key + "." + name, parser.nextToken(), entries);
            }
            close(mark);
        } else if (token == JsonToken.START_ARRAY) {
            mix('[');
            JsonToken element;
            for (int i = 0; (element = parser.nextToken()) != JsonToken.END_ARRAY; i++) {
                flatten(key + "[" + i + "]", element, entries);
                mix(',');
            }
            mix(']');
        } else {
            String text = text(token);
            if (!text.isBlank()) {
                entries.put(key, text);
            }
        }
    }

    /** A scalar as {@link SarifNodes#text} reads it: its text, numbers and booleans too; else empty. */
    private String text(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            mix('"');
            mixText(text);
            return text;
        }
        JsonNode value = scalar(token);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A number as {@link SarifNodes#integer} takes it: the node when it fits an int, else null. */
    private JsonNode integer(JsonToken token) throws IOException {
        JsonNode value = scalar(token);
        return value != null && value.canConvertToInt() ? value : null;
    }

    private int integer(JsonToken token, int absent) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            // the usual case without a node, hashed as scalar() hashes it; kept small as it is everywhere
            int value = parser.getIntValue();
            mix('i');
            mix(value);
            return value;
        }
        JsonNode value = integer(token);
        return value == null ? absent : value.asInt();
    }

    /** A scalar as {@code readTree} types it; null for an object or array, which is skipped. */
    private JsonNode scalar(JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                String text = parser.getText();
                mix('"');
                mixText(text);
                return TextNode.valueOf(text);
            case VALUE_NUMBER_INT:
                // int, long or big integer by size
                switch (parser.getNumberType()) {
                    case INT:
                        int small = parser.getIntValue();
                        mix('i');
                        mix(small);
                        return IntNode.valueOf(small);
                    case LONG:
                        long large = parser.getLongValue();
                        mix('l');
                        mix(large);
                        return LongNode.valueOf(large);
                    default:
                        String digits = parser.getBigIntegerValue().toString();
                        mix('b');
                        mixText(digits);
                        return BigIntegerNode.valueOf(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                double number = parser.getDoubleValue();
                mix('d');
                mix(Double.doubleToLongBits(number));
                return DoubleNode.valueOf(number);
            case VALUE_TRUE:
                mix('t');
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                mix('f');
                return BooleanNode.FALSE;
            case VALUE_NULL:
                mix('n');
                return NullNode.instance;
            case START_OBJECT, START_ARRAY:
                skip(token, true);
                return null;
            default:
                throw new JsonParseException(parser, "unexpected token " + token);
        }
    }

    /**
     * Hashes a value without keeping it; strings are hashed in the parser's buffer. {@code checkKeys}: whether
     * a key twice in an object is an error, as it is anywhere inside the fields that are read.
     */
    private void skip(JsonToken token, boolean checkKeys) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                int mark = open(token);
                String name;
                while ((name = name()) != null) {
                    skip(parser.nextToken(), checkKeys);
                    if (checkKeys) {
                        unique(name, mark);
                    }
                }
                close(mark);
            }
            case START_ARRAY -> {
                mix('[');
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    skip(element, checkKeys);
                    mix(',');
                }
                mix(']');
            }
            case VALUE_STRING -> {
                mix('"');
                mixText(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            default -> scalar(token);
        }
    }

    /**
     * Opens the object the parser is on: its mark, for {@link #unique} and {@link #close}; -1 (after skipping
     * it) when the value is not an object, which reads as absent.
     */
    private int open(JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            skip(token, true);
            return -1;
        }
        mix('{');
        return keyCount;
    }

    /** The next key of the open object, hashed; null at its end. */
    private String name() throws IOException {
        String name = parser.nextFieldName();
        if (name != null) {
            mixText(name);
            mix(':');
        }
        return name;
    }

    /**
     * Records a key of the object opened at {@code mark}, after its value was read, where a tree read finds a
     * duplicate too; the error then shows the same line and column.
     */
    private void unique(String name, int mark) throws JsonParseException {
        if (keyCount - mark > FEW_KEYS) {
            Set<String> many = manyKeys.computeIfAbsent(mark,
                    start -> new HashSet<>(Arrays.asList(keys).subList(start, keyCount)));
            if (!many.add(name)) {
                throw duplicate(name);
            }
            return;
        }
        for (int i = mark; i < keyCount; i++) {
            if (keys[i].equals(name)) {
                throw duplicate(name);
            }
        }
        if (keyCount == keys.length) {
            keys = Arrays.copyOf(keys, keyCount * 2);
        }
        keys[keyCount++] = name;
    }

    private JsonParseException duplicate(String name) {
        return new JsonParseException(parser, "Duplicate field '" + name + "'");
    }

    /** After the object's {@code END_OBJECT}: forgets its keys. */
    private void close(int mark) {
        if (keyCount - mark > FEW_KEYS) {
            manyKeys.remove(mark);
        }
        keyCount = mark;
        mix('}');
    }

    private void mixText(String text) {
        int length = text.length();
        int i = 0;
        long h = hash;
        for (; i + 4 <= length; i += 4) {
            h = step(h, text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48);
        }
        long rest = 0;
        for (int shift = 0; i < length; i++, shift += 16) {
            rest |= (long) text.charAt(i) << shift;
        }
        hash = step(step(h, rest), length);
    }

    /** Four UTF-16 units per block, then the rest and the length, which ends the string. */
    private void mixText(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        long h = hash;
        for (; i + 4 <= end; i += 4) {
            h = step(h, chars[i] | (long) chars[i + 1] << 16 | (long) chars[i + 2] << 32 | (long) chars[i + 3] << 48);
        }
        long rest = 0;
        for (int shift = 0; i < end; i++, shift += 16) {
            rest |= (long) chars[i] << shift;
        }
        hash = step(step(h, rest), length);
    }

    private void mix(long value) {
        hash = step(hash, value);
    }

    /**
     * One 64-bit block of MurmurHash3 (x64). A plain FNV step over whole words ({@code (h ^ word) * prime}) is
     * not enough: a product's low bits never depend on its high ones, and on the 1 GB benchmark file it made two
     * distinct results collide.
     */
    private static long step(long hash, long block) {
        long k = Long.rotateLeft(block * C1, 31) * C2;
        return Long.rotateLeft(hash ^ k, 27) * 5 + 0x52dce729;
    }
}
