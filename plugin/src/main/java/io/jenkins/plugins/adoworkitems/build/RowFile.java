package io.jenkins.plugins.adoworkitems.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of a build's syncs, one JSON object a line in {@code ado-work-items.jsonl} beside build.xml, so that
 * build.xml stays small however many findings a scan has. Appended by each sync, read when the page is shown.
 */
final class RowFile {
    static final String NAME = "ado-work-items.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private RowFile(Path file) {
        this.file = file;
    }

    static RowFile of(Run<?, ?> run) {
        return new RowFile(run.getRootDir().toPath().resolve(NAME));
    }

    void append(List<WorkItemRow> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (WorkItemRow row : rows) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("action", row.getAction());
                line.put("template", row.getTemplate());
                line.put("id", row.getId());
                line.put("url", row.getSafeUrl());
                line.put("state", row.getState());
                line.put("severity", row.getSeverity());
                line.put("title", row.getTitle());
                line.put("detail", row.getDetail());
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
    }

    /** The rows in the order written; empty when no sync wrote any (a build saved before the file existed). */
    List<WorkItemRow> read() throws IOException {
        List<WorkItemRow> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                rows.add(new WorkItemRow(row.path("action").asText(), row.path("template").asText(),
                        row.path("id").asInt(), row.path("url").asText(), row.path("state").asText(),
                        row.path("severity").asText(), row.path("title").asText(), row.path("detail").asText()));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return rows;
    }
}
