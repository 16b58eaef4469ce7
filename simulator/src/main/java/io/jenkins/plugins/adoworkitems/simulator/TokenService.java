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
 * credentials with a secret, a certificate-signed JWT assertion or a federated ID token of {@link OidcIssuer}) plus
 * the discovery documents MSAL reads.
 * Issued tokens are opaque random strings valid for an hour.
 */
final class TokenService {
    static final String ADO_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private record Issued(IdentityRef identity, Instant expires) {
    }

    private final List<SimulatorConfig.ServicePrincipal> principals;
    private final List<SimulatorConfig.FederatedCredential> federated;
    private final OidcIssuer oidc;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final java.util.function.Supplier<String> baseUrl;

    TokenService(SimulatorConfig config, OidcIssuer oidc, java.util.function.Supplier<String> baseUrl) {
        this.principals = config.servicePrincipals();
        this.federated = config.federatedCredentials();
        this.oidc = oidc;
        this.baseUrl = baseUrl;
    }

    /** A new opaque token that the ADO API takes as {@code identity} for an hour. */
    String issue(IdentityRef identity) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, new Issued(identity, Instant.now().plus(LIFETIME)));
        return token;
    }

    static Duration lifetime() {
        return LIFETIME;
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
        if (principals.stream().noneMatch(p -> p.tenant().equalsIgnoreCase(tenant))
                && federated.stream().noneMatch(f -> f.tenant().equalsIgnoreCase(tenant))) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.", 90002);
        }
        String assertion = form.get("client_assertion");
        if (clientId.isEmpty() && assertion != null) {
            clientId = claims(assertion).path("sub").asText("");
        }
        final String id = clientId;
        SimulatorConfig.ServicePrincipal sp = principals.stream()
                .filter(p -> p.tenant().equalsIgnoreCase(tenant) && p.clientId().equals(id)).findFirst().orElse(null);
        List<SimulatorConfig.FederatedCredential> trusts = federated.stream()
                .filter(f -> f.tenant().equalsIgnoreCase(tenant) && f.clientId().equals(id)).toList();
        if (sp == null && trusts.isEmpty()) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + id + "' was not found in the directory '" + tenant + "'.", 700016);
        }
        if (!List.of(String.valueOf(form.get("scope")).split(" ")).contains(ADO_SCOPE)) { // space-separated; MSAL adds openid profile offline_access
            return oauthError(400, "invalid_scope", "AADSTS70011: The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid: expected "
                    + ADO_SCOPE + ".", 70011);
        }
        String problem;
        if (form.containsKey("client_secret")) {
            problem = sp != null && sp.clientSecret() != null && MessageDigest.isEqual(sp.clientSecret().getBytes(StandardCharsets.UTF_8), form.get("client_secret").getBytes(StandardCharsets.UTF_8))
                    ? null : "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.";
        } else if (assertion != null && JWT_BEARER.equals(form.get("client_assertion_type"))) {
            // A certificate's assertion is issued by the application itself; anything else is a federated one.
            if (!id.equals(claims(assertion).path("iss").asText())) {
                Response refusal = federated(assertion, trusts);
                if (refusal != null) {
                    return refusal;
                }
                problem = null;
            } else {
                problem = sp == null || sp.certificate() == null ? "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application."
                        : verifyAssertion(assertion, sp, tenant);
            }
        } else {
            problem = "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
        }
        if (problem != null) {
            return oauthError(401, "invalid_client", problem, Integer.parseInt(problem.substring(6, problem.indexOf(':'))));
        }
        String token = issue(new IdentityRef("Service principal " + id, id));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", LIFETIME.toSeconds() - 1);
        body.put("access_token", token);
        return Response.ok(body);
    }

    /**
     * Workload identity federation: the assertion is an ID token of an external issuer, accepted when its issuer,
     * subject and audience match one of the app's federated credentials, its signature verifies against the
     * issuer's keys and it is within its validity. Null when accepted; otherwise Entra ID's refusal.
     */
    private Response federated(String jwt, List<SimulatorConfig.FederatedCredential> trusts) {
        String[] parts = jwt.split("\\.", -1);
        JsonNode header = parts.length == 3 ? decodePart(parts[0]) : null;
        JsonNode claims = parts.length == 3 ? decodePart(parts[1]) : null;
        if (header == null || claims == null) {
            return oauthError(400, "invalid_client", "AADSTS50027: JWT token is invalid or malformed.", 50027);
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return oauthError(400, "invalid_client", "AADSTS50027: JWT token is invalid or malformed: unsigned or unsupported algorithm '"
                    + header.path("alg").asText() + "'.", 50027);
        }
        String issuer = claims.path("iss").asText();
        String subject = claims.path("sub").asText();
        List<String> audiences = new java.util.ArrayList<>();
        if (claims.path("aud").isArray()) {
            claims.path("aud").forEach(a -> audiences.add(a.asText()));
        } else {
            audiences.add(claims.path("aud").asText());
        }
        SimulatorConfig.FederatedCredential match = trusts.stream()
                .filter(f -> issuerOf(f).equals(issuer) && f.subject().equals(subject) && audiences.contains(f.audience()))
                .findFirst().orElse(null);
        if (match == null) {
            return oauthError(400, "invalid_request", "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '"
                    + issuer + "'. Assertion Subject: '" + subject + "'. Assertion Audience: '" + String.join(",", audiences) + "'.", 70021);
        }
        if (!issuer.equals(oidc.issuer())) {
            // Entra ID would fetch the issuer's keys from its discovery document; the simulator only knows its own.
            return oauthError(400, "invalid_client", "AADSTS50166: Request to External OIDC endpoint failed: the simulator knows the keys of "
                    + oidc.issuer() + " only.", 50166);
        }
        String badSignature = oidc.verify(parts, header);
        if (badSignature != null) {
            return oauthError(400, "invalid_client", badSignature, 50027);
        }
        long now = Instant.now().getEpochSecond();
        long skew = 60;
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + skew < now
                || claims.path("nbf").canConvertToLong() && claims.path("nbf").asLong() - skew > now) {
            return oauthError(400, "invalid_client", "AADSTS700024: Client assertion is not within its valid time range. Current time: "
                    + Instant.ofEpochSecond(now) + ", assertion valid from " + Instant.ofEpochSecond(claims.path("nbf").asLong(0))
                    + ", expiry time of assertion " + Instant.ofEpochSecond(claims.path("exp").asLong(0)) + ".", 700024);
        }
        return null;
    }

    private String issuerOf(SimulatorConfig.FederatedCredential credential) {
        return credential.issuer() == null ? oidc.issuer() : credential.issuer();
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
            if (alg.equals("RS256")) {
                signature = Signature.getInstance("SHA256withRSA");
            } else if (alg.equals("PS256")) {
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                return "AADSTS5002730: Invalid JWT token. Unsupported key for the signing algorithm '" + alg + "'.";
            }
            // Entra takes either thumbprint with either alg; MSAL4J 1.23 sends RS256 with x5t#S256 in standard Base64.
            boolean s256 = header.hasNonNull("x5t#S256");
            String thumbprint = header.path(s256 ? "x5t#S256" : "x5t").asText(null);
            if (thumbprint == null || !thumbprint.replace('+', '-').replace('/', '_').replace("=", "").equals(thumb(cert, s256 ? "SHA-256" : "SHA-1"))) {
                return "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application (" + (s256 ? "x5t#S256" : "x5t") + " does not match).";
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
        String[] parts = jwt.split("\\.", -1);
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
