package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Suppression, routing and thresholds applied while reading (docs/sync.md, section 2), on the project's examples: a
 * Trivy scan of an image (2 critical, 4 high, 2 medium) and a CodeQL scan of a web app (5 results and a suppressed one).
 */
class FindingFilterTest {
    private static final List<ReportInput> EXAMPLES = List.of(ReportInput.of(Samples.example("trivy-image.json")),
            ReportInput.of(Samples.example("codeql-webapp.sarif")));

    private static Template template(String name, Routing routing, Severity threshold, Grouping grouping, String title) {
        return new Template(name, "", "Demo", "Bug", "", "", List.of(), "", threshold, null, title, "", Map.of(), routing,
                grouping, 0, false, "", null, false);
    }

    private static Routing tools(String... names) {
        return new Routing(List.of(names), List.of(), null, null, List.of(), List.of());
    }

    /** Trivy's image findings at high or above; CodeQL's SQL injections grouped by rule; the rest goes nowhere. */
    private static final List<Template> ROUTED = List.of(
            template("image", tools("Trivy"), Severity.HIGH, Grouping.FINDING, ""),
            template("sql", new Routing(List.of("CodeQL"), List.of("js/sql-*"), null, null, List.of(), List.of()),
                    Severity.INFO, Grouping.RULE, ""));

    private static ReadResult readAll(boolean includeSuppressed) throws Exception {
        return new FindingsReader(ParseOptions.DEFAULTS.withIncludeSuppressed(includeSuppressed))
                .readAll(EXAMPLES, Optional.empty(), false);
    }

    @Test
    void equalTextsOfOneReportAreOneInstanceSoTheyCrossTheWireOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        StringBuilder results = new StringBuilder();
        for (int line = 1; line <= 3; line++) {
            results.append(line == 1 ? "" : ",").append("""
                    {"ruleId": "js/xss", "message": {"text": "Cross-site scripting from a user-provided value."},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/routes/search.js"},
                                                         "region": {"startLine": %d}}}]}""".formatted(line * 10));
        }
        java.nio.file.Path sarif = java.nio.file.Files.writeString(dir.resolve("xss.sarif"), """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL", "rules": [{"id": "js/xss"}]}},
                  "results": [%s]}]}""".formatted(results));

        List<Finding> kept = FindingFilter.of(List.of(template("all", Routing.ANY, Severity.INFO, Grouping.FINDING, "")),
                false).read(List.of(ReportInput.of(sarif)), Optional.empty(), false).kept();

