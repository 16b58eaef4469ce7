package io.jenkins.plugins.adoworkitems.core.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * A plan or result as JSON, CSV or Markdown: what a dry run shows, and the portable record to attach to a ticket
 * or import elsewhere when Azure DevOps cannot be reached. Holds no secret: entries carry none. Every export says the
 * skips by reason, also those that have no entry (suppressed, no template, below threshold: counted, not listed).
 * Written entry by entry to a {@link Writer}, so that a plan of a hundred thousand creates is never held as text.
 */
public final class PlanExport {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> COLUMNS = List.of("action", "template", "severity", "workItemId", "state", "title",
            "detail", "fingerprint", "url", "errorCode", "errorMessage", "skipReason");

    private PlanExport() {
    }

    public static String json(SyncResult result) {
        StringWriter text = new StringWriter();
        json(result, text);
        return text.toString();
    }

    /** Totals, skips by reason, HTTP requests and the entries, as one indented JSON object. */
    public static void json(SyncResult result, Writer out) {
        try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeBooleanField("dryRun", result.dryRun());
            json.writeObjectFieldStart("totals");
            for (Action action : Action.values()) {
                json.writeNumberField(action.name().toLowerCase(Locale.ROOT), result.total(action));
            }
            json.writeEndObject();
            json.writeObjectFieldStart("skipped");
            for (SkipReason reason : SkipReason.values()) {
                if (reason != SkipReason.NONE) {
                    json.writeNumberField(reason.name().toLowerCase(Locale.ROOT), result.skipped(reason));
                }
            }
            json.writeEndObject();
            json.writeNumberField("httpRequests", result.httpRequests());
            json.writeArrayFieldStart("entries");
            for (SyncEntry entry : result.entries()) {
                json.writeStartObject();
                List<String> values = values(entry);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (COLUMNS.get(i).equals("workItemId")) {
                        json.writeNumberField("workItemId", entry.workItemId());
                    } else {
                        json.writeStringField(COLUMNS.get(i), values.get(i));
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan as JSON", e);
        }
    }

    public static String csv(SyncResult result) {
        StringWriter text = new StringWriter();
        csv(result, text);
        return text.toString();
    }

    /**
     * RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. After the entries, one
     * SKIP row per reason that is counted, not listed: its title says how many findings.
     */
    public static void csv(SyncResult result, Writer out) {
        try {
            out.write(String.join(",", COLUMNS) + "\r\n");
            for (SyncEntry entry : result.entries()) {
                out.write(String.join(",", values(entry).stream().map(PlanExport::csvCell).toList()) + "\r\n");
            }
            for (SkipReason reason : SkipReason.values()) {
                int count = result.skipped(reason);
                if (reason != SkipReason.NONE && !reason.listed() && count > 0) {
                    out.write(String.join(",", List.of(Action.SKIP.name(), "", "", "", "", counted(count, reason),
                            "counted, not listed", "", "", "", "", reason.name())) + "\r\n");
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan as CSV", e);
        }
    }

    /** {@code 120 finding(s) below threshold}. */
    public static String counted(int count, SkipReason reason) {
        return count + " finding(s) " + (reason == SkipReason.NO_TEMPLATE ? "taken by no template" : reason.label());
    }

    public static String markdown(SyncResult result) {
        StringWriter text = new StringWriter();
        markdown(result, text);
        return text.toString();
    }

    /** Totals, skips by reason, then a row per entry. */
    public static void markdown(SyncResult result, Writer out) {
        try {
            out.write(result.dryRun() ? "# Plan (dry run)\n\n" : "# Sync result\n\n");
            out.write("| action | total |\n|---|---|\n");
            for (Action action : Action.values()) {
                out.write("| " + action.name() + " | " + result.total(action) + " |\n");
            }
            out.write("\n| skipped because | total |\n|---|---|\n");
            for (SkipReason reason : SkipReason.values()) {
                if (reason != SkipReason.NONE) {
                    out.write("| " + reason.name() + (reason.listed() ? "" : " (counted, not listed)") + " | "
                            + result.skipped(reason) + " |\n");
                }
            }
            out.write("\n| action | severity | work item | state | title | detail |\n|---|---|---|---|---|---|\n");
            for (SyncEntry entry : result.entries()) {
                String item = entry.workItemId() == 0 ? "" : entry.url().isEmpty() ? "#" + entry.workItemId()
                        : "[#" + entry.workItemId() + "](" + entry.url() + ")";
                out.write("| " + entry.action() + " | " + (entry.severity() == null ? "" : entry.severity().label())
                        + " | " + item + " | " + markdownCell(entry.state()) + " | " + markdownCell(entry.title())
                        + " | " + markdownCell(entry.errorMessage().isEmpty() ? entry.detail()
                        : entry.errorCode() + ": " + entry.errorMessage()) + " |\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plan as Markdown", e);
        }
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
