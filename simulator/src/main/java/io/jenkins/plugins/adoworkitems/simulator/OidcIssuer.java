package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The OpenID Connect issuer a CI system would be (AKS's service account issuer, GitHub Actions, a Jenkins OIDC
 * provider): a discovery document at {@code /oidc/.well-known/openid-configuration}, its signing key as a JWKS at
 * {@code /oidc/keys}, and ID tokens minted for tests. The simulator's Entra-like token endpoint verifies federated
 * client assertions against this key. Keys are made per simulator (RSA 2048, RS256) with the JDK alone.
 */
public final class OidcIssuer {
    static final String PATH = "oidc";

    private final Supplier<String> baseUrl;
    private final KeyPair key;
    private final KeyPair otherKey;
    private final String keyId = UUID.randomUUID().toString();

    OidcIssuer(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
        this.key = generate();
        this.otherKey = generate();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot make an RSA key", e);
        }
    }

    /** The {@code iss} of every token minted here: {@code baseUri/oidc}. */
    public String issuer() {
        return baseUrl.get() + "/" + PATH;
    }

    /** A signed ID token valid from a minute ago for {@code lifetime}. */
    public String mint(String subject, String audience, Duration lifetime) {
        Instant now = Instant.now();
        return mint(subject, audience, now.minusSeconds(60), now.plus(lifetime));
    }

    /** A signed ID token with the given validity; a past {@code expires} makes an expired one. */
    public String mint(String subject, String audience, Instant notBefore, Instant expires) {
        return sign(header("RS256"), claims(subject, audience, notBefore, expires), key.getPrivate());
    }

    /** The same token signed by a key this issuer never published: its signature does not verify. */
    public String mintWithUnpublishedKey(String subject, String audience) {
        Instant now = Instant.now();
        return sign(header("RS256"), claims(subject, audience, now.minusSeconds(60), now.plusSeconds(600)), otherKey.getPrivate());
    }

    /** An unsecured JWT ({@code alg: none}, empty signature), which no verifier may accept. */
    public String mintUnsigned(String subject, String audience) {
        Instant now = Instant.now();
        ObjectNode header = Json.MAPPER.createObjectNode().put("alg", "none").put("typ", "JWT");
        return encode(header) + "." + encode(claims(subject, audience, now.minusSeconds(60), now.plusSeconds(600))) + ".";
    }

    /** Answers {@code /oidc/…}, or null for any other path. */
    Response handle(Request req) {
        List<String> s = req.segments();
        if (s.isEmpty() || !s.get(0).equals(PATH) || !req.method().equals("GET")) {
            return null;
        }
        if (s.size() == 3 && s.get(1).equals(".well-known") && s.get(2).equals("openid-configuration")) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("issuer", issuer());
            n.put("jwks_uri", issuer() + "/keys");
            n.putArray("response_types_supported").add("id_token");
            n.putArray("subject_types_supported").add("public");
            n.putArray("id_token_signing_alg_values_supported").add("RS256");
            return Response.ok(n);
        }
        if (s.size() == 2 && s.get(1).equals("keys")) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
            n.putArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", keyId)
                    .put("n", unsigned(rsa.getModulus())).put("e", unsigned(rsa.getPublicExponent()));
            return Response.ok(n);
        }
        return null;
    }

    /**
     * Null when the token carries a valid RS256 signature of this issuer's key; otherwise why not, as Entra ID's
     * AADSTS text. Claims are checked by the caller.
     */
    String verify(String[] parts, JsonNode header) {
        if (!"RS256".equals(header.path("alg").asText())) {
            return "AADSTS50027: JWT token is invalid or malformed: unsigned or unsupported algorithm '"
                    + header.path("alg").asText() + "'.";
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2])) ? null
                    : "AADSTS50027: JWT token is invalid or malformed: the signature does not verify against the issuer's keys.";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "AADSTS50027: JWT token is invalid or malformed: the signature does not verify against the issuer's keys.";
        }
    }

    private ObjectNode header(String alg) {
        return Json.MAPPER.createObjectNode().put("alg", alg).put("typ", "JWT").put("kid", keyId);
    }

    private ObjectNode claims(String subject, String audience, Instant notBefore, Instant expires) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("iss", issuer());
        n.put("sub", subject);
        n.put("aud", audience);
        n.put("iat", Math.min(Instant.now().getEpochSecond(), notBefore.getEpochSecond()));
        n.put("nbf", notBefore.getEpochSecond());
        n.put("exp", expires.getEpochSecond());
        n.put("jti", UUID.randomUUID().toString());
        return n;
    }

    private static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot sign with RS256", e);
        }
    }

    private static String encode(JsonNode node) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(node));
    }

    /** JWK numbers are big-endian without the sign byte BigInteger adds. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "OidcIssuer[" + issuer() + "]";
    }
}
