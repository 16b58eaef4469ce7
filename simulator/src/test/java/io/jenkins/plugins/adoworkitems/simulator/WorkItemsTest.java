package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkItemsTest {
    private static AdoSimulator sim;
    private static Http http;
    private static String org;

    @BeforeAll
    static void start() throws Exception {
        sim = AdoSimulator.start(SimulatorConfig.defaults());
        http = new Http(sim, "sim-pat");
        org = sim.organizationUrl("demo");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String bug(String title) {
        return "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"" + title + "\"}]";
    }

    private JsonNode createBug(String patch) throws Exception {
        Http.Answer a = http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1", patch);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void createsABugWithComputedFieldsAndDefaults() throws Exception {
        JsonNode item = createBug(bug("SQL injection in login"));
        JsonNode f = item.get("fields");
        assertThat(item.get("rev").asInt()).isEqualTo(1);
        assertThat(f.get("System.Title").asText()).isEqualTo("SQL injection in login");
        assertThat(f.get("System.State").asText()).isEqualTo("New");
        assertThat(f.get("System.Reason").asText()).isEqualTo("New defect reported");
        assertThat(f.get("System.AreaPath").asText()).isEqualTo("Demo");
        assertThat(f.get("System.TeamProject").asText()).isEqualTo("Demo");
        assertThat(f.get("System.WorkItemType").asText()).isEqualTo("Bug");
        assertThat(f.get("Microsoft.VSTS.Common.Severity").asText()).isEqualTo("3 - Medium");
        assertThat(f.get("Microsoft.VSTS.Common.Priority").asInt()).isEqualTo(2);
        assertThat(f.get("System.CreatedBy").get("uniqueName").asText()).isEqualTo("sim.user@example.com");
        assertThat(item.get("url").asText()).isEqualTo(org + "/_apis/wit/workItems/" + item.get("id").asInt());
    }

    @Test
    void updatesWithRevTestTagsHistoryAndStateTransition() throws Exception {
        int id = createBug(bug("XSS")).get("id").asInt();
        Http.Answer a = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1",
                "[{\"op\":\"test\",\"path\":\"/rev\",\"value\":1},"
                        + "{\"op\":\"add\",\"path\":\"/fields/System.Tags\",\"value\":\"security; trivy;;Security ; cve\"},"
                        + "{\"op\":\"add\",\"path\":\"/fields/System.History\",\"value\":\"Seen again\"},"
                        + "{\"op\":\"replace\",\"path\":\"/fields/System.State\",\"value\":\"Closed\"}]");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode f = a.json().get("fields");
        assertThat(a.json().get("rev").asInt()).isEqualTo(2);
        assertThat(f.get("System.Tags").asText()).isEqualTo("security; trivy; cve");
        assertThat(f.get("System.State").asText()).isEqualTo("Closed");
        assertThat(f.get("System.Reason").asText()).isEqualTo("Verified");
        Http.Answer reopened = http.patch(org + "/Demo/_apis/wit/workitems/" + id + "?api-version=7.1",
                "[{\"op\":\"replace\",\"path\":\"/fields/System.State\",\"value\":\"Active\"}]");
        assertThat(reopened.json().get("fields").get("System.Reason").asText()).isEqualTo("Reactivated");
        Http.Answer comments = http.get(org + "/Demo/_apis/wit/workItems/" + id + "/comments?api-version=7.1-preview.4");
        assertThat(comments.json().get("comments").get(0).get("text").asText()).isEqualTo("Seen again");
        Http.Answer revisions = http.get(org + "/Demo/_apis/wit/workItems/" + id + "/revisions?api-version=7.1");
        assertThat(revisions.json().get("count").asInt()).isEqualTo(3);
    }

    @Test
    void staleRevTestFailsWith412() throws Exception {
        int id = createBug(bug("stale")).get("id").asInt();
        Http.Answer a = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1", "[{\"op\":\"test\",\"path\":\"/rev\",\"value\":7}]");
        assertThat(a.status()).isEqualTo(412);
        assertThat(a.json().get("typeKey").asText()).isEqualTo("TestPatchOperationFailedException");
    }

    @Test
    void rulesNameTheField() throws Exception {
        Http.Answer readOnly = http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"t\"},{\"op\":\"add\",\"path\":\"/fields/System.CreatedDate\",\"value\":\"2020-01-01T00:00:00Z\"}]");
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(readOnly.json().get("message").asText()).contains("System.CreatedDate");
        Http.Answer severity = http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"t\"},{\"op\":\"add\",\"path\":\"/fields/Microsoft.VSTS.Common.Severity\",\"value\":\"5 - Whatever\"}]");
        assertThat(severity.status()).isEqualTo(400);
        assertThat(severity.json().get("customProperties").get("FieldReferenceName").asText()).isEqualTo("Microsoft.VSTS.Common.Severity");
        Http.Answer noTitle = http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1", "[]");
        assertThat(noTitle.json().get("message").asText()).startsWith("TF401320: Rule Error for field Title");
        Http.Answer area = http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"t\"},{\"op\":\"add\",\"path\":\"/fields/System.AreaPath\",\"value\":\"Demo\\\\Nowhere\"}]");
        assertThat(area.status()).isEqualTo(400);
        assertThat(area.json().get("message").asText()).startsWith("TF401347").contains("System.AreaPath");
        Http.Answer goodArea = http.create(org + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"t\"},{\"op\":\"add\",\"path\":\"/fields/System.AreaPath\",\"value\":\"demo\\\\security\"}]");
        assertThat(goodArea.json().get("fields").get("System.AreaPath").asText()).isEqualTo("Demo\\Security");
    }

    @Test
    void removedBugMayOnlyReturnToNew() throws Exception {
        int id = createBug(bug("gone")).get("id").asInt();
        http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1", "[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Removed\"}]");
        Http.Answer closed = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1", "[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Closed\"}]");
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.json().get("customProperties").get("FieldReferenceName").asText()).isEqualTo("System.State");
        Http.Answer bypass = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1&bypassRules=true", "[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Closed\"}]");
        assertThat(bypass.status()).isEqualTo(200);
    }

    @Test
    void validateOnlyWritesNothing() throws Exception {
        int id = createBug(bug("original")).get("id").asInt();
        Http.Answer a = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1&validateOnly=true", "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"changed\"}]");
        assertThat(a.status()).isEqualTo(200);
        JsonNode now = http.get(org + "/_apis/wit/workitems/" + id + "?api-version=7.1").json();
        assertThat(now.get("rev").asInt()).isEqualTo(1);
        assertThat(now.get("fields").get("System.Title").asText()).isEqualTo("original");
    }

    @Test
    void relationsAcceptHyperlinksAndOnlyVstfsArtifactLinks() throws Exception {
        int id = createBug(bug("links")).get("id").asInt();
        Http.Answer ok = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/relations/-\",\"value\":{\"rel\":\"Hyperlink\",\"url\":\"https://example.com/scan/1\"}}]");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        Http.Answer bad = http.patch(org + "/_apis/wit/workitems/" + id + "?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/relations/-\",\"value\":{\"rel\":\"ArtifactLink\",\"url\":\"https://example.com\"}}]");
        assertThat(bad.status()).isEqualTo(400);
        JsonNode expanded = http.get(org + "/_apis/wit/workitems/" + id + "?api-version=7.1&$expand=relations").json();
        assertThat(expanded.get("relations").get(0).get("url").asText()).isEqualTo("https://example.com/scan/1");
    }

    @Test
    void batchReadHonoursFieldsLimitAndErrorPolicy() throws Exception {
        int id = createBug(bug("batch")).get("id").asInt();
        Http.Answer a = http.post(org + "/_apis/wit/workitemsbatch?api-version=7.1",
                "{\"ids\":[" + id + ",99999],\"fields\":[\"System.Id\",\"System.Title\"],\"errorPolicy\":\"omit\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("value").get(0).get("fields").get("System.Id").asInt()).isEqualTo(id);
        assertThat(a.json().get("value").get(1).isNull()).isTrue();
        Http.Answer fail = http.post(org + "/_apis/wit/workitemsbatch?api-version=7.1", "{\"ids\":[99999]}");
        assertThat(fail.status()).isEqualTo(404);
        StringBuilder ids = new StringBuilder("1");
        for (int i = 2; i <= 201; i++) {
            ids.append(',').append(i);
        }
        Http.Answer tooMany = http.post(org + "/_apis/wit/workitemsbatch?api-version=7.1", "{\"ids\":[" + ids + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("message").asText()).startsWith("VS403474: You requested 201 work items");
    }
}
