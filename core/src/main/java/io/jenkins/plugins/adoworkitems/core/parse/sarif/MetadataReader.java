package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first pass over a SARIF log: reads the version and each run's metadata and skips the results. Since
 * it reads the whole document, every syntax error surfaces here, before any finding is emitted.
 */
final class MetadataReader {
    private final ReportInput input;
    private final ObjectMapper mapper;

    /**
     * @param versionLocation where {@code version} was found, for the error message; null when missing
     * @param runs null when {@code runs} was missing, empty for {@code "runs": []} or {@code null}
     */
    record SarifLog(String version, JsonLocation versionLocation, List<RunMetadata> runs) {
    }

    MetadataReader(ReportInput input, ObjectMapper mapper) {
        this.input = input;
        this.mapper = mapper;
    }

    SarifLog read(JsonParser parser) throws ReportException, IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonLocation start = parser.currentTokenLocation();
            // Skipping first lets a hostile document fail on the nesting limit rather than on its shape.
            parser.skipChildren();
            throw new ReportException(input.name(), JsonReports.position(start, null),
                    "a SARIF log is a JSON object, but the file starts with " + describe(parser.currentToken()));
        }
        String version = null;
        JsonLocation versionLocation = null;
        List<RunMetadata> runs = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("version".equals(field)) {
                versionLocation = parser.currentTokenLocation();
                version = value.isScalarValue() ? parser.getText() : "";
                parser.skipChildren();
            } else if ("runs".equals(field)) {
                runs = runs(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(), null),
                    "unexpected content after the end of the JSON document");
        }
        return new SarifLog(version, versionLocation, runs);
    }

    private List<RunMetadata> runs(JsonParser parser, JsonToken value) throws ReportException, IOException {
        if (value == JsonToken.VALUE_NULL) {
            // SARIF §3.13.4: null when the tool failed before it could start a run.
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(), "/runs"),
                    "'runs' must be an array, found " + describe(value));
        }
        List<RunMetadata> runs = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                runs.add(run(parser));
            } else {
                parser.skipChildren();
                runs.add(RunMetadata.of(null, null, null, List.of(), List.of()));
            }
        }
        return runs;
    }

    private RunMetadata run(JsonParser parser) throws IOException {
        JsonNode tool = null;
        JsonNode taxonomies = null;
        JsonNode bases = null;
        List<ArtifactPaths.UriReference> artifacts = new ArrayList<>();
        List<String> logicalLocations = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "tool" -> tool = mapper.readTree(parser);
                case "taxonomies" -> taxonomies = mapper.readTree(parser);
                case "originalUriBaseIds" -> bases = mapper.readTree(parser);
                case "artifacts" -> eachElement(parser, value, artifact -> {
                    JsonNode location = artifact.path("location");
                    artifacts.add(new ArtifactPaths.UriReference(SarifNodes.text(location, "uri"),
                            SarifNodes.text(location, "uriBaseId")));
                });
                case "logicalLocations" -> eachElement(parser, value, logical -> {
                    String name = SarifNodes.text(logical, "fullyQualifiedName");
                    logicalLocations.add(name.isEmpty() ? SarifNodes.text(logical, "name") : name);
                });
                default -> parser.skipChildren();
            }
        }
        return RunMetadata.of(tool, taxonomies, bases, artifacts, logicalLocations);
    }

    private interface ElementAction {
        void accept(JsonNode element);
    }

    /** Reads an array one small element at a time: a run may list an artifact for every file scanned. */
    private void eachElement(JsonParser parser, JsonToken value, ElementAction action) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            action.accept(mapper.readTree(parser));
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
