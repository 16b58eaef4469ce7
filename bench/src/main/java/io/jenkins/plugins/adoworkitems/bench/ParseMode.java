package io.jenkins.plugins.adoworkitems.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.hm.hafner.analysis.FileReaderFactory;
import edu.hm.hafner.analysis.parser.violations.SarifAdapter;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
