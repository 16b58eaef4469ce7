package io.jenkins.plugins.adoworkitems.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.hm.hafner.analysis.FileReaderFactory;
import edu.hm.hafner.analysis.parser.violations.SarifAdapter;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.FormatDetector;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.Parsers;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One way to read a SARIF file; each returns what it counted. The first four are the comparison the issue
 * asks for; the {@code diagnostic} ones take our parser apart to show where its time goes.
 */
enum ParseMode {
    /** Our streaming parser, every finding. */
    OURS("ours (all findings)", false) {
        @Override
        long run(Path file) throws Exception {
            AtomicLong findings = new AtomicLong();
            reader().stream(ReportInput.of(file), Optional.of(ReportFormat.SARIF), finding -> findings.incrementAndGet());
            return findings.get();
        }
    },
    /** Our streaming parser, counting only what a high+critical threshold keeps. */
    OURS_HIGH("ours, high+critical", false) {
        @Override
        long run(Path file) throws Exception {
            AtomicLong kept = new AtomicLong();
            reader().stream(ReportInput.of(file), Optional.of(ReportFormat.SARIF), finding -> {
                if (finding.severity().isAtLeast(Severity.HIGH)) {
                    kept.incrementAndGet();
                }
            });
            return kept.get();
        }
    },
    /** The whole file as one Jackson tree, as a non-streaming parser would read it; counts results. */
    JACKSON_TREE("Jackson readTree (whole file)", false) {
        @Override
        long run(Path file) throws Exception {
            JsonNode log = new ObjectMapper().readTree(file.toFile());
            long results = 0;
            for (JsonNode run : log.path("runs")) {
                results += run.path("results").size();
            }
            return results;
        }
    },
    /** analysis-model's SARIF parser, which warnings-ng uses; counts issues. */
    ANALYSIS_MODEL("analysis-model SarifAdapter", false) {
        @Override
        long run(Path file) throws Exception {
            return new SarifAdapter().parse(new FileReaderFactory(file, StandardCharsets.UTF_8)).size();
        }
    },
    /** One pass of bare tokens through the parser configuration ours uses: the ceiling of one pass. */
    TOKENS("tokens only, our parser settings, 1 pass", true) {
        @Override
        long run(Path file) throws Exception {
            try (JsonParser parser = JsonReports.open(ReportInput.of(file), ParseOptions.DEFAULTS)) {
                return countTokens(parser);
            }
        }
    },
    /** Our factory's limits, but without the duplicate-key check {@code JsonReports.open} switches on. */
    TOKENS_NO_DUPLICATE_CHECK("tokens only, our limits without duplicate-key check, 1 pass", true) {
        @Override
        long run(Path file) throws Exception {
            try (JsonParser parser = JsonReports.factory(ParseOptions.DEFAULTS)
                    .createParser(ReportInput.of(file).open())) {
                parser.nextToken();
                return countTokens(parser);
            }
        }
    },
    /** The same pass with Jackson's defaults, to show what our settings (duplicate-key checks…) cost. */
    TOKENS_PLAIN("tokens only, Jackson defaults, 1 pass", true) {
        @Override
        long run(Path file) throws Exception {
            try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
                parser.nextToken();
                return countTokens(parser);
            }
        }
    },
    /**
     * Format detection alone, as {@link FindingsReader} does it when no format is given. The generated log has
     * {@code $schema} and {@code version} before {@code runs}, so detection stops at the {@code runs} key.
     */
    DETECT("format detection only", true) {
        @Override
        long run(Path file) throws Exception {
            return detect(file);
        }
    },
    /** Detection at its dearest: the same log with {@code $schema} and {@code version} after the runs. */
    DETECT_KEYS_LAST("format detection, $schema and version after the runs", true) {
        @Override
        Path input(Path file) throws IOException {
            return keysLast(file);
        }

        @Override
        long run(Path file) throws Exception {
            return detect(file);
        }
    },
    /** One pass that builds a small tree per result, as our second pass does, without converting it. */
    RESULT_TREES("tokens + one tree per result, 1 pass", true) {
        @Override
        long run(Path file) throws Exception {
            ObjectMapper mapper = new ObjectMapper(JsonReports.factory(ParseOptions.DEFAULTS));
            long trees = 0;
            try (JsonParser parser = JsonReports.open(ReportInput.of(file), ParseOptions.DEFAULTS)) {
                JsonToken token = parser.currentToken();
                while (token != null) {
                    if (token == JsonToken.FIELD_NAME && "results".equals(parser.currentName())
                            && parser.nextToken() == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            mapper.readTree(parser);
                            trees++;
                        }
                    }
                    token = parser.nextToken();
                }
            }
            return trees;
        }
    };

    private final String label;
    private final boolean diagnostic;

    ParseMode(String label, boolean diagnostic) {
        this.label = label;
        this.diagnostic = diagnostic;
    }

    String label() {
        return label;
    }

    boolean diagnostic() {
        return diagnostic;
    }

    abstract long run(Path file) throws Exception;

    /** The file this mode reads instead of the generated one, made before the clock starts; the same by default. */
    Path input(Path file) throws IOException {
        return file;
    }

    /** 1 when the file is detected as SARIF. */
    private static long detect(Path file) throws Exception {
        ReportFormat format = new FormatDetector(Parsers.all(), ParseOptions.DEFAULTS).detect(ReportInput.of(file))
                .format();
        return format == ReportFormat.SARIF ? 1 : 0;
    }

    /** A copy of the log with its top-level {@code $schema} and {@code version} moved after its runs, made once. */
    private static Path keysLast(Path file) throws IOException {
        Path copy = file.resolveSibling(file.getFileName().toString().replace(".sarif", "-keys-last.sarif"));
        if (Files.exists(copy)) {
            return copy;
        }
        JsonFactory factory = new JsonFactory();
        Map<String, String> moved = new LinkedHashMap<>();
        try (JsonParser in = factory.createParser(file.toFile());
             JsonGenerator out = factory.createGenerator(copy.toFile(), JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter(); // indented like the generated log, so the sizes compare
            in.nextToken();
            out.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String key = in.currentName();
                in.nextToken();
                if (key.equals("$schema") || key.equals("version")) {
                    moved.put(key, in.getText());
                } else {
                    out.writeFieldName(key);
                    out.copyCurrentStructure(in);
                }
            }
            for (Map.Entry<String, String> entry : moved.entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
        }
        return copy;
    }

    private static FindingsReader reader() {
        return new FindingsReader(ParseOptions.DEFAULTS);
    }

    private static long countTokens(JsonParser parser) throws java.io.IOException {
        long tokens = 1;
        while (parser.nextToken() != null) {
            tokens++;
        }
        return tokens;
    }
}
