package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end over loopback HTTP against the Azure DevOps simulator (organization "demo", project "Demo", Agile). */
class AdoClientSimulatorTest {
    private static SimulatedAdo ado;

    @BeforeAll
    static void start() throws Exception {
        ado = SimulatedAdo.defaults();
    }

    @AfterAll
    static void stop() {
        ado.close();
    }

    @Test
    void createsQueriesUpdatesAndComments() throws Exception {
        AdoClient client = ado.client();
        WorkItem created = client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "CVE-2024-0001 in lib"),
                WriteOptions.DEFAULT);
        assertThat(created.field("System.Title")).isEqualTo("CVE-2024-0001 in lib");

        assertThat(client.wiql("Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'CVE-2024-0001 in lib'", 10))
                .contains(created.id());

        WorkItem updated = client.update(created.id(), JsonPatch.create().testRevision(created.rev())
                .setField("System.Title", "CVE-2024-0001 in lib (fixed)"), WriteOptions.DEFAULT);
        assertThat(updated.rev()).isEqualTo(created.rev() + 1);

        client.addComment("Demo", created.id(), "Still present in build 12");
        assertThat(client.comments("Demo", created.id())).extracting(Comment::text).contains("Still present in build 12");
    }

    @Test
    void aWrongPatIsAuthRequired() {
        assertThatThrownBy(() -> ado.client("not-the-pat").project("Demo")).isInstanceOfSatisfying(AdoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    }

    @Test
    void validationReportsTypeStatesAndMappingProblems() {
        ValidationReport report = new ConnectionValidator(ado.settings()).validate(ado.target(),
                new PersonalAccessToken(SimulatedAdo.PAT), WorkItemSetup.of("Demo", "Bug",
                        Map.of("Custom.NoSuchField", "x", "Microsoft.VSTS.Common.Priority", "${severity}")));
        assertThat(report.check(ValidationReport.Item.CREDENTIALS).status()).isEqualTo(ValidationReport.Status.OK);
        assertThat(report.check(ValidationReport.Item.WORK_ITEM_TYPE).status()).isEqualTo(ValidationReport.Status.OK);
        assertThat(report.unknownFields()).containsExactly("Custom.NoSuchField");
        assertThat(report.reopenStates()).isNotEmpty();
        assertThat(report.resolveStates()).isNotEmpty();
    }

    /** Checks that did not run come after the failure that stopped them, and sentences end with one full stop. */
    @Test
    void aFailedValidationListsWhatWasSkippedAfterTheFailure() {
        ValidationReport report = new ConnectionValidator(ado.settings()).validate(ado.target(),
                new PersonalAccessToken(SimulatedAdo.PAT), WorkItemSetup.of("NoSuchProject", "Bug", Map.of()));

        java.util.List<ValidationReport.Check> checks = report.checks();
        int failed = checks.indexOf(report.check(ValidationReport.Item.PROJECT));
        assertThat(checks.get(failed).status()).isEqualTo(ValidationReport.Status.FAILED);
        assertThat(checks.subList(0, failed)).extracting(ValidationReport.Check::status)
                .containsOnly(ValidationReport.Status.OK);
        assertThat(checks.subList(failed + 1, checks.size())).extracting(ValidationReport.Check::status)
                .containsOnly(ValidationReport.Status.SKIPPED);
        assertThat(report.check(ValidationReport.Item.SCOPE).status()).isEqualTo(ValidationReport.Status.SKIPPED);
        assertThat(report.lines()).noneMatch(line -> line.contains(".."));

        assertThatThrownBy(() -> ado.client("not-the-pat").project("Demo")).hasMessageNotContaining("..");
    }

    /** What a sync would be refused later: a path that is not in the project, a fingerprint field the type lacks. */
    @Test
    void validationChecksAreaAndIterationPathsAndTheFingerprintField() throws Exception {
        ConnectionValidator validator = new ConnectionValidator(ado.settings());

        ValidationReport wrong = validator.validate(ado.target(), new PersonalAccessToken(SimulatedAdo.PAT),
                new WorkItemSetup("Demo", "Bug", "Demo\\No Such Team", "", Map.of(), "Custom.Fingerprint"));
        assertThat(wrong.check(ValidationReport.Item.PLACEMENT).status()).isEqualTo(ValidationReport.Status.FAILED);
        assertThat(wrong.check(ValidationReport.Item.PLACEMENT).message()).contains("area Demo\\No Such Team")
                .contains("TF401347");
        assertThat(wrong.check(ValidationReport.Item.MAPPED_FIELDS).message()).contains("Custom.Fingerprint")
                .contains("the fingerprint field");
        assertThat(wrong.ok()).isFalse();

        ValidationReport iteration = validator.validate(ado.target(), new PersonalAccessToken(SimulatedAdo.PAT),
                new WorkItemSetup("Demo", "Bug", "Demo", "Demo\\Sprint 99", Map.of(), ""));
        assertThat(iteration.check(ValidationReport.Item.PLACEMENT).status()).isEqualTo(ValidationReport.Status.FAILED);

        ValidationReport right = validator.validate(ado.target(), new PersonalAccessToken(SimulatedAdo.PAT),
                new WorkItemSetup("Demo", "Bug", "Demo", "Demo", Map.of(), ""));
        assertThat(right.check(ValidationReport.Item.PLACEMENT).status()).isEqualTo(ValidationReport.Status.OK);
        assertThat(right.ok()).isTrue();
        assertThat(ado.items("Demo")).noneMatch(item -> String.valueOf(item.field("System.Title")).contains("Connection test"));
    }

    @Test
    void withoutTheOptInALoopbackTargetIsRefusedBeforeAnyRequest() {
        ado.simulator().requestLog().reset();
        AdoClient strict = AdoClient.create(ado.target(), new PersonalAccessToken("sim-pat"),
                ClientSettings.defaults().withUrlPolicy(UrlPolicy.strict()));

        assertThatThrownBy(() -> strict.project("Demo")).isInstanceOfSatisfying(AdoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BASE_URL_BLOCKED);
            assertThat(e.getMessage()).doesNotContain("sim-pat");
        });
        assertThat(ado.simulator().requestLog().count()).isZero();

        AdoClient httpOnly = AdoClient.create(ado.target(), new PersonalAccessToken("sim-pat"),
                ClientSettings.defaults().withUrlPolicy(new UrlPolicy(false, true)));
        assertThatThrownBy(() -> httpOnly.project("Demo")).isInstanceOfSatisfying(AdoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BASE_URL_BLOCKED));
        assertThat(ado.simulator().requestLog().count()).isZero();
    }
}
