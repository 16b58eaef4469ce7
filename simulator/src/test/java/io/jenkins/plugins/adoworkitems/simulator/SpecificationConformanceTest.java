package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Holds the simulator to Microsoft's specification in ../shared/ado-api: every operation it serves exists in the
 * spec of its flavour with the parameters and content types it accepts, and the spec's httpExamples replayed
 * against it come back with the same shape (field names and JSON types, not values).
 * The $batch endpoint is not in the specification (Microsoft documents it only on the "Work Item Batch Update"
 * page), so it is checked by WiqlAndBatchTest instead.
 */
@Tag("shared-data")
class SpecificationConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static AdoSimulator sim;
    private static Http http;

    static Path spec() {
        String dir = System.getProperty("shared.dir", "../../shared");
        return Path.of(dir, "ado-api", "specification");
    }

    static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(Files.readAllBytes(file).length > 3 && Files.readAllBytes(file)[0] == (byte) 0xEF
                ? java.util.Arrays.copyOfRange(Files.readAllBytes(file), 3, Files.readAllBytes(file).length) : Files.readAllBytes(file));
    }

    @BeforeAll
    static void start() throws Exception {
        sim = AdoSimulator.start(SimulatorConfig.defaults());
        http = new Http(sim, "sim-pat");
        String org = sim.organizationUrl("demo");
        http.create(org + "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
                "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"first\"},{\"op\":\"add\",\"path\":\"/fields/System.History\",\"value\":\"note\"}]");
        http.patch(org + "/_apis/wit/workitems/1?api-version=7.1", "[{\"op\":\"add\",\"path\":\"/fields/System.State\",\"value\":\"Active\"}]");
        http.post(org + "/Demo/_apis/wit/workItems/1/comments?api-version=7.1-preview.4", "{\"text\":\"second\"}");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Spec file, path template, method, query parameters the simulator reads, request content type (or null). */
    static List<Arguments> servedOperations() {
        String wit71 = "wit/7.1/workItemTracking.json";
        String server60 = "wit/azure-devops-server-6.0/workItemTracking-onprem.json";
        List<Arguments> ops = new ArrayList<>();
        for (String file : List.of(wit71, server60)) {
            String a = file.equals(wit71) ? "{organization}" : "{collection}";
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitems/${type}", "post", List.of("validateOnly", "bypassRules", "suppressNotifications", "$expand"), "application/json-patch+json"));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitems/{id}", "patch", List.of("validateOnly", "bypassRules", "suppressNotifications", "$expand"), "application/json-patch+json"));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitems/{id}", "get", List.of("fields", "$expand"), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitems", "get", List.of("ids", "fields", "$expand", "errorPolicy"), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitemsbatch", "post", List.of(), "application/json"));
            ops.add(Arguments.of(file, "/" + a + "/{project}/{team}/_apis/wit/wiql", "post", List.of("$top"), "application/json"));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workItems/{workItemId}/comments", "post", List.of(), "application/json"));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workItems/{workItemId}/comments", "get", List.of(), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workItems/{id}/revisions", "get", List.of("$top", "$skip"), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitemtypes", "get", List.of(), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitemtypes/{type}", "get", List.of(), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitemtypes/{type}/fields", "get", List.of("$expand"), null));
            ops.add(Arguments.of(file, "/" + a + "/{project}/_apis/wit/workitemtypes/{type}/states", "get", List.of(), null));
        }
        ops.add(Arguments.of("core/7.1/core.json", "/{organization}/_apis/projects", "get", List.of(), null));
        ops.add(Arguments.of("core/7.1/core.json", "/{organization}/_apis/projects/{projectId}", "get", List.of(), null));
        return ops;
    }

    @ParameterizedTest(name = "{2} {1} in {0}")
    @MethodSource("servedOperations")
    void servedOperationExistsInTheSpecification(String file, String path, String method, List<String> params, String contentType) throws IOException {
        JsonNode specification = read(spec().resolve(file));
        JsonNode op = specification.path("paths").path(path).path(method);
        assertThat(op.isObject()).as("%s %s declared in %s", method, path, file).isTrue();
        List<String> declared = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            if (p.has("$ref")) {
                declared.add(specification.at(p.get("$ref").asText().substring(1)).path("name").asText());
            } else {
                declared.add(p.path("name").asText());
            }
        }
        assertThat(declared).contains("api-version").containsAll(params);
        if (contentType != null) {
            assertThat(op.path("consumes")).extracting(JsonNode::asText).contains(contentType);
        }
    }

    /** Example file under wit/7.1/httpExamples (or core), and how to ask the simulator the same thing. */
    static List<Arguments> examples() {
        return List.of(
                Arguments.of("wit/7.1/httpExamples/workItems/POST__wit_workitems_create.json", "POST", "/Demo/_apis/wit/workitems/$Task?api-version=7.1", "body"),
                Arguments.of("wit/7.1/httpExamples/workItems/GET__wit_WorkItems_id.json", "GET", "/_apis/wit/workitems/1?api-version=7.1", null),
                Arguments.of("wit/7.1/httpExamples/workItemsBatch/POST__wit_WorkItemsBatch_ids-_ids__fields-_columns_.json", "POST", "/_apis/wit/workitemsbatch?api-version=7.1",
                        "{\"ids\":[1],\"fields\":[\"System.Id\",\"System.Title\",\"System.WorkItemType\",\"Microsoft.VSTS.Scheduling.RemainingWork\"]}"),
                Arguments.of("wit/7.1/httpExamples/wiql/GET__wit_get_id_workitems.json", "POST", "/Demo/_apis/wit/wiql?api-version=7.1", "body"),
                Arguments.of("wit/7.1/httpExamples/comments/POST__wit_workitems__taskId__comments_create.json", "POST", "/Demo/_apis/wit/workItems/1/comments?api-version=7.1-preview.4", "body"),
                Arguments.of("wit/7.1/httpExamples/comments/GET__wit_workitems__issueId__comments_1.json", "GET", "/Demo/_apis/wit/workItems/1/comments?$top=1&api-version=7.1-preview.4", null),
                Arguments.of("wit/7.1/httpExamples/revisions/GET__list_workitem_revisions.json", "GET", "/Demo/_apis/wit/workItems/1/revisions?api-version=7.1", null),
                Arguments.of("wit/7.1/httpExamples/workItemTypes/GET__wit_workItemTypes.json", "GET", "/Demo/_apis/wit/workitemtypes?api-version=7.1", null),
                Arguments.of("wit/7.1/httpExamples/workItemTypes/GET__wit_workItemTypes_Bug.json", "GET", "/Demo/_apis/wit/workitemtypes/Bug?api-version=7.1", null),
                Arguments.of("wit/7.1/httpExamples/workItemTypesField/GET__workItemType_fields_expand.json", "GET", "/Demo/_apis/wit/workitemtypes/Bug/fields?$expand=All&api-version=7.1", null),
                Arguments.of("wit/7.1/httpExamples/workItemTypeStates/GET__workitem_type_states.json", "GET", "/Demo/_apis/wit/workitemtypes/Bug/states?api-version=7.1", null),
                Arguments.of("core/7.1/httpExamples/projects/GET__projects.json", "GET", "/_apis/projects?api-version=7.1", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void replayedExampleHasTheSameShape(String file, String method, String path, String body) throws Exception {
        JsonNode example = read(spec().resolve(file));
        String payload = "body".equals(body) ? MAPPER.writeValueAsString(example.path("parameters").path("body")) : body;
        String contentType = payload == null ? null : path.contains("$Task") ? "application/json-patch+json" : "application/json";
        Http.Answer answer = http.send(method, sim.organizationUrl("demo") + path, contentType, payload);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> mismatches = new ArrayList<>();
        compare(example.path("responses").path("200").path("body"), answer.json(), "", mismatches);
        assertThat(mismatches).as("shape differences against %s", file).isEmpty();
    }

    /** The resource area ids the simulator lists in _apis/ResourceAreas are the specification's, per flavour. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("areaSpecifications")
    void resourceAreaIdIsTheSpecifications(String file, ResourceArea area) throws IOException {
        assertThat(read(spec().resolve(file)).path("x-ms-vss-resource-area-id").asText()).isEqualTo(area.id());
    }

    static List<Arguments> areaSpecifications() {
        return List.of(Arguments.of("core/7.1/core.json", ResourceArea.CORE),
                Arguments.of("wit/7.1/workItemTracking.json", ResourceArea.WIT),
                Arguments.of("wit/azure-devops-server-6.0/workItemTracking-onprem.json", ResourceArea.WIT),
                Arguments.of("wit/azure-devops-server-7.1/workItemTracking-onprem.json", ResourceArea.WIT));
    }

    /**
     * Every resource location OPTIONS announces for core and wit, its route template filled in the way Microsoft's
     * clients fill it, is a path the specification declares for a resource of that name, with or without the
     * optional last segment.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("announcedLocations")
    void announcedRouteTemplateIsAPathOfTheResourceInTheSpecification(Resource resource) throws IOException {
        List<String> files = resource.area() == ResourceArea.CORE ? List.of("core/7.1/core.json")
                : List.of("wit/7.1/workItemTracking.json", "wit/azure-devops-server-7.1/workItemTracking-onprem.json");
        for (String file : files) {
            JsonNode specification = read(spec().resolve(file));
            String account = file.contains("server") ? "/{collection}/" : "/{organization}/";
            String full = account + resource.routeTemplate().replace("{*", "{").replace("{area}", resource.area().areaName())
                    .replace("{resource}", resource.resourceName());
            String shorter = full.substring(0, full.lastIndexOf('/'));
            List<String> declared = new ArrayList<>();
            specification.path("paths").fields().forEachRemaining(path -> path.getValue().forEach(op -> {
                if (resource.resourceName().equals(op.path("x-ms-vss-resource").asText())) {
                    declared.add(path.getKey().toLowerCase(java.util.Locale.ROOT));
                }
            }));
            assertThat(declared).as("paths of %s in %s", resource.resourceName(), file)
                    .containsAnyOf(full.toLowerCase(java.util.Locale.ROOT), shorter.toLowerCase(java.util.Locale.ROOT));
        }
    }

    static List<Resource> announcedLocations() {
        return java.util.Arrays.stream(Resource.values()).filter(r -> !r.id().isEmpty() && r.area() != ResourceArea.LOCATION).toList();
    }

    /** Every key of the example must exist with the same JSON type; keys inside "fields" depend on data, so only shared ones are compared. */
    private static void compare(JsonNode expected, JsonNode actual, String at, List<String> out) {
        if (expected.isNull() || actual.isNull()) {
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(at + ": expected an object");
                return;
            }
            boolean dataKeyed = at.endsWith("/fields") || at.endsWith("/transitions");
            expected.fields().forEachRemaining(e -> {
                if (!actual.has(e.getKey())) {
                    if (!dataKeyed) {
                        out.add(at + "/" + e.getKey() + ": missing");
                    }
                } else {
                    compare(e.getValue(), actual.get(e.getKey()), at + "/" + e.getKey(), out);
                }
            });
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                out.add(at + ": expected an array");
            } else if (expected.size() > 0 && actual.size() > 0) {
                compare(expected.get(0), actual.get(0), at + "/0", out);
            }
        } else if (expected.isNumber() != actual.isNumber() || expected.isTextual() != actual.isTextual() || expected.isBoolean() != actual.isBoolean()) {
            out.add(at + ": expected " + expected.getNodeType() + " but was " + actual.getNodeType());
        }
    }
}
