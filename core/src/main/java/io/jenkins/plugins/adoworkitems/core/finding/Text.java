package io.jenkins.plugins.adoworkitems.core.finding;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null handling shared by the value records: absent text is the empty string, absent lists are empty. */
final class Text {
    private Text() {
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** A sorted, unmodifiable copy, so that equal findings serialise and print the same way. */
    static Map<String, String> copy(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
