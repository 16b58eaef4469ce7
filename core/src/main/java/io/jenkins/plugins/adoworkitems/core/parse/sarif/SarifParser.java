package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;
import io.jenkins.plugins.adoworkitems.core.parse.ReportShape;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * Streams SARIF 2.1.0 logs in one pass: each run's metadata (rules, artifacts, uri bases) as it comes, then
 * its results one at a time. Key order is free in JSON and tools do write {@code results} before
 * {@code tool}; such a run's later metadata is read ahead ({@link RunTail}) before its results. Memory grows
 * with the metadata, not with the number of results. See docs/formats.md for what one finding is and how
 * fields map.
 */
public final class SarifParser implements ReportParser {
    @Override
    public ReportFormat format() {
        return ReportFormat.SARIF;
    }

    /** A top-level {@code runs} with a SARIF {@code $schema} or version 2.1.0, the only one we read. */
    @Override
    public boolean recognises(ReportShape shape) {
        String version = shape.text("version");
        return shape.has("runs") && (shape.text("$schema").toLowerCase(Locale.ROOT).contains("sarif")
                || version.equals("2.1.0") || version.startsWith("2.1.0-"));
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        ObjectMapper mapper = JsonReports.treeMapper(options);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        RunReader runs = new RunReader(input.name(), mapper, new RunTail(input, options, mapper), options, counter, sink);
        boolean versioned;
        try (JsonParser parser = JsonReports.open(input, options)) {
            try {
                versioned = read(input, parser, runs);
            } catch (IOException e) {
                throw JsonReports.error(input, e, parser);
            }
        } catch (IOException closing) {
            throw JsonReports.error(input, closing, null);
        }
        ParseSummary summary = counter.summary();
        if (versioned) {
            return summary;
        }
        // first, as it applies to everything read
        List<String> warnings = new ArrayList<>();
        // Callers print warnings after the report's name.
        warnings.add("the SARIF log has no 'version'; read as SARIF 2.1.0");
        warnings.addAll(summary.warnings());
        return new ParseSummary(summary.findings(), summary.suppressed(), summary.absent(), summary.duplicates(),
                summary.ignored(), summary.tools(), warnings, summary.targets());
    }

    /** Reads the log in one pass, emitting findings run by run; whether it has a {@code version}. */
    private static boolean read(ReportInput input, JsonParser parser, RunReader runs)
            throws ReportException, IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonLocation start = parser.currentTokenLocation();
            // Skipping first lets a hostile document fail on the nesting limit rather than on its shape.
            parser.skipChildren();
            throw new ReportException(input.name(), JsonReports.position(start, null),
                    "a SARIF log is a JSON object, but the file starts with " + describe(parser.currentToken()));
        }
        UniqueKeys keys = new UniqueKeys();
        boolean versioned = false;
        boolean hasRuns = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            keys.add(field, parser);
            JsonToken value = parser.nextToken();
            if ("version".equals(field)) {
                checkVersion(input, value.isScalarValue() ? parser.getText() : "", parser.currentTokenLocation());
                versioned = true;
                parser.skipChildren();
            } else if ("runs".equals(field)) {
                hasRuns = true;
                runs(input, parser, value, runs);
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(), null),
                    "unexpected content after the end of the JSON document");
        }
        if (!hasRuns) {
            throw new ReportException(input.name(), "", "not a SARIF log: the 'runs' array is missing");
        }
        return versioned;
    }

    private static void runs(ReportInput input, JsonParser parser, JsonToken value, RunReader runs)
            throws ReportException, IOException {
        if (value == JsonToken.VALUE_NULL) {
            // SARIF §3.13.4: null when the tool failed before it could start a run.
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(), "/runs"),
                    "'runs' must be an array, found " + describe(value));
        }
        for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new ReportException(input.name(), JsonReports.position(parser.currentTokenLocation(),
                        "/runs/" + index), "a run must be an object, found " + describe(parser.currentToken()));
            }
            runs.read(parser, index);
        }
    }

    /** 2.1.0 and its release candidates ("2.1.0-rtm.5"), which GitHub and others still write. */
    private static void checkVersion(ReportInput input, String version, JsonLocation location)
            throws ReportException {
        if (!version.equals("2.1.0") && !version.startsWith("2.1.0-rtm.")) {
            throw new ReportException(input.name(), JsonReports.position(location, "/version"),
                    "unsupported SARIF version '" + version + "': expected 2.1.0");
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
