package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthAndVersionsTest {
    private static AdoSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = AdoSimulator.start(SimulatorConfig.builder()
                .organization("demo").project("demo", "Demo", Process.SCRUM)
                .collection("DefaultCollection", ServerVersion.V2019).project("DefaultCollection", "Onprem", Process.CMMI)
                .collection("C2020", ServerVersion.V2020).project("C2020", "P", Process.BASIC)
                .pat("good", PatState.VALID).pat("old", PatState.EXPIRED).pat("code-only", PatState.NO_WORK_ITEM_SCOPE).pat("reader", PatState.READ_ONLY_SCOPE)
                .build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private String projects() {
        return sim.organizationUrl("demo") + "/_apis/projects?api-version=7.1";
    }

    @Test
    void unknownPatGetsTheSignInPageOrA401() throws Exception {
        Http.Answer page = new Http(sim, "wrong").get(projects());
        assertThat(page.status()).isEqualTo(203);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(new Http(sim, null).get(projects()).status()).isEqualTo(203);
        assertThat(new Http(sim, "wrong").get(projects(), "X-TFS-FedAuthRedirect", "Suppress").status()).isEqualTo(401);
        Http.Answer patch = new Http(sim, "wrong").patch(sim.organizationUrl("demo") + "/_apis/wit/workitems/1?api-version=7.1", "[]");
        assertThat(patch.status()).isEqualTo(401);
        assertThat(patch.json().get("message").asText()).startsWith("TF400813");
    }

    @Test
    void expiredAndUnscopedPatsAre401() throws Exception {
        assertThat(new Http(sim, "old").get(projects()).status()).isEqualTo(401);
        Http.Answer noScope = new Http(sim, "code-only").get(projects());
        assertThat(noScope.status()).isEqualTo(401);
        assertThat(noScope.json().get("message").asText()).contains("vso.work");
        assertThat(new Http(sim, "reader").get(projects()).status()).isEqualTo(200);
        Http.Answer write = new Http(sim, "reader").create(sim.organizationUrl("demo") + "/Demo/_apis/wit/workitems/$Bug?api-version=7.1", WorkItemsTest.bug("x"));
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.json().get("message").asText()).contains("vso.work_write");
    }

    @Test
    void apiVersionIsRequiredAndBoundedPerFlavour() throws Exception {
        Http http = new Http(sim, "good");
        Http.Answer missing = http.get(sim.organizationUrl("demo") + "/_apis/projects");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("typeKey").asText()).isEqualTo("VssVersionNotSpecifiedException");
        Http.Answer tooNew = http.get(sim.organizationUrl("demo") + "/_apis/projects?api-version=7.2");
        assertThat(tooNew.json().get("message").asText()).isEqualTo("The requested REST API version of 7.2 is out of range for this server. The latest REST API version this server supports is 7.1.");
        Http.Answer server = http.get(sim.collectionUrl("DefaultCollection") + "/_apis/projects?api-version=6.0");
        assertThat(server.status()).isEqualTo(400);
        assertThat(server.json().get("typeKey").asText()).isEqualTo("VssVersionOutOfRangeException");
        assertThat(http.get(sim.collectionUrl("DefaultCollection") + "/_apis/projects?api-version=5.0").status()).isEqualTo(200);
        Http.Answer comments = http.get(sim.organizationUrl("demo") + "/Demo/_apis/wit/workItems/1/comments?api-version=7.1");
        assertThat(comments.json().get("typeKey").asText()).isEqualTo("VssInvalidPreviewVersionException");
        Http.Answer states2020 = http.get(sim.collectionUrl("C2020") + "/P/_apis/wit/workitemtypes/Task/states?api-version=6.0");
        assertThat(states2020.json().get("typeKey").asText()).isEqualTo("VssInvalidPreviewVersionException");
        Http.Answer states = http.get(sim.collectionUrl("C2020") + "/P/_apis/wit/workitemtypes/Task/states?api-version=6.0-preview.1");
        assertThat(states.json().get("value").get(0).get("name").asText()).isEqualTo("To Do");
        assertThat(states.json().get("value").get(0).get("category").asText()).isEqualTo("Proposed");
        Http.Answer batch2019 = http.send("PATCH", sim.collectionUrl("DefaultCollection") + "/_apis/wit/$batch?api-version=5.0", "application/json", "[]");
        assertThat(batch2019.status()).isEqualTo(404);
    }

    @Test
    void optionsListResourceLocationsWithTheServersVersions() throws Exception {
        Http.Answer a = new Http(sim, "good").send("OPTIONS", sim.collectionUrl("C2020") + "/_apis/wit", null, null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("value")).allSatisfy(r -> assertThat(r.get("maxVersion").asText()).isEqualTo("6.0"));
        assertThat(a.json().get("value")).anySatisfy(r -> {
            assertThat(r.get("resourceName").asText()).isEqualTo("comments");
            assertThat(r.get("releasedVersion").asText()).isEqualTo("0.0");
            assertThat(r.get("resourceVersion").asInt()).isEqualTo(3);
        });
    }

    @Test
    void metadataOfTheScrumProcess() throws Exception {
        Http http = new Http(sim, "good");
        Http.Answer types = http.get(sim.organizationUrl("demo") + "/Demo/_apis/wit/workitemtypes?api-version=7.1");
        assertThat(types.json().get("value")).extracting(t -> t.get("name").asText()).contains("Bug", "Product Backlog Item", "Task", "Impediment");
        Http.Answer fields = http.get(sim.organizationUrl("demo") + "/Demo/_apis/wit/workitemtypes/Bug/fields?$expand=allowedValues&api-version=7.1");
        assertThat(fields.json().get("value")).anySatisfy(f -> {
            assertThat(f.get("referenceName").asText()).isEqualTo("Microsoft.VSTS.Common.Severity");
            assertThat(f.get("allowedValues")).extracting(v -> v.asText()).containsExactly("1 - Critical", "2 - High", "3 - Medium", "4 - Low");
        });
        Http.Answer project = http.get(sim.organizationUrl("demo") + "/_apis/projects/Demo?api-version=7.1");
        assertThat(project.json().get("capabilities").get("processTemplate").get("templateName").asText()).isEqualTo("Scrum");
        assertThat(http.get(sim.organizationUrl("demo") + "/_apis/projects/Nope?api-version=7.1").json().get("message").asText()).startsWith("TF200016");
    }
}
