package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.DuplicateFilter;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Streams SARIF 2.1.0 logs. Key order is free in JSON and tools do write {@code results} before
 * {@code tool}, so the file is read twice: first the run metadata (rules, artifacts, uri bases), skipping
 * the results, then the results, one small tree at a time. Memory grows with the metadata, not with the
 * number of results. See docs/formats.md for what one finding is and how fields map.
 */
public final class SarifParser implements ReportParser {
    private static final Pattern RUNS_KEY = Pattern.compile("\"runs\"\\s*:");
    private static final Pattern SARIF_SCHEMA = Pattern.compile("\"\\$schema\"\\s*:\\s*\"[^\"]*sarif",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SARIF_VERSION = Pattern.compile("\"version\"\\s*:\\s*\"2\\.1\\.0[\"-]");

    @Override
    public ReportFormat format() {
        return ReportFormat.SARIF;
    }

    @Override
    public boolean recognises(String head) {
        return RUNS_KEY.matcher(head).find()
                && (SARIF_SCHEMA.matcher(head).find() || SARIF_VERSION.matcher(head).find());
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        ObjectMapper mapper = JsonReports.treeMapper(options);
        ParseSummary.Counter counter = new ParseSummary.Counter();
        MetadataReader.SarifLog log;
        try (JsonParser parser = JsonReports.open(input, options)) {
            try {
                log = new MetadataReader(input, mapper).read(parser);
            } catch (IOException e) {
                throw JsonReports.error(input, e, parser);
            }
        } catch (IOException closing) {
            throw JsonReports.error(input, closing, null);
        }
        checkVersion(input, log, counter);
        if (log.runs() == null) {
            throw new ReportException(input.name(), "", "not a SARIF log: the 'runs' array is missing");
        }
        // every run's tool, also one without results: it scanned and found nothing
        log.runs().forEach(run -> counter.tool(run.tool().name()));
        if (log.runs().isEmpty()) {
            return counter.summary();
        }
        try (JsonParser parser = JsonReports.open(input, options)) {
            try {
                streamResults(parser, mapper, log.runs(), options, counter, sink);
            } catch (IOException e) {
                throw JsonReports.error(input, e, parser);
            }
        } catch (IOException closing) {
            throw JsonReports.error(input, closing, null);
        }
        return counter.summary();
    }

    /** 2.1.0 and its release candidates ("2.1.0-rtm.5"), which GitHub and others still write. */
    private static void checkVersion(ReportInput input, MetadataReader.SarifLog log, ParseSummary.Counter counter)
            throws ReportException {
        String version = log.version();
        if (version == null) {
            counter.warning(input.name() + ": the SARIF log has no 'version'; read as SARIF 2.1.0");
            return;
        }
        if (!version.equals("2.1.0") && !version.startsWith("2.1.0-rtm.")) {
            throw new ReportException(input.name(), JsonReports.position(log.versionLocation(), "/version"),
                    "unsupported SARIF version '" + version + "': expected 2.1.0");
        }
    }

    private static void streamResults(JsonParser parser, ObjectMapper mapper, List<RunMetadata> runs,
                                      ParseOptions options, ParseSummary.Counter counter, Consumer<Finding> sink)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("runs".equals(field) && value == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == JsonToken.START_OBJECT && index < runs.size()) {
                        streamRun(parser, mapper, runs.get(index), options, counter, sink);
                    } else {
                        parser.skipChildren();
                    }
                    index++;
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void streamRun(JsonParser parser, ObjectMapper mapper, RunMetadata run, ParseOptions options,
                                  ParseSummary.Counter counter, Consumer<Finding> sink) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!"results".equals(field) || value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                continue;
            }
            // Duplicates are exact copies within one run; the same result in two runs is two scans' word.
            DuplicateFilter duplicates = new DuplicateFilter();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    counter.ignored();
                    continue;
                }
                JsonNode result = mapper.readTree(parser);
                emit(result, run, options, duplicates, counter, sink);
            }
        }
    }

    /** Applies the counting rules (docs/formats.md) in order: no problem, absent, suppressed, duplicate. */
    private static void emit(JsonNode result, RunMetadata run, ParseOptions options, DuplicateFilter duplicates,
                             ParseSummary.Counter counter, Consumer<Finding> sink) {
        if (ResultConverter.isNoProblem(result)) {
            counter.ignored();
            return;
        }
        if (BaselineState.parse(SarifNodes.text(result, "baselineState")) == BaselineState.ABSENT) {
            counter.absent();
            return;
        }
        boolean suppressed = ResultConverter.isSuppressed(result);
        if (suppressed && !options.includeSuppressed()) {
            counter.suppressed();
            return;
        }
        if (!duplicates.firstTime(ResultIdentity.of(result))) {
            counter.duplicate();
            return;
        }
        sink.accept(ResultConverter.convert(result, run, suppressed, counter));
        counter.finding();
    }
}
