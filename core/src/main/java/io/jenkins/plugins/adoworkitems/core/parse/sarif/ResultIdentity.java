package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A 64-bit hash of a result object's content, for {@code DuplicateFilter}: equal objects hash equally
 * whatever the whitespace of the file. Hashing the tree directly avoids serialising every result again.
 */
final class ResultIdentity {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ResultIdentity() {
    }

    static long of(JsonNode result) {
        return hash(OFFSET, result);
    }

    private static long hash(long seed, JsonNode node) {
        long hash = seed;
        if (node.isObject()) {
            hash = mix(hash, '{');
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                hash = text(hash, entry.getKey());
                hash = mix(hash, ':');
                hash = hash(hash, entry.getValue());
            }
            return mix(hash, '}');
        }
        if (node.isArray()) {
            hash = mix(hash, '[');
            for (JsonNode element : node) {
                hash = hash(hash, element);
                hash = mix(hash, ',');
            }
            return mix(hash, ']');
        }
        // The type marker keeps the string "1" apart from the number 1.
        hash = mix(hash, node.isTextual() ? '"' : '#');
        return text(hash, node.asText());
    }

    private static long text(long seed, String text) {
        long hash = seed;
        for (int i = 0; i < text.length(); i++) {
            hash = mix(hash, text.charAt(i));
        }
        return mix(hash, 0);
    }

    private static long mix(long hash, int value) {
        return (hash ^ value) * PRIME;
    }
}
