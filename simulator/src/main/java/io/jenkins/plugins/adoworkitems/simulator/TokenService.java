package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Entra-like token endpoint for service principals ({@code POST /{tenant}/oauth2/v2.0/token}, client
 * credentials with a secret or a certificate-signed JWT assertion) plus the discovery documents MSAL reads.
 * Issued tokens are opaque random strings valid for an hour.
 */
final class TokenService {
    static final String ADO_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private record Issued(IdentityRef identity, Instant expires) {
    }

    private final List<SimulatorConfig.ServicePrincipal> principals;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final java.util.function.Supplier<String> baseUrl;

    TokenService(List<SimulatorConfig.ServicePrincipal> principals, java.util.function.Supplier<String> baseUrl) {
        this.principals = principals;
        this.baseUrl = baseUrl;
    }

    IdentityRef identityFor(String token) {
        Issued i = issued.get(token);
        return i == null || i.expires().isBefore(Instant.now()) ? null : i.identity();
    }

    /** Answers requests under /{tenant}/…, or returns null when the path is not an identity-platform path. */
    Response handle(Request req) {
        List<String> s = req.segments();
        if (s.size() == 4 && s.get(1).equals("oauth2") && s.get(2).equals("v2.0") && s.get(3).equals("token")) {
            return req.method().equals("POST") ? token(req, s.get(0)) : oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.", 900561);
        }
        if (s.size() == 4 && s.get(1).equals("v2.0") && s.get(2).equals(".well-known") && s.get(3).equals("openid-configuration")) {
            return Response.ok(openIdConfiguration(s.get(0)));
        }
        if (s.size() == 3 && s.get(1).equals("discovery") && s.get(2).equals("instance")) {
            return Response.ok(instanceDiscovery(s.get(0)));
        }
        return null;
    }

