package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private AdoSimulator sim;
    private Http http;
    private String org;

    @BeforeEach
    void start() throws Exception {
        sim = AdoSimulator.start(SimulatorConfig.defaults());
        http = new Http(sim, "sim-pat");
        org = sim.organizationUrl("demo");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void failNextAnswersTheStatusThenRecovers() throws Exception {
        sim.faults().failNext(2, 503);
        assertThat(http.get(org + "/_apis/projects?api-version=7.1").status()).isEqualTo(503);
        assertThat(http.get(org + "/_apis/projects?api-version=7.1").status()).isEqualTo(503);
        assertThat(http.get(org + "/_apis/projects?api-version=7.1").status()).isEqualTo(200);
    }

    @Test
    void echoAuthorizationQuotesTheRequestsHeaderThenRecovers() throws Exception {
        sim.faults().echoAuthorizationNext(1);

        Http.Answer echoed = http.get(org + "/_apis/projects?api-version=7.1");

        assertThat(echoed.status()).isEqualTo(400);
        assertThat(echoed.json().path("message").asText()).contains("Authorization=Basic "
                + java.util.Base64.getEncoder().encodeToString(":sim-pat".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(http.get(org + "/_apis/projects?api-version=7.1").status()).isEqualTo(200);
    }

    @Test
    void rateLimitAnswers429WithAdoHeaders() throws Exception {
        sim.faults().rateLimit(5, Duration.ofMinutes(1));
        Http.Answer last = null;
        for (int i = 0; i < 5; i++) {
            last = http.get(org + "/_apis/projects?api-version=7.1");
        }
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.raw().headers().firstValue("Retry-After")).isPresent();
        Http.Answer blocked = http.get(org + "/_apis/projects?api-version=7.1");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.json().get("message").asText()).startsWith("TF400733");
        assertThat(blocked.raw().headers().firstValue("X-RateLimit-Resource")).contains("Core");
        assertThat(blocked.raw().headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(blocked.raw().headers().firstValue("X-RateLimit-Limit")).contains("5");
        sim.faults().rateLimitOff();
        assertThat(http.get(org + "/_apis/projects?api-version=7.1").status()).isEqualTo(200);
    }

    @Test
    void resetDropsTheConnection() throws Exception {
        sim.faults().resetNextConnection();
        // A POST, because java.net.http silently retries a GET once when the connection closes without an answer.
        assertThatThrownBy(() -> http.post(org + "/Demo/_apis/wit/wiql?api-version=7.1", "{\"query\":\"SELECT [System.Id] FROM WorkItems\"}"))
                .isInstanceOf(IOException.class);
        assertThat(sim.requestLog().entries().get(0).status()).isEqualTo(-1);
        assertThat(http.get(org + "/_apis/projects?api-version=7.1").status()).isEqualTo(200);
    }

    @Test
    void lostWriteIsAppliedButNotAnswered() throws Exception {
        sim.faults().loseResponseOfNextWrite();
        assertThatThrownBy(() -> http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1", WorkItemsTest.bug("lost")))
                .isInstanceOf(IOException.class);
        Http.Answer found = http.get(org + "/_apis/wit/workitems/1?api-version=7.1");
        assertThat(found.json().get("fields").get("System.Title").asText()).isEqualTo("lost");
        assertThat(sim.requestLog().entries()).anySatisfy(e -> {
            assertThat(e.isWrite()).isTrue();
            assertThat(e.status()).isEqualTo(-1);
        });
    }

    @Test
    void slowBodyAndLatencyStillDeliverTheAnswer() throws Exception {
        sim.faults().slowBody(Duration.ofMillis(200)).latency(Duration.ofMillis(50));
        Http.Answer a = http.get(org + "/_apis/projects?api-version=7.1");
        assertThat(a.json().get("value").get(0).get("name").asText()).isEqualTo("Demo");
    }

    @Test
    void adminEndpointReportsAndResets() throws Exception {
        http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1", WorkItemsTest.bug("counted"));
        http.get(org + "/_apis/wit/workitems/1?api-version=7.1");
        Http anonymous = new Http(sim, null);
        Http.Answer counters = anonymous.get(sim.baseUri() + "/_simulator/counters");
        assertThat(counters.json().get("writes").asInt()).isEqualTo(1);
        assertThat(counters.json().get("byMethodAndPath").get("GET /demo/_apis/wit/workitems/1").asInt()).isEqualTo(1);
        Http.Answer requests = anonymous.get(sim.baseUri() + "/_simulator/requests");
        assertThat(requests.json().get("count").asInt()).isEqualTo(2);
        assertThat(requests.body()).doesNotContain("sim-pat").doesNotContain("Authorization");
        assertThat(anonymous.send("POST", sim.baseUri() + "/_simulator/reset", null, null).status()).isEqualTo(204);
        assertThat(sim.requestLog().count()).isZero();
    }
}
