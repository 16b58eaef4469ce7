package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WiqlAndBatchTest {
    private static AdoSimulator sim;
    private static Http http;
    private static String org;

    @BeforeAll
    static void start() throws Exception {
        sim = AdoSimulator.start(SimulatorConfig.defaults());
        http = new Http(sim, "sim-pat");
        org = sim.organizationUrl("demo");
        create("Bug", "O'Brien leak", "security; trivy", "1 - Critical");
        create("Bug", "Weak cipher", "security", "2 - High");
        create("Task", "Unrelated", "", null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static void create(String type, String title, String tags, String severity) throws Exception {
        String patch = "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":" + new ObjectMapper().writeValueAsString(title) + "}"
                + (tags.isEmpty() ? "" : ",{\"op\":\"add\",\"path\":\"/fields/System.Tags\",\"value\":\"" + tags + "\"}")
                + (severity == null ? "" : ",{\"op\":\"add\",\"path\":\"/fields/Microsoft.VSTS.Common.Severity\",\"value\":\"" + severity + "\"}") + "]";
        assertThat(http.create(org + "/Demo/_apis/wit/workitems/$" + type + "?api-version=7.1", patch).status()).isEqualTo(200);
    }

    private Http.Answer wiql(String query, String extra) throws Exception {
        return http.post(org + "/Demo/_apis/wit/wiql?api-version=7.1" + extra, new ObjectMapper().createObjectNode().put("query", query).toString());
    }

    private static java.util.List<Integer> ids(Http.Answer a) {
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        a.json().get("workItems").forEach(w -> ids.add(w.get("id").asInt()));
        return ids;
    }

    @Test
    void filtersWithOperatorsMacrosAndOrdering() throws Exception {
        Http.Answer a = wiql("SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.WorkItemType] IN ('Bug', 'Issue') "
                + "AND ([System.Tags] CONTAINS 'trivy' OR [Microsoft.VSTS.Common.Severity] = '2 - High') ORDER BY [System.Id] DESC", "");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(ids(a)).containsExactly(2, 1);
        assertThat(a.json().get("queryType").asText()).isEqualTo("flat");
        assertThat(a.json().get("columns").get(0).get("referenceName").asText()).isEqualTo("System.Id");
        assertThat(ids(wiql("SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'O''Brien leak'", ""))).containsExactly(1);
        assertThat(ids(wiql("SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] <> 'Bug'", ""))).containsExactly(3);
        assertThat(ids(wiql("SELECT [System.Id] FROM WorkItems ORDER BY [System.Id] DESC", "&$top=1"))).containsExactly(3);
    }

    @Test
    void reportsSyntaxErrorsUnknownFieldsAndOverlongText() throws Exception {
        Http.Answer syntax = wiql("SELECT [System.Id] FROM WorkItems WHERE [System.Title] 'x'", "");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.json().get("message").asText()).startsWith("TF51006").contains("Expecting comparison operator");
        assertThat(wiql("SELECT [Foo.Bar] FROM WorkItems", "").json().get("message").asText()).startsWith("TF51005");
        Http.Answer tooLong = wiql("SELECT [System.Id] FROM WorkItems WHERE [System.Title] = '" + "x".repeat(33_000) + "'", "");
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void batchUpdateRunsEachSubRequest() throws Exception {
        String body = "[{\"method\":\"PATCH\",\"uri\":\"/Demo/_apis/wit/workitems/$Task?api-version=7.1\",\"headers\":{\"Content-Type\":\"application/json-patch+json\"},"
                + "\"body\":[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"from batch\"}]},"
                + "{\"method\":\"PATCH\",\"uri\":\"/_apis/wit/workitems/99999?api-version=7.1\",\"headers\":{\"Content-Type\":\"application/json-patch+json\"},"
                + "\"body\":[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"x\"}]}]";
        Http.Answer a = http.send("PATCH", org + "/_apis/wit/$batch?api-version=7.1", "application/json", body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode v = a.json().get("value");
        assertThat(a.json().get("count").asInt()).isEqualTo(2);
        assertThat(v.get(1).get("code").asInt()).isEqualTo(404);
        assertThat(v.get(0).get("code").asInt()).as(v.get(0).get("body").asText()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(v.get(0).get("body").asText()).get("fields").get("System.Title").asText()).isEqualTo("from batch");
    }

    @Test
    void moreThanTwentyThousandResultsIsAdosError() throws Exception {
        try (AdoSimulator big = AdoSimulator.start(SimulatorConfig.defaults())) {
            Http client = new Http(big, "sim-pat");
            StringBuilder batch = new StringBuilder();
            for (int round = 0; round < 101; round++) {
                batch.setLength(0);
                batch.append('[');
                for (int i = 0; i < 200; i++) {
                    batch.append(i == 0 ? "" : ",").append("{\"method\":\"PATCH\",\"uri\":\"/Demo/_apis/wit/workitems/$Task?api-version=7.1\",")
                            .append("\"headers\":{\"Content-Type\":\"application/json-patch+json\"},\"body\":[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"t\"}]}");
                }
                batch.append(']');
                assertThat(client.send("PATCH", big.organizationUrl("demo") + "/_apis/wit/$batch?api-version=7.1", "application/json", batch.toString()).status()).isEqualTo(200);
            }
            Http.Answer a = client.post(big.organizationUrl("demo") + "/Demo/_apis/wit/wiql?api-version=7.1", "{\"query\":\"SELECT [System.Id] FROM WorkItems\"}");
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().get("message").asText()).startsWith("VS402337");
        }
    }
}