        assertThat(kept).hasSize(3);
        assertThat(kept.get(1).message()).isEqualTo("Cross-site scripting from a user-provided value.")
                .isSameAs(kept.get(0).message()).isSameAs(kept.get(2).message());
        assertThat(kept.get(2).locations().get(0).path()).isSameAs(kept.get(0).locations().get(0).path());
        assertThat(kept).extracting(finding -> finding.locations().get(0).startLine()).containsExactly(10, 20, 30);
    }

    @Test
    void filteringWhileReadingPlansWhatFilteringEveryFindingAfterwardsPlanned() throws Exception {
        ScreenedScan streamed = FindingFilter.of(ROUTED, true).read(EXAMPLES, Optional.empty(), false);
        ScreenedScan afterwards = FindingFilter.of(ROUTED, true).screen(readAll(true).reports());

        assertThat(streamed).isEqualTo(afterwards);
        assertThat(streamed.suppressed()).isEqualTo(1);
        assertThat(streamed.belowThreshold()).isEqualTo(2);
        assertThat(streamed.noTemplate()).isEqualTo(3);
        assertThat(streamed.kept()).hasSize(8);
        assertThat(streamed.findings()).isEqualTo(14);
        // Every finding a template took counts as present, below its threshold or not: 8 image findings, 1 SQL rule.
        assertThat(streamed.seen().size()).isEqualTo(9);
        assertThat(streamed.reports()).extracting(report -> report.summary().findings()).containsExactly(8, 6);

        SyncResult plan = SyncEngine.planOffline(new SyncRequest(streamed, ROUTED, LinkContext.NONE, true, false,
                ScanOrigin.NONE));
        assertThat(plan.total(Action.CREATE)).isEqualTo(7);
        assertThat(plan.entries()).hasSize(7).allSatisfy(entry -> assertThat(entry.action()).isEqualTo(Action.CREATE));
        assertThat(plan.skipped()).containsEntry(SkipReason.SUPPRESSED, 1).containsEntry(SkipReason.NO_TEMPLATE, 3)
                .containsEntry(SkipReason.BELOW_THRESHOLD, 2).containsEntry(SkipReason.OVER_CAP, 0);
        assertThat(plan.total(Action.SKIP)).as("every skip, listed or only counted").isEqualTo(6);
        assertThat(plan.entries(Action.SKIP)).isEmpty();
    }

    @Test
    void keptFindingsHoldOnlyWhatTheSyncReads() throws Exception {
        Template titled = template("bugs", Routing.ANY, Severity.INFO, Grouping.FINDING, "${rule.id} ${property.tags}");
        List<Finding> all = readAll(false).findings();
        assertThat(all).anySatisfy(finding -> assertThat(finding.relatedLocations()).isNotEmpty());
        assertThat(all).anySatisfy(finding -> assertThat(finding.properties()).containsKey("tags").hasSizeGreaterThan(1));

        ScreenedScan scan = FindingFilter.of(List.of(titled), false).read(EXAMPLES, Optional.empty(), false);

        assertThat(scan.kept()).hasSize(all.size()).allSatisfy(finding -> {
            assertThat(finding.relatedLocations()).isEmpty();
            assertThat(finding.properties().keySet()).isSubsetOf("tags");
        });
        assertThat(scan.kept()).extracting(finding -> finding.fingerprint().value())
                .containsExactlyElementsOf(all.stream().map(finding -> finding.fingerprint().value()).toList());
        assertThat(scan.kept()).extracting(finding -> Planner.title(new WorkUnit(titled,
                finding.fingerprint().value(), finding.tool().name(), List.of(finding))))
                .containsExactlyElementsOf(all.stream().map(finding -> Planner.title(new WorkUnit(titled,
                        finding.fingerprint().value(), finding.tool().name(), List.of(finding)))).toList());
    }

    @Test
    void aScanFilteredForOtherTemplatesIsRefused() throws Exception {
        ScreenedScan forRouted = FindingFilter.of(ROUTED, false).read(EXAMPLES, Optional.empty(), false);
        Template everything = Template.of("bugs", "Demo", "Bug");

        assertThatThrownBy(() -> new SyncRequest(forRouted, List.of(everything), LinkContext.NONE, true, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filtered for other templates");
    }

    /**
     * Resolve-on-fix needs every finding a template took, not only those kept: a finding that fell below the threshold
     * keeps its item open; one gone from the report resolves it.
     */
    @Test
    void aFindingBelowTheThresholdKeepsItsItemOpenAndAGoneOneIsResolved() throws Exception {
        Template everything = template("bugs", Routing.ANY, Severity.INFO, Grouping.FINDING, "");
        Template criticalOnly = template("bugs", Routing.ANY, Severity.CRITICAL, Grouping.FINDING, "");
        List<Report> reports = readAll(false).reports();
        Report trivy = reports.get(0);
        Finding high = trivy.findings().stream().filter(finding -> finding.severity() == Severity.HIGH).findFirst()
                .orElseThrow();
        Report trivyWithoutOneHigh = new Report(trivy.source(), trivy.format(),
                trivy.findings().stream().filter(finding -> finding != high).toList(), trivy.summary());

        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            SyncResult first = new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(reports,
                    List.of(everything), LinkContext.NONE, false, false));
            assertThat(first.total(Action.CREATE)).isEqualTo(13);

            SyncResult critical = new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(
                    FindingFilter.of(List.of(criticalOnly), false).screen(List.of(trivyWithoutOneHigh, reports.get(1))),
                    List.of(criticalOnly), LinkContext.NONE, false, true, ScanOrigin.NONE));

            assertThat(critical.total(Action.RESOLVE)).isEqualTo(1);
            assertThat(critical.entries(Action.RESOLVE)).singleElement()
                    .satisfies(entry -> assertThat(entry.fingerprint()).isEqualTo(high.fingerprint().value()));
            assertThat(critical.skipped(SkipReason.BELOW_THRESHOLD)).isEqualTo(9);
            assertThat(critical.total(Action.NOOP)).isEqualTo(3);
            List<WorkItem> open = ado.items("Demo").stream().filter(item -> Identity.fingerprintOf(item, "").isPresent())
                    .filter(item -> !item.state().equals("Resolved")).toList();
            assertThat(open).hasSize(12);
        }
    }

    /** A scan with an unreadable report is incomplete: nothing is resolved from it, whoever asks for resolving. */
    @Test
    void aScanWithAnUnreadableReportResolvesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Template resolving = new Template("bugs", "", "Demo", "Bug", "", "", List.of(), "", Severity.INFO, null, "", "",
                Map.of(), Routing.ANY, Grouping.FINDING, 0, true, "", null, false);
        java.nio.file.Path broken = java.nio.file.Files.writeString(dir.resolve("broken.sarif"),
                "{\"version\": \"2.1.0\", \"runs\": [");
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            SyncResult first = new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(readAll(false).reports(),
                    List.of(resolving), LinkContext.NONE, false, false));
            assertThat(first.total(Action.CREATE)).isEqualTo(13);

            // The same scan, but CodeQL's results moved to a file that cannot be read: the CodeQL report that was
            // read is clean, so without the rule its five items would look fixed.
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode codeql = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.readTree(Samples.example("codeql-webapp.sarif").toFile());
            codeql.withArray("runs").forEach(run -> ((com.fasterxml.jackson.databind.node.ObjectNode) run)
                    .putArray("results"));
            java.nio.file.Path clean = dir.resolve("codeql-clean.sarif");
            json.writeValue(clean.toFile(), codeql);
            List<ReportInput> scan = List.of(EXAMPLES.get(0), ReportInput.of(clean), ReportInput.of(broken));
            ScreenedScan incomplete = FindingFilter.of(List.of(resolving), false).read(scan, Optional.empty(), true);
            assertThat(incomplete.problems()).hasSize(1);
            SyncResult second = new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(incomplete,
                    List.of(resolving), LinkContext.NONE, false, true, ScanOrigin.NONE));

            assertThat(second.total(Action.RESOLVE)).isZero();
            assertThat(second.total(Action.NOOP)).isEqualTo(8);

            // The control: the same scan without the broken file resolves the five.
            ScreenedScan complete = FindingFilter.of(List.of(resolving), false).read(scan.subList(0, 2),
                    Optional.empty(), true);
            SyncResult third = new SyncEngine(ado.client(), new SyncLocks()).run(new SyncRequest(complete,
                    List.of(resolving), LinkContext.NONE, false, true, ScanOrigin.NONE));
            assertThat(third.total(Action.RESOLVE)).isEqualTo(5);
        }
    }
}
