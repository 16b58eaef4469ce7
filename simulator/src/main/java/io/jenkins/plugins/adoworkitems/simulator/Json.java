package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The simulator's one JSON mapper (immutable once built) and its date format. */
final class Json {
    /** Request bodies are untrusted: nesting is capped well below what a stack overflow needs. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build()).build();

    private Json() {
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw AdoException.webApi(400, "Value cannot be null.\r\nParameter name: body", "ArgumentNullException");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw AdoException.webApi(400, "Value cannot be null.\r\nParameter name: body", "ArgumentNullException");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AdoException.webApi(400, "The request body could not be parsed as JSON: " + e.getOriginalMessage(), "VssRequestContentException");
        } catch (IOException e) {
            throw AdoException.webApi(400, "The request body could not be read.", "VssRequestContentException");
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ADO writes UTC with millisecond precision and a Z. */
    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
