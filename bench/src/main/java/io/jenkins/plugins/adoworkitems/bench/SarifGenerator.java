package io.jenkins.plugins.adoworkitems.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a large SARIF 2.1.0 log made from real tools' logs: one run per sample, keeping its tool, rules,
 * artifacts and field order, with the sample's results repeated until the run has its share of the bytes.
 * Each copy changes paths, lines, messages and fingerprints, because identical results are merged by our
 * parser and would not measure anything. The file is written as it goes, never held in memory.
 */
final class SarifGenerator {
    /** GitHub-style scores given round-robin to rules that have none, so a severity filter has work to do. */
    private static final String[] SCORES = {"9.8", "8.1", "7.5", "6.5", "5.3", "4.3", "3.1", "2.0"};

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Path> samples;
    private final boolean pretty;

    /**
     * @param samples SARIF logs whose first run is replicated
     * @param pretty indent like CodeQL and Semgrep do; compact output has more tokens per byte
     */
    SarifGenerator(List<Path> samples, boolean pretty) {
        this.samples = List.copyOf(samples);
        this.pretty = pretty;
    }

    /** Writes about {@code targetBytes} (a little more: the metadata after the last result) to {@code file}. */
    void write(Path file, long targetBytes) throws IOException {
        List<ObjectNode> runs = new ArrayList<>();
        for (Path sample : samples) {
            runs.add(withScores((ObjectNode) mapper.readTree(sample.toFile()).path("runs").path(0)));
        }
        // Written beside the target first, so an interrupted run never leaves a truncated file to be reused.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (CountingStream counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16));
             JsonGenerator json = mapper.createGenerator(counter)) {
            if (pretty) {
                json.useDefaultPrettyPrinter();
            }
            json.writeStartObject();
            json.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            for (int i = 0; i < runs.size(); i++) {
                long runEnd = targetBytes * (i + 1) / runs.size();
                writeRun(json, counter, runs.get(i), runEnd);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeRun(JsonGenerator json, CountingStream counter, ObjectNode run, long endAt) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, JsonNode> field : run.properties()) {
            json.writeFieldName(field.getKey());
            if ("results".equals(field.getKey())) {
                writeResults(json, counter, field.getValue(), endAt);
            } else {
                mapper.writeTree(json, field.getValue());
            }
        }
        json.writeEndObject();
    }

    /** The sample's results again and again, each time as other files, until the file reaches {@code endAt}. */
    private void writeResults(JsonGenerator json, CountingStream counter, JsonNode results, long endAt)
            throws IOException {
        List<ObjectNode> originals = new ArrayList<>();
        results.forEach(result -> originals.add((ObjectNode) result));
        json.writeStartArray();
        for (int copy = 0; !originals.isEmpty() && counter.count() + json.getOutputBuffered() < endAt; copy++) {
            for (ObjectNode original : originals) {
                mapper.writeTree(json, variant(original, copy));
            }
        }
        json.writeEndArray();
    }

    /** Copy number {@code copy} of a result: another file, line, message and fingerprint. */
    private static JsonNode variant(ObjectNode original, int copy) {
        ObjectNode result = original.deepCopy();
        for (JsonNode location : result.path("locations")) {
            JsonNode physical = location.path("physicalLocation");
            if (physical.path("artifactLocation") instanceof ObjectNode artifact && artifact.has("uri")) {
                artifact.put("uri", "module-" + copy + "/" + artifact.path("uri").asText());
                artifact.remove("index");
            }
            if (physical.path("region") instanceof ObjectNode region && region.has("startLine")) {
                int shift = copy % 97;
                region.put("startLine", region.path("startLine").asInt() + shift);
                if (region.has("endLine")) {
                    region.put("endLine", region.path("endLine").asInt() + shift);
                }
            }
        }
        if (result.path("message") instanceof ObjectNode message && message.has("text")) {
            message.put("text", message.path("text").asText() + " (module " + copy + ")");
        }
        for (String bag : new String[] {"fingerprints", "partialFingerprints"}) {
            if (result.path(bag) instanceof ObjectNode prints) {
                prints.properties().forEach(entry -> entry.setValue(new TextNode(entry.getValue().asText() + "/" + copy)));
            }
        }
        return result;
    }

    private static ObjectNode withScores(ObjectNode run) {
        int index = 0;
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            if (rule instanceof ObjectNode ruleObject) {
                JsonNode properties = ruleObject.path("properties");
                ObjectNode bag = properties instanceof ObjectNode existing ? existing : ruleObject.putObject("properties");
                if (!bag.has("security-severity")) {
                    bag.put("security-severity", SCORES[index % SCORES.length]);
                }
            }
            index++;
        }
        return run;
    }

    /** Counts the bytes that reached the file, so the generator knows when a run has its share. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
