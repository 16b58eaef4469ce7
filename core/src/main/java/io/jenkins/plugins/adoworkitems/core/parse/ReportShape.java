package io.jenkins.plugins.adoworkitems.core.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report looks like from above, which is all that format detection needs: the kind of its top level, the
 * top-level keys with a summary of each value, the first entry's keys of a top-level array, or an XML document's
 * root element. Key order is kept but never matters, since JSON does not fix it.
 *
 * <p>{@link FormatDetector} builds it in one streaming pass and asks the parsers after each step, so a shape may be
 * what has been read <em>so far</em>: a key whose value is still being read is there with its kind but without its
 * keys. Recognisers therefore only ever look for what is present, never for what is missing, except where a
 * format says so (Semgrep: no {@code runs} so far).
 *
 * @param kind         the top level's kind
 * @param members      a top-level object's keys in document order, each with what was read of its value
 * @param firstEntry   a top-level array's first entry's keys with their kinds; empty when it is not an object
 * @param empty        a top-level array without entries
 * @param xmlNamespace the XML root element's namespace URI, empty when it has none
 * @param xmlRoot      the XML root element's local name
 */
public record ReportShape(Kind kind, Map<String, Value> members, Map<String, Kind> firstEntry, boolean empty,
                          String xmlNamespace, String xmlRoot) {

    /** The kinds of JSON value, and an XML document. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, XML }

    /**
     * What was read of one top-level value.
     *
     * @param kind  its kind
     * @param text  a scalar's text (at most {@link #MAX_TEXT} characters), else empty
     * @param keys  an object's keys, or an array's first entry's keys, each with its value's kind
     * @param empty an array read and found without entries, or an object without keys
     */
    public record Value(Kind kind, String text, Map<String, Kind> keys, boolean empty) {
        /** Enough for every value a recogniser compares ({@code $schema}, {@code version}, {@code @programName}). */
        public static final int MAX_TEXT = 256;

        public Value {
            keys = unmodifiableCopy(keys);
        }
    }

    public ReportShape {
        members = unmodifiableCopy(members);
        firstEntry = unmodifiableCopy(firstEntry);
    }

    static ReportShape xml(String namespace, String root) {
        return new ReportShape(Kind.XML, Map.of(), Map.of(), false, namespace, root);
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** A top-level array with no entries. */
    public boolean isEmptyArray() {
        return kind == Kind.ARRAY && empty;
    }

    /** Whether the top-level object has {@code key}, whatever its value. */
    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The text of a top-level scalar, or empty. */
    public String text(String key) {
        Value value = members.get(key);
        return value == null ? "" : value.text();
    }

    /** Whether {@code key}'s value is of this kind. */
    public boolean is(String key, Kind valueKind) {
        Value value = members.get(key);
        return value != null && value.kind() == valueKind;
    }

    /** Whether {@code key}'s value is an array read and found empty. */
    public boolean isEmptyArray(String key) {
        Value value = members.get(key);
        return value != null && value.kind() == Kind.ARRAY && value.empty();
    }

    /** The keys of the object at {@code key}, or of the first entry of the array at {@code key}; empty if none. */
    public Map<String, Kind> keysOf(String key) {
        Value value = members.get(key);
        return value == null ? Map.of() : value.keys();
    }

    /** Whether the XML root element has this local name and a namespace containing {@code namespacePart}. */
    public boolean isXmlRoot(String name, String namespacePart) {
        return kind == Kind.XML && xmlRoot.equals(name) && xmlNamespace.contains(namespacePart);
    }

    /** Keeps insertion order, which a {@code Map.copyOf} would lose, for messages and debugging. */
    private static <V> Map<String, V> unmodifiableCopy(Map<String, V> map) {
        return map.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
