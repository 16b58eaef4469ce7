package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.ServerVersion;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Azure DevOps Server collections at /tfs/{collection}: api-version from OPTIONS, and what older servers lack. */
class ServerFlavourSimulatorTest {
    private static SimulatedAdo ado;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.server(SimulatorConfig.builder()
                .collection("C2019", ServerVersion.V2019).project("C2019", "Legacy", Process.AGILE)
                .collection("C2020", ServerVersion.V2020).project("C2020", "Legacy", Process.AGILE)
                .collection("C2022", ServerVersion.V2022).project("C2022", "Legacy", Process.SCRUM)
                .pat("server-pat", PatState.VALID).build(), "C2019");
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    /** A client for any of the three collections; the fixture's own target is only the first. */
    private static AdoClient client(AdoTarget target) {
        return AdoClient.create(target, new PersonalAccessToken("server-pat"), ado.settings());
    }

    private static AdoTarget collection(String name) {
        return AdoTarget.parse(ado.simulator().collectionUrl(name));
    }

    private static List<LoggedRequest> requestsTo(String collection) {
        return ado.simulator().requestLog().entries().stream().filter(r -> r.path().startsWith("/tfs/" + collection + "/")).toList();
    }

    @ParameterizedTest
    @CsvSource({"C2020, 6.0, Bug", "C2022, 7.1, Product Backlog Item"})
    void negotiatesTheApiVersionThenCreatesReadsAndQueries(String collection, String version, String type) throws Exception {
        AdoClient client = client(collection(collection));
        assertThat(client.target().flavour()).isEqualTo(AdoTarget.Flavour.SERVER);

        WorkItem created = client.create("Legacy", type, JsonPatch.create().setField("System.Title", "on " + collection),
                WriteOptions.DEFAULT);
        assertThat(client.workItem(created.id()).field("System.Title")).isEqualTo("on " + collection);
        assertThat(client.wiql("Legacy", "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'on " + collection + "'", 10))
                .containsExactly(created.id());
        WorkItemType workItemType = client.workItemType("Legacy", type);
        assertThat(workItemType.statesIn("Completed")).isNotEmpty();

        assertThat(client.apiVersions().general()).hasToString(version);
        List<LoggedRequest> requests = requestsTo(collection);
        assertThat(requests.get(0).method()).isEqualTo("OPTIONS");
        assertThat(requests).filteredOn(r -> !r.method().equals("OPTIONS")).isNotEmpty().allSatisfy(request -> {
            assertThat(request.query()).contains("api-version=" + version);
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(requests).filteredOn(r -> r.method().equals("OPTIONS")).hasSize(1);
    }

    @Test
    void tooNewApiVersionOverrideIsAClearError() {
        AdoClient client = client(collection("C2020").withApiVersion(ApiVersion.V7_1));
        assertThatThrownBy(() -> client.project("Legacy")).isInstanceOfSatisfying(AdoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.API_VERSION_UNSUPPORTED);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).contains("7.1", "out of range", "6.0");
            assertThat(e.userMessage()).contains("--collection-url");
        });
    }

    @Test
    void batchOnServer2019IsNotFoundWithStatus404() throws Exception {
        AdoClient client = client(collection("C2019"));
        assertThat(client.apiVersions().general()).isEqualTo(ApiVersion.V5_0);
        assertThatThrownBy(() -> client.batch(List.of(BatchOperation.create("Legacy", "Bug",
                JsonPatch.create().setField("System.Title", "batched"))))).isInstanceOfSatisfying(AdoException.class, e -> {
                    // What a caller falls back to single requests on: the endpoint is missing, nothing was written.
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("$batch");
                });
        // Single requests work there.
        WorkItem single = client.create("Legacy", "Bug", JsonPatch.create().setField("System.Title", "single"),
                WriteOptions.DEFAULT);
        assertThat(client.workItemType("Legacy", "Bug").statesIn("Proposed")).extracting(WorkItemState::name)
                .containsExactly("New");
        assertThat(single.id()).isPositive();
    }
}
