package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.FingerprintSet;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportOutline;
import io.jenkins.plugins.adoworkitems.core.parse.ReportProblem;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.Placeholders;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sync's templates decide about findings before any work item is looked at: suppressed, taken by no
 * template, or below the threshold of the template that takes it (docs/sync.md, section 2). Applied while reports
 * are read, so that only the findings that can lead to a write are held; the rest are counted. Plain serializable
 * data, so that the Jenkins plugin can send it to the agent that reads the reports and get a {@link ScreenedScan}
 * back instead of every finding.
 *
 * @param rules one per template, in the templates' order: a finding goes to the first whose routing takes it
 * @param properties the tool properties the templates' placeholders read; a kept finding keeps only these
 * @param includeSuppressed whether parsers pass on the findings a scanner marked suppressed (they are then counted
 *                          as {@link SkipReason#SUPPRESSED}); by default parsers skip and count them themselves
 */
public record FindingFilter(List<Rule> rules, List<String> properties, boolean includeSuppressed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * What one template contributes to filtering.
     *
     * @param grouping decides the identity of the item a finding belongs to, which a finding below the threshold
     *                 still marks as present
     */
    public record Rule(String template, Routing routing, Severity threshold, Grouping grouping) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Rule {
            routing = routing == null ? Routing.ANY : routing;
            threshold = threshold == null ? Severity.INFO : threshold;
            grouping = grouping == null ? Grouping.FINDING : grouping;
        }
    }

    public FindingFilter {
        rules = List.copyOf(rules);
        properties = List.copyOf(new TreeSet<>(properties));
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("A finding filter needs at least one template");
        }
    }

    /** The filter of these templates, tried in order. */
    public static FindingFilter of(List<Template> templates, boolean includeSuppressed) {
        Set<String> properties = new TreeSet<>();
        for (Template template : templates) {
            properties.addAll(Placeholders.properties(template.title()));
            properties.addAll(Placeholders.properties(template.description()));
            template.fields().values().forEach(value -> properties.addAll(Placeholders.properties(value)));
        }
        return new FindingFilter(templates.stream().map(template -> new Rule(template.name(), template.routing(),
                template.threshold(), template.grouping())).toList(), List.copyOf(properties), includeSuppressed);
    }

    /** How the reports must be parsed for this filter. */
    public ParseOptions parseOptions() {
        return ParseOptions.DEFAULTS.withIncludeSuppressed(includeSuppressed);
    }

    /**
     * Reads the reports here (on a Jenkins agent: where the files are) and keeps what a sync may write. Reports are
     * read as {@link FindingsReader#readEach} reads them, several at once; each finding is judged as it is parsed.
     *
     * @param keepGoing a broken report is a problem in the result, and the others are still read; without it the
     *                  first broken report is thrown
     */
    public ScreenedScan read(List<ReportInput> inputs, Optional<ReportFormat> format, boolean keepGoing)
            throws ReportException {
        FindingsReader reader = new FindingsReader(parseOptions());
        FindingsReader.Each<Screened> each = reader.readEach(inputs, input -> {
            Sieve sieve = new Sieve();
            ReportFormat read = reader.format(input, format);
            return sieve.done(input.name(), read, reader.stream(input, Optional.of(read), sieve::accept));
        }, keepGoing);
        return merge(each.results(), each.problems());
    }

    /** Filters reports that were already read, as {@link #read} would have while reading them. */
    public ScreenedScan screen(List<Report> reports) {
        List<Screened> screened = new ArrayList<>();
        for (Report report : reports) {
            Sieve sieve = new Sieve();
            report.findings().forEach(sieve::accept);
            screened.add(sieve.done(report.source(), report.format(), report.summary()));
        }
        return merge(screened, List.of());
    }

    /**
     * A short digest of what decides the filtering (rules and kept properties): a {@link ScreenedScan} carries it, and
     * a sync refuses a scan filtered for other templates.
     */
    public String id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (rules + "\n" + properties).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The rule that takes a finding: the first whose routing matches it, or null. */
    Rule ruleFor(Finding finding) {
        for (Rule rule : rules) {
            if (rule.routing().matches(finding)) {
                return rule;
            }
        }
        return null;
    }

    private ScreenedScan merge(List<Screened> screened, List<ReportProblem> problems) {
        List<ReportOutline> outlines = new ArrayList<>();
        List<Finding> kept = new ArrayList<>();
        int suppressed = 0;
        int noTemplate = 0;
        int belowThreshold = 0;
        FingerprintSet seen = FingerprintSet.EMPTY;
        for (Screened report : screened) {
            outlines.add(report.outline());
            kept.addAll(report.kept());
            suppressed += report.suppressed();
            noTemplate += report.noTemplate();
            belowThreshold += report.belowThreshold();
            seen = seen.with(report.seen());
        }
        return new ScreenedScan(outlines, kept, suppressed, noTemplate, belowThreshold, seen, problems, id());
    }

    /** One report's share of a {@link ScreenedScan}. */
    private record Screened(ReportOutline outline, List<Finding> kept, int suppressed, int noTemplate,
                            int belowThreshold, FingerprintSet seen) {
    }

    /** Judges one report's findings as they are parsed; one per report, so reports can be read on several threads. */
    private final class Sieve {
        private final Map<String, String> tools = new LinkedHashMap<>();
        private final Set<String> targets = new LinkedHashSet<>();
        private final List<Finding> kept = new ArrayList<>();
        private final FingerprintSet.Builder seen = FingerprintSet.builder();
        private int suppressed;
        private int noTemplate;
        private int belowThreshold;

        void accept(Finding finding) {
            // Every finding, dropped or not, names a tool and target this scan covered: resolve-on-fix needs them.
            tools.putIfAbsent(Fingerprints.normaliseName(finding.tool().name()), finding.tool().name());
            targets.add(finding.target());
            if (finding.suppressed()) {
                suppressed++;
                return;
            }
            Rule rule = ruleFor(finding);
            if (rule == null) {
                noTemplate++;
                return;
            }
            seen.add(Router.unitFingerprint(rule.grouping(), finding));
            if (!finding.severity().isAtLeast(rule.threshold())) {
                belowThreshold++;
                return;
            }
            kept.add(compact(finding, this));
        }

        /**
         * One instance of each equal value in this report's kept findings: Java serialization writes a repeated
         * instance as a back-reference, and the controller holds it once. Messages, paths, snippets and identifier
         * lists repeat across the findings of one rule (the 200 MB benchmark file: 21,326 distinct messages among
         * 204,408 findings).
         */
        private final Map<Object, Object> shared = new HashMap<>();

        @SuppressWarnings("unchecked")
        <T> T shared(T value) {
            return value == null ? null : (T) shared.computeIfAbsent(value, key -> key);
        }

        Screened done(String source, ReportFormat format, ParseSummary summary) {
            return new Screened(new ReportOutline(source, format, summary, List.copyOf(tools.values()),
                    List.copyOf(targets)), kept, suppressed, noTemplate, belowThreshold, seen.build());
        }
    }

    /**
     * The finding with only what a sync reads (routing, fingerprints, titles, descriptions, placeholders): related
     * locations, SARIF level and kind, the baseline state and every tool property no template reads are dropped. The
     * property map alone was the largest part of a SARIF finding in memory (docs/performance.md). Equal texts of one
     * report become one instance ({@link Sieve#shared}).
     */
    private Finding compact(Finding finding, Sieve sieve) {
        Map<String, String> read = new LinkedHashMap<>();
        for (String key : properties) {
            String value = finding.properties().get(key);
            if (value != null) {
                read.put(key, value);
            }
        }
        List<Location> locations = new ArrayList<>(finding.locations().size());
        for (Location location : finding.locations()) {
            locations.add(sieve.shared(new Location(sieve.shared(location.path()), location.startLine(),
                    location.startColumn(), location.endLine(), location.endColumn(), sieve.shared(location.snippet()),
                    sieve.shared(location.message()))));
        }
        return new Finding(finding.tool(), finding.rule(), finding.severity(), sieve.shared(finding.originalSeverity()),
                finding.score(), "", "", sieve.shared(finding.message()), sieve.shared(List.copyOf(locations)), List.of(),
                sieve.shared(finding.asset()), sieve.shared(finding.identifiers()), finding.suppressed(), null,
                finding.fingerprint(), sieve.shared(read), sieve.shared(finding.target()));
    }
}
