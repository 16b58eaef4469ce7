package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The location service as Microsoft's clients use it: {@code OPTIONS _apis} for resource locations,
 * {@code _apis/ResourceAreas} for the host of each area, {@code _apis/connectionData} for who is calling. The
 * location ids are those the azure-devops Python client (the Azure CLI's devops extension) sends for
 * {@code az devops project list} and {@code az boards work-item create|show|update} and {@code az boards query}.
 */
class DiscoveryTest {
    static final String PROJECTS = "603fe2ac-9723-48b9-88ad-09305aa6c6e1";
    static final String CREATE = "62d3d110-0047-428c-ad3c-4fe872c91c74";
    static final String WORK_ITEMS = "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b";
    static final String WIQL = "1a9c53f7-f243-4447-b110-35ef023636e4";
    static final String TYPES = "7c8d7a76-4a09-43e8-b5df-bd792f4ac6aa";
    static final String CONNECTION_DATA = "00d9565f-ed9c-4a06-9a50-00e7896ccab4";
    static final String RESOURCE_AREAS = "e81700f7-3be2-46de-8624-2eb35882fcaa";
    static final String CORE_AREA = "79134c72-4a58-4b42-976c-04e7115f32bf";
    static final String WIT_AREA = "5264459e-e5e0-4bd8-b118-0985e68a4ec5";

    private static AdoSimulator sim;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        sim = AdoSimulator.start(SimulatorConfig.builder()
                .organization("demo").project("demo", "Demo", Process.AGILE)
                .collection("C2019", ServerVersion.V2019).project("C2019", "Legacy", Process.AGILE)
                .collection("C2022", ServerVersion.V2022).project("C2022", "Legacy", Process.AGILE)
                .pat("good", PatState.VALID).pat("code-only", PatState.NO_WORK_ITEM_SCOPE)
                .build());
        http = new Http(sim, "good");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String account(String name) {
        return name.equals("demo") ? sim.organizationUrl(name) : sim.collectionUrl(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"demo", "C2019", "C2022"})
    void optionsNamesEveryLocationTheAzureCliUses(String name) throws Exception {
        JsonNode locations = http.send("OPTIONS", account(name) + "/_apis", null, null).json().get("value");
        String max = name.equals("C2019") ? "5.0" : "7.1";
        for (String id : List.of(PROJECTS, CREATE, WORK_ITEMS, WIQL, TYPES, CONNECTION_DATA, RESOURCE_AREAS)) {
            JsonNode location = find(locations, id);
            assertThat(location).as(id).isNotNull();
            assertThat(location.fieldNames()).toIterable()
                    .containsExactly("id", "area", "resourceName", "routeTemplate", "resourceVersion", "minVersion", "maxVersion", "releasedVersion");
            assertThat(location.get("maxVersion").asText()).isEqualTo(max);
        }
        JsonNode areas = find(locations, RESOURCE_AREAS);
        assertThat(areas.get("area").asText()).isEqualTo("Location");
        assertThat(areas.get("routeTemplate").asText()).isEqualTo("_apis/{resource}/{areaId}");
        assertThat(areas.get("releasedVersion").asText()).isEqualTo("0.0");
        assertThat(find(locations, CONNECTION_DATA).get("routeTemplate").asText()).isEqualTo("_apis/{resource}");
    }

    @Test
    void optionsForTheLocationAreaListsOnlyTheLocationService() throws Exception {
        JsonNode locations = http.send("OPTIONS", sim.organizationUrl("demo") + "/_apis/location", null, null).json().get("value");
        assertThat(locations).extracting(l -> l.get("resourceName").asText()).containsExactlyInAnyOrder("ConnectionData", "ResourceAreas");
    }

    @Test
    void servicesListsItsAreasWithTheOrganizationAsHost() throws Exception {
        JsonNode areas = http.get(sim.organizationUrl("demo") + "/_apis/ResourceAreas?api-version=5.0-preview.1").json();
        assertThat(areas.get("count").asInt()).isEqualTo(2);
        assertThat(areas.get("value")).extracting(a -> a.get("id").asText() + " " + a.get("name").asText() + " " + a.get("locationUrl").asText())
                .containsExactly(CORE_AREA + " core " + sim.organizationUrl("demo") + "/", WIT_AREA + " wit " + sim.organizationUrl("demo") + "/");
        JsonNode wit = http.get(sim.organizationUrl("demo") + "/_apis/ResourceAreas/" + WIT_AREA.toUpperCase(java.util.Locale.ROOT) + "?api-version=7.1-preview.1").json();
        assertThat(wit.get("name").asText()).isEqualTo("wit");
        Http.Answer unknown = http.get(sim.organizationUrl("demo") + "/_apis/ResourceAreas/00000000-0000-0000-0000-000000000000?api-version=7.1-preview.1");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void serverAnswersAnEmptyAreaListSoClientsStayOnTheCollection() throws Exception {
        JsonNode areas = http.get(sim.collectionUrl("C2022") + "/_apis/ResourceAreas?api-version=5.0-preview.1").json();
        assertThat(areas.get("count").asInt()).isZero();
        assertThat(areas.get("value")).isEmpty();
    }

    @Test
    void connectionDataNamesTheCallerAndTheDeployment() throws Exception {
        JsonNode hosted = http.get(sim.organizationUrl("demo") + "/_apis/connectionData?connectOptions=none&api-version=5.0-preview.1").json();
        assertThat(hosted.get("authenticatedUser").get("providerDisplayName").asText()).isEqualTo("Simulator User");
        assertThat(hosted.get("authenticatedUser").get("properties").get("Account").get("$value").asText()).isEqualTo("sim.user@example.com");
        assertThat(hosted.get("authorizedUser").get("id").asText()).isEqualTo(hosted.get("authenticatedUser").get("id").asText());
        assertThat(hosted.get("deploymentType").asText()).isEqualTo("hosted");
        assertThat(hosted.get("locationServiceData").get("accessMappings").get(0).get("accessPoint").asText()).isEqualTo(sim.organizationUrl("demo"));
        JsonNode server = http.get(sim.collectionUrl("C2019") + "/_apis/connectionData?api-version=5.0-preview.1").json();
        assertThat(server.get("deploymentType").asText()).isEqualTo("onPremises");
        assertThat(server.get("instanceId").asText()).isNotEqualTo(hosted.get("instanceId").asText());
    }

    @Test
    void theLocationServiceIsPreviewOnlyAtTheAccountLevelAndNeedsNoWorkItemScope() throws Exception {
        Http.Answer released = http.get(sim.organizationUrl("demo") + "/_apis/connectionData?api-version=7.1");
        assertThat(released.json().get("typeKey").asText()).isEqualTo("VssInvalidPreviewVersionException");
        assertThat(http.get(sim.organizationUrl("demo") + "/Demo/_apis/connectionData?api-version=7.1-preview").status()).isEqualTo(404);
        Http codeOnly = new Http(sim, "code-only");
        assertThat(codeOnly.get(sim.organizationUrl("demo") + "/_apis/connectionData?api-version=7.1-preview").status()).isEqualTo(200);
        assertThat(codeOnly.get(sim.organizationUrl("demo") + "/_apis/projects?api-version=7.1").status()).isEqualTo(401);
    }

    /** What Microsoft's clients do: every URL comes from a route template found by location id, nothing is hard-coded. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"demo", "C2019"})
    void aClientThatKnowsOnlyLocationIdsCreatesReadsUpdatesAndQueries(String name) throws Exception {
        String base = account(name);
        String project = name.equals("demo") ? "Demo" : "Legacy";
        JsonNode areas = http.get(url(base, RESOURCE_AREAS, Map.of()) + "?api-version=5.0-preview.1").json();
        JsonNode wit = find(areas.get("value"), WIT_AREA);
        String witBase = wit == null ? base : wit.get("locationUrl").asText();
        assertThat(witBase.replaceAll("/$", "")).isEqualTo(base);

        Http.Answer projects = http.get(url(base, PROJECTS, Map.of()) + "?api-version=5.0");
        assertThat(projects.json().get("value").get(0).get("name").asText()).isEqualTo(project);
        Http.Answer created = http.create(url(witBase, CREATE, Map.of("project", project, "type", "Bug")) + "?api-version=5.0",
                "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"found by id\"}]");
        assertThat(created.status()).isEqualTo(200);
        int id = created.json().get("id").asInt();
        Http.Answer read = http.get(url(witBase, WORK_ITEMS, Map.of("id", String.valueOf(id))) + "?$expand=all&api-version=5.0");
        assertThat(read.json().get("fields").get("System.Title").asText()).isEqualTo("found by id");
        Http.Answer updated = http.patch(url(witBase, WORK_ITEMS, Map.of("id", String.valueOf(id))) + "?api-version=5.0",
                "[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Active\"}]");
        assertThat(updated.json().get("fields").get("System.State").asText()).isEqualTo("Active");
        Http.Answer query = http.post(url(witBase, WIQL, Map.of()) + "?api-version=5.0",
                "{\"query\":\"SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'found by id'\"}");
        assertThat(query.json().get("workItems")).extracting(w -> w.get("id").asInt()).containsExactly(id);
        Http.Answer list = http.get(url(witBase, WORK_ITEMS, Map.of()) + "?ids=" + id + "&fields=System.Id,System.State&api-version=5.0");
        assertThat(list.json().get("value").get(0).get("fields").get("System.State").asText()).isEqualTo("Active");
    }

    /**
     * The URL of a location as the Python client builds it: the template from OPTIONS, segments whose route value is
     * missing left out, {@code {area}} and {@code {resource}} from the location itself.
     */
    private static String url(String base, String locationId, Map<String, String> routeValues) throws Exception {
        JsonNode location = find(http.send("OPTIONS", base + "/_apis", null, null).json().get("value"), locationId);
        assertThat(location).as("location %s on %s", locationId, base).isNotNull();
        Map<String, String> values = new LinkedHashMap<>(routeValues);
        values.put("area", location.get("area").asText());
        values.put("resource", location.get("resourceName").asText());
        StringBuilder path = new StringBuilder();
        for (String segment : location.get("routeTemplate").asText().replace("{*", "{").split("/")) {
            String s = segment;
            int open = s.indexOf('{');
            if (open >= 0 && s.endsWith("}")) {
                String key = s.substring(open + 1, s.length() - 1);
                if (!values.containsKey(key)) {
                    continue;
                }
                s = s.substring(0, open) + values.get(key).replace(" ", "%20");
            }
            path.append('/').append(s);
        }
        return base.replaceAll("/$", "") + path;
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.get("id").asText().equalsIgnoreCase(id)) {
                return n;
            }
        }
        return null;
    }
}
