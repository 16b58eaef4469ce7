package io.jenkins.plugins.adoworkitems.core.ado;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error answer into an {@link AdoException}. Azure DevOps error bodies are
 * {@code {"message": "TF401320: Rule Error for field …", "typeKey": "RuleValidationException", "customProperties": …}};
 * the TF/VS codes and type keys are what tells the cases apart.
 */
final class AdoErrors {
    private static final List<Pattern> FIELD_IN_MESSAGE = List.of(
            Pattern.compile("for field '([^']+)'"),
            Pattern.compile("[Ff]ield '([^']+)'"),
            Pattern.compile("Cannot find field ([\\w.]+)"),
            Pattern.compile("for field ([\\w. ]+?)\\. "),
            Pattern.compile("field ([A-Z][\\w]*\\.[\\w.]+)"));
    private static final int MAX_MESSAGE = 500;

    private AdoErrors() {
    }

    /** @param redactor masks what the request carried, should the server's text quote it */
    static AdoException fromResponse(AdoHttp.Request request, int status, byte[] body, Redactor redactor) {
        JsonNode json = parseQuietly(body);
        String adoMessage = redactor.redact(json == null ? plainText(body) : Json.text(json, "message"));
        String typeKey = json == null ? "" : String.valueOf(Json.text(json, "typeKey"));
        // Each message below ends its own sentence: the server's final full stop would make it "..".
        String detail = adoMessage == null ? "" : ": " + shorten(adoMessage).replaceFirst("[.\\s]+$", "");
        String what = request.action() + " (HTTP " + status + ")" + detail;
        String lower = adoMessage == null ? "" : adoMessage.toLowerCase(Locale.ROOT);
        if (status == 401) {
            if (lower.contains("scope")) {
                return new AdoException(ErrorCode.SCOPE_UNAVAILABLE, "The credentials lack the scope for " + what + ".",
                        status, null, List.of(), null);
            }
            return new AdoException(ErrorCode.AUTH_REQUIRED, "Azure DevOps refused the credentials for " + what + ".",
                    status, null, List.of(), null);
        }
        if (status == 407) {
            return new AdoException(ErrorCode.PROXY_AUTH_REQUIRED, "The proxy refused to pass on " + request.action()
                    + " without a login (HTTP 407).", status, null, List.of(), null);
        }
        if (status == 403) {
            return new AdoException(ErrorCode.SCOPE_UNAVAILABLE, "Azure DevOps denied " + what + ".", status, null,
                    List.of(), null);
        }
        if (status == 409 || status == 412) {
            return new AdoException(ErrorCode.CONFLICT, "Conflict on " + what + ".", status, null, List.of(), null);
        }
        if (status >= 500) {
            return new AdoException(ErrorCode.SERVER_ERROR, "Azure DevOps failed on " + what + ".", status, null,
                    List.of(), null);
        }
        if (typeKey.contains("ProjectDoesNotExist") || lower.startsWith("tf200016")) {
            return new AdoException(ErrorCode.PROJECT_NOT_FOUND, "Project not found: " + what + ".", status, null, List.of(), null);
        }
        if (typeKey.contains("WorkItemTypeNotFound") || typeKey.contains("WorkItemTypeDoesNotExist") || lower.startsWith("vs402323")) {
            return new AdoException(ErrorCode.TYPE_NOT_FOUND, "Work item type not found: " + what + ".", status, null, List.of(), null);
        }
        if (typeKey.contains("WorkItemDoesNotExist") || typeKey.contains("WorkItemNotFound") || lower.startsWith("tf401232")) {
            return new AdoException(ErrorCode.WORK_ITEM_NOT_FOUND, "Work item not found: " + what + ".", status, null, List.of(), null);
        }
        if (status == 404) {
            return new AdoException(request.notFound(), "Not found: " + what + ".", status, null, List.of(), null);
        }
        if (typeKey.contains("VersionOutOfRange") || lower.contains("rest api version") && lower.contains("out of range")) {
            return new AdoException(ErrorCode.API_VERSION_UNSUPPORTED, "The server does not support the api-version of "
                    + what + ".", status, null, List.of(), null);
        }
        if (typeKey.contains("TestOperation") || lower.startsWith("tf26071")) {
            return new AdoException(ErrorCode.CONFLICT, "Conflict on " + what + ".", status, null, List.of(), null);
        }
        String field = json == null ? null : field(json, adoMessage);
        if (field != null && (field.equals("System.State") || field.equals("System.Reason") || field.equals("State")
                || field.equals("Reason")) || typeKey.contains("Transition")) {
            return new AdoException(ErrorCode.STATE_TRANSITION_REJECTED, "Azure DevOps rejected the state change in "
                    + what + ".", status, field, List.of(), null);
        }
        if (field != null || typeKey.contains("RuleValidation") || lower.startsWith("tf51535")) {
            return new AdoException(ErrorCode.FIELD_REJECTED, "Azure DevOps rejected "
                    + (field == null ? "a field" : "field " + field) + " in " + what + ".", status, field, List.of(), null);
        }
        return new AdoException(ErrorCode.BAD_REQUEST, "Azure DevOps rejected " + what + ".", status, null, List.of(), null);
    }

    /** The field reference name from RuleValidationException's custom properties, else from the message text. */
    private static String field(JsonNode json, String message) {
        JsonNode custom = json.path("customProperties");
        String direct = Json.text(custom, "FieldReferenceName");
        if (direct != null) {
            return direct;
        }
        for (JsonNode error : custom.path("RuleValidationErrors")) {
            String name = Json.text(error, "fieldReferenceName");
            if (name != null) {
                return name;
            }
        }
        if (message != null) {
            for (Pattern pattern : FIELD_IN_MESSAGE) {
                Matcher matcher = pattern.matcher(message);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }

    /**
     * A short non-HTML text answer, such as the text/plain "Access Denied: The Personal Access Token used has
     * expired." Azure DevOps sends for an expired token; it says more than the status alone.
     */
    private static String plainText(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_MESSAGE * 2) {
            return null;
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
        return text.isEmpty() || text.startsWith("<") ? null : text;
    }

    private static JsonNode parseQuietly(byte[] body) {
        try {
            JsonNode node = Json.parse(body);
            return node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String shorten(String text) {
        String single = text.replaceAll("\\s+", " ").trim();
        return single.length() <= MAX_MESSAGE ? single : single.substring(0, MAX_MESSAGE) + "…";
    }
}