    private Response token(Request req, String tenant) {
        Map<String, String> form = form(new String(req.body(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type '" + form.get("grant_type") + "'.", 70003);
        }
        String clientId = form.getOrDefault("client_id", "");
        if (principals.stream().noneMatch(p -> p.tenant().equalsIgnoreCase(tenant))) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.", 90002);
        }
        String assertion = form.get("client_assertion");
        if (clientId.isEmpty() && assertion != null) {
            clientId = claims(assertion).path("sub").asText("");
        }
        final String id = clientId;
        SimulatorConfig.ServicePrincipal sp = principals.stream()
                .filter(p -> p.tenant().equalsIgnoreCase(tenant) && p.clientId().equals(id)).findFirst().orElse(null);
        if (sp == null) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + id + "' was not found in the directory '" + tenant + "'.", 700016);
        }
        if (!ADO_SCOPE.equals(form.get("scope"))) {
            return oauthError(400, "invalid_scope", "AADSTS70011: The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid: expected "
                    + ADO_SCOPE + ".", 70011);
        }
        String problem;
        if (form.containsKey("client_secret")) {
            problem = sp.clientSecret() != null && MessageDigest.isEqual(sp.clientSecret().getBytes(StandardCharsets.UTF_8), form.get("client_secret").getBytes(StandardCharsets.UTF_8))
                    ? null : "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.";
        } else if (assertion != null && JWT_BEARER.equals(form.get("client_assertion_type"))) {
            problem = sp.certificate() == null ? "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application."
                    : verifyAssertion(assertion, sp, tenant);
        } else {
            problem = "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
        }
        if (problem != null) {
            return oauthError(401, "invalid_client", problem, Integer.parseInt(problem.substring(6, problem.indexOf(':'))));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, new Issued(new IdentityRef("Service principal " + sp.clientId(), sp.clientId()), Instant.now().plus(LIFETIME)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", LIFETIME.toSeconds() - 1);
        body.put("access_token", token);
        return Response.ok(body);
    }

    /** Null when the JWT is good; otherwise the AADSTS reason. */
    private String verifyAssertion(String jwt, SimulatorConfig.ServicePrincipal sp, String tenant) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }
        JsonNode header = decodePart(parts[0]);
        JsonNode claims = decodePart(parts[1]);
        if (header == null || claims == null) {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }
        try {
            X509Certificate cert = sp.certificate();
            String alg = header.path("alg").asText();
            Signature signature;
            String thumbprint;
            if (alg.equals("RS256")) {
                signature = Signature.getInstance("SHA256withRSA");
                thumbprint = header.path("x5t").asText(null);
                if (thumbprint == null || !thumbprint.equals(thumb(cert, "SHA-1"))) {
                    return "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application (x5t does not match).";
                }
            } else if (alg.equals("PS256")) {
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                thumbprint = header.path("x5t#S256").asText(null);
                if (thumbprint == null || !thumbprint.equals(thumb(cert, "SHA-256"))) {
                    return "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application (x5t#S256 does not match).";
                }
            } else {
                return "AADSTS5002730: Invalid JWT token. Unsupported key for the signing algorithm '" + alg + "'.";
            }
            signature.initVerify(cert.getPublicKey());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "AADSTS700027: Client assertion failed signature validation.";
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "AADSTS700027: Client assertion failed signature validation.";
        }
        String tokenEndpoint = baseUrl.get() + "/" + tenant + "/oauth2/v2.0/token";
        if (!tokenEndpoint.equals(claims.path("aud").asText())) {
            return "AADSTS700021: Client assertion audience claim does not match Realm issuer (expected " + tokenEndpoint + ").";
        }
        if (!sp.clientId().equals(claims.path("iss").asText()) || !sp.clientId().equals(claims.path("sub").asText())) {
            return "AADSTS700023: Client assertion issuer and subject must both be the client id.";
        }
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
            return "AADSTS700024: Client assertion is not within its valid time range.";
        }
        return null;
    }

    private static String thumb(X509Certificate cert, String digest) throws GeneralSecurityException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(digest).digest(cert.getEncoded()));
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        JsonNode n = parts.length == 3 ? decodePart(parts[1]) : null;
        return n == null ? Json.MAPPER.createObjectNode() : n;
    }

    private static JsonNode decodePart(String part) {
        try {
            JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    private ObjectNode openIdConfiguration(String tenant) {
        String issuer = baseUrl.get() + "/" + tenant + "/v2.0";
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("token_endpoint", baseUrl.get() + "/" + tenant + "/oauth2/v2.0/token");
        n.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        n.put("jwks_uri", baseUrl.get() + "/" + tenant + "/discovery/v2.0/keys");
        n.putArray("response_types_supported").add("code").add("token");
        n.putArray("subject_types_supported").add("pairwise");
        n.putArray("id_token_signing_alg_values_supported").add("RS256");
        n.put("issuer", issuer);
        n.put("authorization_endpoint", baseUrl.get() + "/" + tenant + "/oauth2/v2.0/authorize");
        n.put("tenant_region_scope", "EU");
        return n;
    }

    private ObjectNode instanceDiscovery(String tenant) {
        String host = java.net.URI.create(baseUrl.get()).getAuthority();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_discovery_endpoint", baseUrl.get() + "/" + tenant + "/v2.0/.well-known/openid-configuration");
        n.put("api-version", "1.1");
        ObjectNode meta = n.putArray("metadata").addObject();
        meta.put("preferred_network", host);
        meta.put("preferred_cache", host);
        meta.putArray("aliases").add(host);
        return n;
    }

    private static Response oauthError(int status, String error, String description, int code) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("error", error);
        n.put("error_description", description);
        n.putArray("error_codes").add(code);
        n.put("timestamp", Instant.now().toString());
        n.put("trace_id", java.util.UUID.randomUUID().toString());
        n.put("correlation_id", java.util.UUID.randomUUID().toString());
        return Response.json(status, n);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }
}
