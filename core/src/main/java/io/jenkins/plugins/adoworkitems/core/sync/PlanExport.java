package io.jenkins.plugins.adoworkitems.core.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * A plan or result as JSON, CSV or Markdown: what a dry run shows, and the portable record to attach to a ticket
 * or import elsewhere when Azure DevOps cannot be reached. Holds no secret: entries carry none.
 */
public final class PlanExport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> COLUMNS = List.of("action", "template", "severity", "workItemId", "state", "title",
            "detail", "fingerprint", "url", "errorCode", "errorMessage", "skipReason");

    private PlanExport() {
    }

    public static String json(SyncResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("dryRun", result.dryRun());
        ObjectNode totals = root.putObject("totals");
        for (Action action : Action.values()) {
            totals.put(action.name().toLowerCase(Locale.ROOT), result.total(action));
        }
        root.put("httpRequests", result.httpRequests());
        ArrayNode entries = root.putArray("entries");
        for (SyncEntry entry : result.entries()) {
            ObjectNode node = entries.addObject();
            List<String> values = values(entry);
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (COLUMNS.get(i).equals("workItemId")) {
                    node.put("workItemId", entry.workItemId());
                } else {
                    node.put(COLUMNS.get(i), values.get(i));
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the plan as JSON", e);
        }
    }

    /** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
    public static String csv(SyncResult result) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (SyncEntry entry : result.entries()) {
            csv.append(String.join(",", values(entry).stream().map(PlanExport::csvCell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    public static String markdown(SyncResult result) {
        StringBuilder md = new StringBuilder(result.dryRun() ? "# Plan (dry run)\n\n" : "# Sync result\n\n");
        md.append("| action | total |\n|---|---|\n");
        for (Action action : Action.values()) {
            md.append("| ").append(action.name()).append(" | ").append(result.total(action)).append(" |\n");
        }
        md.append("\n| action | severity | work item | state | title | detail |\n|---|---|---|---|---|---|\n");
        for (SyncEntry entry : result.entries()) {
            String item = entry.workItemId() == 0 ? "" : entry.url().isEmpty() ? "#" + entry.workItemId()
                    : "[#" + entry.workItemId() + "](" + entry.url() + ")";
            md.append("| ").append(entry.action()).append(" | ").append(entry.severity() == null ? "" : entry.severity().label())
                    .append(" | ").append(item).append(" | ").append(markdownCell(entry.state()))
                    .append(" | ").append(markdownCell(entry.title()))
                    .append(" | ").append(markdownCell(entry.errorMessage().isEmpty() ? entry.detail()
                            : entry.errorCode() + ": " + entry.errorMessage())).append(" |\n");
        }
        return md.toString();
    }

    private static List<String> values(SyncEntry entry) {
        return List.of(entry.action().name(), entry.template(), entry.severity() == null ? "" : entry.severity().label(),
                entry.workItemId() == 0 ? "" : Integer.toString(entry.workItemId()), entry.state(), entry.title(),
                entry.detail(), entry.fingerprint(), entry.url(), entry.errorCode(), entry.errorMessage(),
                entry.action() == Action.SKIP ? entry.skipReason().name() : "");
    }

    static String csvCell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** Scan text in a Markdown table: no pipes, no line breaks, no HTML, no links that were not ours. */
    static String markdownCell(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
                .replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]");
    }
}
