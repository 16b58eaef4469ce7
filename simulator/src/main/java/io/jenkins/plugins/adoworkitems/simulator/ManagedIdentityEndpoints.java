package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The token endpoints a machine on Azure offers its managed identities, on loopback:
 * <ul>
 * <li>IMDS, as on VMs and scale sets: {@code GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…}
 *     with {@code Metadata: true}, user-assigned ones by {@code client_id}, {@code mi_res_id} (or {@code msi_res_id});</li>
 * <li>App Service and Container Apps (IDENTITY_ENDPOINT + IDENTITY_HEADER):
 *     {@code GET /MSI/token?api-version=2019-08-01&resource=…} with {@code X-IDENTITY-HEADER}.</li>
 * </ul>
 * Tokens are the {@link TokenService}'s, so the ADO API accepts them as the managed identity. Refusals have the
 * real endpoints' shapes: IMDS answers 400 {@code {"error","error_description"}}, App Service 400 or 403
 * {@code {"statusCode","message","correlationId"}}.
 */
final class ManagedIdentityEndpoints {
    /** The resource Azure DevOps is known by; MSAL and the Azure SDK send the scope without "/.default". */
    static final String ADO_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";

    private final List<SimulatorConfig.ManagedIdentity> identities;
    private final String identityHeader;
    private final TokenService tokens;

    ManagedIdentityEndpoints(SimulatorConfig config, TokenService tokens) {
        this.identities = config.managedIdentities();
        this.identityHeader = config.identityHeader();
        this.tokens = tokens;
    }

    /** Answers the two token paths, or null for any other path. */
    Response handle(Request req) {
        List<String> s = req.segments();
        if (s.equals(List.of("metadata", "identity", "oauth2", "token"))) {
            return req.method().equals("GET") ? imds(req) : imdsError(405, "invalid_request", "Method not allowed");
        }
        if (s.size() == 2 && s.get(0).equalsIgnoreCase("MSI") && s.get(1).equalsIgnoreCase("token")) {
            return req.method().equals("GET") ? appService(req) : appServiceError(405, "Method not allowed");
        }
        return null;
    }

    private Response imds(Request req) {
        if (!"true".equalsIgnoreCase(req.header("Metadata"))) {
            return imdsError(400, "invalid_request", "Required metadata header not specified");
        }
        if (req.param("api-version") == null) {
            return imdsError(400, "invalid_request", "Required query variable 'api-version' is missing");
        }
        if (!isAzureDevOps(req.param("resource"))) {
            return imdsError(400, "invalid_resource", "AADSTS500011: The resource principal named " + req.param("resource")
                    + " was not found in the tenant. (simulator: only Azure DevOps, " + ADO_RESOURCE + ", is served)");
        }
        Optional<SimulatorConfig.ManagedIdentity> identity = find(req, firstParam(req, "mi_res_id", "msi_res_id"));
        if (identity.isEmpty()) {
            return imdsError(400, "invalid_request", "Identity not found");
        }
        ObjectNode body = issue(identity.get(), req.param("resource"));
        long expiresIn = TokenService.lifetime().toSeconds() - 1;
        body.put("expires_in", String.valueOf(expiresIn));
        body.put("ext_expires_in", String.valueOf(expiresIn));
        body.put("not_before", String.valueOf(Instant.now().getEpochSecond()));
        return Response.ok(body);
    }

    private Response appService(Request req) {
        String header = req.header("X-IDENTITY-HEADER");
        if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), identityHeader.getBytes(StandardCharsets.UTF_8))) {
            return appServiceError(403, "The X-IDENTITY-HEADER is missing or does not match the app's IDENTITY_HEADER.");
        }
        if (!"2019-08-01".equals(req.param("api-version"))) {
            return appServiceError(400, "The api-version '" + req.param("api-version") + "' is not supported; use 2019-08-01.");
        }
        if (!isAzureDevOps(req.param("resource"))) {
            return appServiceError(400, "AADSTS500011: The resource principal named " + req.param("resource")
                    + " was not found in the tenant.");
        }
        Optional<SimulatorConfig.ManagedIdentity> identity = find(req, req.param("mi_res_id"));
        if (identity.isEmpty()) {
            return appServiceError(400, "No User Assigned or Delegated Managed Identity found for specified "
                    + "ClientId/ResourceId/PrincipalId.");
        }
        return Response.ok(issue(identity.get(), req.param("resource")));
    }

    /** By client id, else by resource id, else the system-assigned identity. */
    private Optional<SimulatorConfig.ManagedIdentity> find(Request req, String resourceId) {
        String clientId = req.param("client_id");
        if (clientId != null && !clientId.isEmpty()) {
            return identities.stream().filter(i -> i.clientId().equalsIgnoreCase(clientId)).findFirst();
        }
        if (resourceId != null && !resourceId.isEmpty()) {
            return identities.stream().filter(i -> resourceId.equalsIgnoreCase(i.resourceId())).findFirst();
        }
        return identities.stream().filter(SimulatorConfig.ManagedIdentity::systemAssigned).findFirst();
    }

    private ObjectNode issue(SimulatorConfig.ManagedIdentity identity, String resource) {
        String token = tokens.issue(new IdentityRef("Managed identity " + identity.clientId(), identity.clientId()));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("access_token", token);
        body.put("client_id", identity.clientId());
        body.put("expires_on", String.valueOf(Instant.now().plus(TokenService.lifetime()).getEpochSecond()));
        body.put("resource", resource);
        body.put("token_type", "Bearer");
        return body;
    }

    private static boolean isAzureDevOps(String resource) {
        if (resource == null) {
            return false;
        }
        String r = resource.endsWith("/.default") ? resource.substring(0, resource.length() - 9) : resource;
        r = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
        return r.equalsIgnoreCase(ADO_RESOURCE) || r.equalsIgnoreCase("api://" + ADO_RESOURCE);
    }

    private static String firstParam(Request req, String... names) {
        for (String name : names) {
            if (req.param(name) != null) {
                return req.param(name);
            }
        }
        return null;
    }

    private static Response imdsError(int status, String error, String description) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        return Response.json(status, n);
    }

    private static Response appServiceError(int status, String message) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("statusCode", status);
        n.put("message", message);
        n.put("correlationId", UUID.randomUUID().toString());
        return Response.json(status, n);
    }
}
