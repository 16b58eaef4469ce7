package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;

/**
 * Reads one SARIF result into the same tree {@code ObjectMapper.readTree} gives, and hashes its content on
 * the way for {@code DuplicateFilter}: equal results hash equally whatever the whitespace of the file, and a
 * string never equals a number or a number of another type. One walk over the tokens instead of a tree read
 * plus a second walk, and no per-result mapper context. Not thread-safe; one per parse.
 */
final class ResultReader {
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private long hash;

    /**
     * The result object the parser is on ({@code START_OBJECT}), without the fields {@link ResultConverter}
     * does not read, which are only hashed: CodeQL's {@code codeFlows} are three quarters of its results' bytes.
     * The parser ends on the object's {@code END_OBJECT}.
     */
    ObjectNode read(JsonParser parser) throws IOException {
        hash = SEED;
        ObjectNode result = nodes.objectNode();
        mix('{');
        String name;
        while ((name = parser.nextFieldName()) != null) {
            text(name);
            mix(':');
            JsonToken token = parser.nextToken();
            if (!ResultConverter.FIELDS.contains(name)) {
                hashOnly(parser, token);
            } else if (result.replace(name, value(parser, token)) != null) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
        }
        mix('}');
        return result;
    }

    /** The content hash of the result {@link #read} last returned. */
    long identity() {
        // MurmurHash3's finaliser, so that every input bit reaches every output bit
        long h = hash;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = nodes.objectNode();
        mix('{');
        String name;
        while ((name = parser.nextFieldName()) != null) {
            text(name);
            mix(':');
            if (object.replace(name, value(parser, parser.nextToken())) != null) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
        }
        mix('}');
        return object;
    }

    private ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = nodes.arrayNode();
        mix('[');
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token));
            mix(',');
        }
        mix(']');
        return array;
    }

    private JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                String text = parser.getText();
                mix('"');
                text(text);
                return TextNode.valueOf(text);
            case VALUE_NUMBER_INT:
                // as readTree types them: int, long or big integer by size
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
                        text(digits);
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
            default:
                throw new JsonParseException(parser, "unexpected token " + token);
        }
    }

    /**
     * Hashes a value as {@link #value} would, without building it; strings are hashed in the parser's buffer.
     * Keys are not checked for duplicates here: nothing reads them.
     */
    private void hashOnly(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                mix('{');
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    text(name);
                    mix(':');
                    hashOnly(parser, parser.nextToken());
                }
                mix('}');
            }
            case START_ARRAY -> {
                mix('[');
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    hashOnly(parser, element);
                    mix(',');
                }
                mix(']');
            }
            case VALUE_STRING -> {
                mix('"');
                text(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            default -> value(parser, token);
        }
    }

    private void text(String text) {
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
    private void text(char[] chars, int offset, int length) {
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
