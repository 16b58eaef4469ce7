package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managed identity endpoints' and the OIDC issuer's wire shapes, from a seed file, with a plain HTTP client. */
class IdentityEndpointsTest {
    private static final String RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void imdsAndAppServiceAnswerLikeTheRealOnes(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"organizations\":[{\"name\":\"acme\",\"projects\":[{\"name\":\"Web\"}]}],"
                + "\"managedIdentities\":[{\"clientId\":\"sys\",\"systemAssigned\":true},{\"clientId\":\"ua\",\"resourceId\":\"/subscriptions/s/ua\"}],"
                + "\"identityHeader\":\"hdr\"}");
        try (AdoSimulator sim = AdoSimulator.start(SimulatorConfig.fromSeedFile(seed))) {
            String imds = sim.imdsEndpoint() + "?api-version=2018-02-01&resource=" + RESOURCE;
            HttpResponse<String> noHeader = get(imds, null, null);
            assertThat(noHeader.statusCode()).isEqualTo(400);
            assertThat(json(noHeader).path("error_description").asText()).isEqualTo("Required metadata header not specified");

            HttpResponse<String> system = get(imds, "Metadata", "true");
            assertThat(system.statusCode()).isEqualTo(200);
            assertThat(json(system).path("client_id").asText()).isEqualTo("sys");
            assertThat(json(system).path("token_type").asText()).isEqualTo("Bearer");
            assertThat(json(system).path("expires_on").asText()).matches("\\d+");

            HttpResponse<String> byResource = get(imds + "&mi_res_id=" + URLEncoder.encode("/subscriptions/s/ua", StandardCharsets.UTF_8), "Metadata", "true");
            assertThat(json(byResource).path("client_id").asText()).isEqualTo("ua");

            HttpResponse<String> unknown = get(imds + "&client_id=nobody", "Metadata", "true");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(json(unknown).path("error_description").asText()).isEqualTo("Identity not found");

            HttpResponse<String> otherResource = get(sim.imdsEndpoint() + "?api-version=2018-02-01&resource=https://vault.azure.net", "Metadata", "true");
            assertThat(json(otherResource).path("error").asText()).isEqualTo("invalid_resource");

            String appService = sim.appServiceIdentityEndpoint() + "?api-version=2019-08-01&resource=" + RESOURCE;
            assertThat(get(appService, "X-IDENTITY-HEADER", "wrong").statusCode()).isEqualTo(403);
            HttpResponse<String> app = get(appService + "&client_id=ua", "X-IDENTITY-HEADER", "hdr");
            assertThat(app.statusCode()).isEqualTo(200);
            String token = json(app).path("access_token").asText();
            assertThat(get(sim.organizationUrl("acme") + "/_apis/projects/Web?api-version=7.1", "Authorization", "Bearer " + token)
                    .statusCode()).as("the ADO API takes the token").isEqualTo(200);
        }
    }

    @Test
    void oidcIssuerPublishesItsKeyAndMintsTokensOverHttp(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"organizations\":[{\"name\":\"acme\"}],"
                + "\"federatedCredentials\":[{\"tenant\":\"t\",\"clientId\":\"c\",\"subject\":\"repo:acme/web:ref:refs/heads/main\"}]}");
        try (AdoSimulator sim = AdoSimulator.start(SimulatorConfig.fromSeedFile(seed))) {
            assertThat(sim.oidcIssuer().issuer()).isEqualTo(sim.baseUri() + "/oidc");
            JsonNode discovery = json(get(sim.oidcIssuer().issuer() + "/.well-known/openid-configuration", null, null));
            assertThat(discovery.path("jwks_uri").asText()).isEqualTo(sim.baseUri() + "/oidc/keys");
            assertThat(json(get(sim.baseUri() + "/oidc/keys", null, null)).path("keys").get(0).path("n").asText()).isNotEmpty();

            HttpResponse<String> minted = http.send(HttpRequest.newBuilder(URI.create(sim.baseUri()
                    + "/_simulator/oidc-token?sub=repo:acme/web:ref:refs/heads/main")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(minted.statusCode()).isEqualTo(200);
            String[] parts = minted.body().split("\\.");
            assertThat(parts).hasSize(3);
            JsonNode claims = Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            assertThat(claims.path("iss").asText()).isEqualTo(sim.oidcIssuer().issuer());
            assertThat(claims.path("aud").asText()).isEqualTo("api://AzureADTokenExchange");
            assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
        }
    }
}
