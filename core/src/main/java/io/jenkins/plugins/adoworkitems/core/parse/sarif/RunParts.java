package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A run's metadata fields as they are read, before {@link RunMetadata} converts them. Results need all of
 * them, so a run whose results come before some of them has those read ahead ({@link RunTail}).
 */
final class RunParts {
    /** The run's fields that results refer to, or that name the scan target every result of the run belongs to. */
    static final Set<String> FIELDS = Set.of("tool", "taxonomies", "originalUriBaseIds", "artifacts",
            "logicalLocations", "versionControlProvenance", "automationDetails");

    private final ObjectMapper mapper;
    private JsonNode tool;
    private JsonNode taxonomies;
    private JsonNode bases;
    private List<ArtifactPaths.UriReference> artifacts;
    private List<String> logicalLocations;
    private String repositoryUri;
    private String automationId;
    private int read;

    RunParts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Reads {@code field}'s value, the parser being on its first token, when it is one of {@link #FIELDS};
     * otherwise reads nothing and says so. Small trees, except for artifacts and logical locations, which a
     * run may list by the ten thousand and which are read one element at a time.
     */
    boolean read(String field, JsonToken value, JsonParser parser) throws IOException {
        switch (field) {
            case "tool" -> tool = mapper.readTree(parser);
            case "taxonomies" -> taxonomies = mapper.readTree(parser);
            case "originalUriBaseIds" -> bases = mapper.readTree(parser);
            case "artifacts" -> {
                artifacts = new ArrayList<>();
                eachElement(parser, value, artifact -> {
                    JsonNode location = artifact.path("location");
                    artifacts.add(new ArtifactPaths.UriReference(SarifNodes.text(location, "uri"),
                            SarifNodes.text(location, "uriBaseId")));
                });
            }
            case "logicalLocations" -> {
                logicalLocations = new ArrayList<>();
                eachElement(parser, value, logical -> {
                    String name = SarifNodes.text(logical, "fullyQualifiedName");
                    logicalLocations.add(name.isEmpty() ? SarifNodes.text(logical, "name") : name);
                });
            }
            case "versionControlProvenance" -> {
                JsonNode provenance = mapper.readTree(parser);
                repositoryUri = "";
                for (JsonNode details : provenance) {
                    repositoryUri = SarifNodes.text(details, "repositoryUri");
                    if (!repositoryUri.isBlank()) {
                        break;
                    }
                }
            }
            case "automationDetails" -> automationId = SarifNodes.text(mapper.readTree(parser), "id");
            default -> {
                return false;
            }
        }
        read++;
        return true;
    }

    /** Whether every field was read; a run's keys are unique, so nothing can follow that results need. */
    boolean complete() {
        return read == FIELDS.size();
    }

    /** Takes the fields {@code later} read, which came after the results. */
    void add(RunParts later) {
        tool = later.tool == null ? tool : later.tool;
        taxonomies = later.taxonomies == null ? taxonomies : later.taxonomies;
        bases = later.bases == null ? bases : later.bases;
        artifacts = later.artifacts == null ? artifacts : later.artifacts;
        logicalLocations = later.logicalLocations == null ? logicalLocations : later.logicalLocations;
        repositoryUri = later.repositoryUri == null ? repositoryUri : later.repositoryUri;
        automationId = later.automationId == null ? automationId : later.automationId;
    }

    RunMetadata metadata() {
        return RunMetadata.of(tool, taxonomies, bases, artifacts == null ? List.of() : artifacts,
                logicalLocations == null ? List.of() : logicalLocations,
                RunMetadata.target(repositoryUri == null ? "" : repositoryUri, automationId == null ? "" : automationId));
    }

    private interface ElementAction {
        void accept(JsonNode element);
    }

    private void eachElement(JsonParser parser, JsonToken value, ElementAction action) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            action.accept(mapper.readTree(parser));
        }
    }
}
