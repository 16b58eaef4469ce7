package io.jenkins.plugins.adoworkitems.core.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a templates file (YAML or JSON; JSON is YAML) into {@link Connection}s and {@link Template}s, with
 * errors that name the file, the line and column or the template, and the fix. The format is in
 * docs/templates.md and docs/templates.schema.json.
 */
public final class TemplateFile {
    private static final long MAX_BYTES = 1024 * 1024;

    private TemplateFile() {
    }

    /** What a templates file holds. */
    public record Contents(List<Connection> connections, List<Template> templates) {
        public Contents {
            connections = List.copyOf(connections);
            templates = List.copyOf(templates);
        }

        public Template template(String name) {
            return templates.stream().filter(t -> t.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No template named '" + name + "'; the file has "
                            + templates.stream().map(Template::name).collect(Collectors.joining(", "))));
        }
    }

    /**
     * A named Azure DevOps target; credentials never live in the file.
     *
     * @param allowHttp        the URL may be plain http (an on-premises or test server without TLS)
     * @param allowPrivateUrls the URL may be on a loopback, private or other special-purpose address
     */
    public record Connection(String name, String url, String apiVersion, boolean allowHttp, boolean allowPrivateUrls) {
    }

    public static Contents read(Path file) throws TemplateException {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new TemplateException(name, "", "the file is larger than 1 MiB; is it really a templates file?");
            }
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new TemplateException(name, "", "cannot read the file: " + e.getMessage());
        }
    }

    public static Contents parse(String name, String text) throws TemplateException {
        if (text.isBlank()) {
            throw new TemplateException(name, "", "the file is empty; it needs a 'templates:' list");
        }
        FileSpec spec;
        try {
            YAMLFactory factory = YAMLFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build()).build();
            ObjectMapper mapper = new ObjectMapper(factory)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            spec = mapper.readValue(text, FileSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new TemplateException(name, position(e), "unknown key '" + e.getPropertyName() + "'; known keys: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            // Syntax errors inside a list surface wrapped in a mapping exception.
            boolean syntax = e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException;
            throw new TemplateException(name, position(e), (syntax ? "not valid YAML or JSON: " : "")
                    + e.getOriginalMessage().replace('\n', ' '));
        } catch (JsonProcessingException e) {
            throw new TemplateException(name, position(e), "not valid YAML or JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
        if (spec == null) {
            throw new TemplateException(name, "", "the file is empty; it needs a 'templates:' list");
        }
        return convert(name, spec);
    }

    private static Contents convert(String file, FileSpec spec) throws TemplateException {
        List<Connection> connections = new ArrayList<>();
        for (ConnectionSpec connection : nonNull(spec.connections)) {
            if (connection.name == null || connection.url == null) {
                throw new TemplateException(file, "connections", "every connection needs a name and a url");
            }
            connections.add(new Connection(connection.name, connection.url, connection.apiVersion,
                    Boolean.TRUE.equals(connection.allowHttp), Boolean.TRUE.equals(connection.allowPrivateUrls)));
        }
        if (spec.templates == null || spec.templates.isEmpty()) {
            throw new TemplateException(file, "", "no templates: add a 'templates:' list with at least one template");
        }
        List<Template> templates = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.templates.size(); i++) {
            TemplateSpec t = spec.templates.get(i);
            String where = "templates[" + i + "]" + (t.name == null ? "" : " ('" + t.name + "')");
            try {
                Template template = t.toTemplate();
                if (!names.add(template.name())) {
                    throw new IllegalArgumentException("another template has the name '" + template.name() + "'");
                }
                List<String> problems = TemplateChecks.problems(template);
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join("; ", problems));
                }
                templates.add(template);
            } catch (IllegalArgumentException e) {
                throw new TemplateException(file, where, e.getMessage());
            }
        }
        return new Contents(connections, templates);
    }

    private static String position(JsonProcessingException e) {
        StringBuilder text = new StringBuilder();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            text.append("line ").append(e.getLocation().getLineNr()).append(", column ").append(e.getLocation().getColumnNr());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            text.append(text.length() > 0 ? ", at " : "at ").append(path);
        }
        return text.toString();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Severity severity(String value) {
        return value == null ? null : Severity.parse(value);
    }

    /** The file as written; converted after parsing so that our own validation gives the messages. */
    private static final class FileSpec {
        @JsonProperty
        List<ConnectionSpec> connections;
        @JsonProperty
        List<TemplateSpec> templates;
    }

    private static final class ConnectionSpec {
        @JsonProperty
        String name;
        @JsonProperty
        String url;
        @JsonProperty
        String apiVersion;
        @JsonProperty
        Boolean allowHttp;
        @JsonProperty
        Boolean allowPrivateUrls;
    }

    private static final class RoutingSpec {
        @JsonProperty
        List<String> tools;
        @JsonProperty
        List<String> rules;
        @JsonProperty
        String minSeverity;
        @JsonProperty
        String maxSeverity;
        @JsonProperty
        List<String> paths;
        @JsonProperty
        List<String> cwes;

        Routing toRouting() {
            return new Routing(tools, rules, severity(minSeverity), severity(maxSeverity), paths, cwes);
        }
    }

    private static final class TriageSpec {
        @JsonProperty
        List<String> categories;
        @JsonProperty
        List<String> reasons;
        @JsonProperty
        List<String> tags;
        @JsonProperty
        String expiryField;

        /** A list left out keeps its default; an empty one turns that kind of decision off. */
        Triage toTriage() {
            Triage defaults = Triage.DEFAULT;
            return new Triage(categories == null ? defaults.categories() : categories,
                    reasons == null ? defaults.reasons() : reasons, tags == null ? defaults.tags() : tags, expiryField);
        }
    }

    private static final class TemplateSpec {
        @JsonProperty
        String name;
        @JsonProperty
        String connection;
        @JsonProperty
        String project;
        @JsonProperty
        String type;
        @JsonProperty
        String areaPath;
        @JsonProperty
        String iterationPath;
        @JsonProperty
        List<String> tags;
        @JsonProperty
        String assignedTo;
        @JsonProperty
        String threshold;
        @JsonProperty
        Map<String, String> severityValues;
        @JsonProperty
        Map<String, Integer> priorities;
        @JsonProperty
        String title;
        @JsonProperty
        String description;
        @JsonProperty
        Map<String, String> fields;
        @JsonProperty
        RoutingSpec match;
        @JsonProperty
        String groupBy;
        @JsonProperty
        Integer maxNewItems;
        @JsonProperty
        Boolean resolveFixed;
        @JsonProperty
        String fingerprintField;
        @JsonProperty
        TriageSpec triage;
        @JsonProperty
        Boolean pullRequests;

        Template toTemplate() {
            return new Template(name, connection, project, type, areaPath, iterationPath, tags, assignedTo,
                    severity(threshold), SeverityMapping.withOverrides(bySeverity(severityValues), bySeverity(priorities)),
                    title, description, fields, match == null ? Routing.ANY : match.toRouting(),
                    groupBy == null ? Grouping.FINDING : Grouping.parse(groupBy),
                    maxNewItems == null ? 0 : maxNewItems, Boolean.TRUE.equals(resolveFixed), fingerprintField,
                    triage == null ? Triage.DEFAULT : triage.toTriage(), Boolean.TRUE.equals(pullRequests));
        }

        private static <V> Map<Severity, V> bySeverity(Map<String, V> values) {
            Map<Severity, V> result = new EnumMap<>(Severity.class);
            if (values != null) {
                values.forEach((key, value) -> result.put(Severity.parse(key.toLowerCase(Locale.ROOT)), value));
            }
            return result;
        }
    }
}
