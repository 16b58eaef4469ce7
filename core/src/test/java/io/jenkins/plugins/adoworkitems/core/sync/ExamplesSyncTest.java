package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine end to end on the project's own examples, so that a clone without the shared test data still checks
 * reading, planning and writing: a container image scan and a code scan into one Bug per finding.
 */
class ExamplesSyncTest {
    private static final Template BUGS = Template.of("bugs", "Demo", "Bug");

    @Test
    void theExamplesBecomeOneItemPerFindingOnceAndTheSuppressedResultNone() throws Exception {
        ReadResult read = new FindingsReader().readAll(List.of(
                ReportInput.of(Samples.example("trivy-image.json")),
                ReportInput.of(Samples.example("codeql-webapp.sarif"))), Optional.empty(), false);
        assertThat(read.reports()).extracting(report -> report.summary().findings()).containsExactly(8, 5);
        assertThat(read.reports().get(1).summary().suppressed()).isEqualTo(1);
        SyncRequest request = new SyncRequest(read.reports(), List.of(BUGS),
                new LinkContext("https://ci.example/job/shop-web/12/", "shop-web #12", ""), false, true);

        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            SyncResult first = new SyncEngine(ado.client(), new SyncLocks()).run(request);
            assertThat(first.total(Action.CREATE)).isEqualTo(13);
            List<WorkItem> items = ado.items("Demo");
            assertThat(items).hasSize(13);
            assertThat(items).extracting(item -> item.field("System.Title")).anySatisfy(title ->
                    assertThat(String.valueOf(title)).contains("CVE-2024-45490").contains("libexpat1"))
                    .noneSatisfy(title -> assertThat(String.valueOf(title)).contains("fixture"));
            assertThat(items).filteredOn(item -> String.valueOf(item.field("System.Title")).contains("Hard-coded"))
                    .singleElement().satisfies(item ->
                            assertThat(String.valueOf(item.field("Microsoft.VSTS.Common.Severity"))).isEqualTo("1 - Critical"));

            int writes = ado.writes();
            SyncResult second = new SyncEngine(ado.client(), new SyncLocks()).run(request);
            assertThat(second.total(Action.NOOP)).isEqualTo(13);
            assertThat(ado.writes()).isEqualTo(writes);
        }
    }

    /** An offline plan keeps the cap on new items, as an online one against an empty project would. */
    @Test
    void anOfflinePlanKeepsTheCapOnNewItems() throws Exception {
        ReadResult read = new FindingsReader().readAll(List.of(
                ReportInput.of(Samples.example("trivy-image.json")),
                ReportInput.of(Samples.example("codeql-webapp.sarif"))), Optional.empty(), false);
        Template capped = new Template("bugs", "", "Demo", "Bug", "", "", List.of(), "",
                io.jenkins.plugins.adoworkitems.core.finding.Severity.INFO, null, "", "", java.util.Map.of(),
                io.jenkins.plugins.adoworkitems.core.template.Routing.ANY,
                io.jenkins.plugins.adoworkitems.core.template.Grouping.FINDING, 5, false, "", null, false);

        SyncResult offline = SyncEngine.planOffline(new SyncRequest(read.reports(), List.of(capped), LinkContext.NONE,
                true, false));

        assertThat(offline.total(Action.CREATE)).isEqualTo(5);
        assertThat(offline.entries(Action.SKIP)).hasSize(8)
                .allSatisfy(entry -> assertThat(entry.detail()).isEqualTo("over the cap of 5 new items per run"));
    }
}
