package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error answered in ADO's shape: {@code {"$id":"1","innerException":null,"message":…,"typeName":…,"typeKey":…,
 * "errorCode":0,"eventId":3200}}, optionally with {@code customProperties} naming the offending field.
 */
final class AdoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String WIT_SERVER = "Microsoft.TeamFoundation.WorkItemTracking.Server";
    private static final String WEB_API = "Microsoft.VisualStudio.Services.WebApi";

    private final int status;
    private final String typeName;
    private final String typeKey;
    private final int errorCode;
    private final int eventId;
    private final transient Map<String, Object> customProperties;

    AdoException(int status, String message, String typeName, String typeKey, int errorCode, int eventId, Map<String, Object> customProperties) {
        super(message);
        this.status = status;
        this.typeName = typeName;
        this.typeKey = typeKey;
        this.errorCode = errorCode;
        this.eventId = eventId;
        this.customProperties = customProperties;
    }

    static AdoException of(int status, String message, String namespaceAndAssembly, String typeKey) {
        String[] parts = namespaceAndAssembly.split(",", 2);
        String typeName = parts[0] + "." + typeKey + ", " + (parts.length > 1 ? parts[1].trim() : parts[0]);
        return new AdoException(status, message, typeName, typeKey, 0, 3200, null);
    }

    static AdoException witServer(int status, String message, String typeKey) {
        return of(status, message, WIT_SERVER + "," + WIT_SERVER, typeKey);
    }

    static AdoException webApi(int status, String message, String typeKey) {
        AdoException e = of(status, message, WEB_API + "," + WEB_API, typeKey);
        return new AdoException(status, message, e.typeName, typeKey, 0, 3000, null);
    }

    /** TF401320-style rule errors carry the field in customProperties, as ADO does. */
    static AdoException rule(String message, String fieldReference, String flags) {
        return new AdoException(400, message, WIT_SERVER + ".RuleValidationException, " + WIT_SERVER, "RuleValidationException",
                600171, 3200, Map.of("FieldReferenceName", fieldReference, "FieldStatusFlags", flags, "ErrorMessage", message));
    }

    static AdoException badRequest(String message) {
        return webApi(400, message, "VssPropertyValidationException");
    }

    int status() {
        return status;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("$id", "1");
        if (customProperties != null) {
            n.set("customProperties", Json.MAPPER.valueToTree(customProperties));
        }
        n.putNull("innerException");
        n.put("message", getMessage());
        n.put("typeName", typeName);
        n.put("typeKey", typeKey);
        n.put("errorCode", errorCode);
        n.put("eventId", eventId);
        return n;
    }
}
