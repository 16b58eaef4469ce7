package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Lenient reading of SARIF objects: a missing or mistyped property reads as absent, never as an error. */
final class SarifNodes {
    private SarifNodes() {
    }

    /** Text of a scalar property, or empty. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
    }

    /** A SARIF {@code message} or {@code multiformatMessageString}: its text, else its markdown. */
    static String messageText(JsonNode message) {
        String text = text(message, "text");
        return text.isEmpty() ? text(message, "markdown") : text;
    }

    static int integer(JsonNode node, String field, int absent) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : absent;
    }

    /** The scalar elements of an array property as text. */
    static List<String> strings(JsonNode node, String field) {
        JsonNode array = node == null ? null : node.get(field);
        if (array == null || !array.isArray() || array.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (element.isValueNode() && !element.isNull()) {
                values.add(element.asText());
            }
        }
        return values;
    }

    /**
     * Each property of a SARIF property bag as text: scalars as they are, arrays of scalars joined with
     * {@code ", "}; nested objects are left out, since templates can only show flat values.
     */
    static void eachProperty(JsonNode bag, BiConsumer<String, String> action) {
        if (bag == null || !bag.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : bag.properties()) {
            JsonNode value = entry.getValue();
            if (value.isValueNode() && !value.isNull()) {
                action.accept(entry.getKey(), value.asText());
            } else if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode element : value) {
                    if (element.isValueNode() && !element.isNull()) {
                        parts.add(element.asText());
                    }
                }
                if (!parts.isEmpty()) {
                    action.accept(entry.getKey(), String.join(", ", parts));
                }
            }
        }
    }
}
