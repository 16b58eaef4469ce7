package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** validate: the test-connection report for a person, and its exit codes. */
class ValidateIT {
    @TempDir
    Path work;

    private AdoSimulator simulator;
    private String org;

    @BeforeEach
    void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .pat("sim-pat", PatState.VALID).pat("code-only-pat", PatState.NO_WORK_ITEM_SCOPE).build());
        org = simulator.organizationUrl("demo");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private CliProcess.Result validate(String pat, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "validate";
        args[1] = "--org-url";
        args[2] = org;
        args[3] = "--allow-private-urls";
        System.arraycopy(more, 0, args, 4, more.length);
        return CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", pat), work, args);
    }

    @Test
    void aWorkingSetupPassesEveryCheckAndWritesNothing() throws Exception {
        CliProcess.Result ok = validate("sim-pat", "--project", "Demo", "--type", "Bug");

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Credentials: personal access token from AZURE_DEVOPS_EXT_PAT")
                .contains("[OK] Project Demo found.").contains("Every check passed.").doesNotContain("[FAILED]");
        assertThat(simulator.requestLog().entries()).filteredOn(LoggedRequest::isWrite).as("only the validate-only create")
                .hasSize(1).allSatisfy(write -> assertThat(write.query()).contains("validateOnly=true"));
    }

    /** A collection URL given as an organization gets Services' api-version; the error says which option to use. */
    @Test
    void aServerCollectionGivenAsAnOrganizationNamesTheCollectionOption() throws Exception {
        try (AdoSimulator server = AdoSimulator.start(SimulatorConfig.builder()
                .collection("DefaultCollection", io.jenkins.plugins.adoworkitems.simulator.ServerVersion.V2019)
                .project("DefaultCollection", "Legacy", Process.AGILE).pat("sim-pat", PatState.VALID).build())) {
            String collection = server.collectionUrl("DefaultCollection");

            CliProcess.Result asOrganization = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat"), work, "validate",
                    "--org-url", collection, "--allow-private-urls", "--project", "Legacy");
            assertThat(asOrganization.exitCode()).as(asOrganization.toString()).isEqualTo(2);
            assertThat(asOrganization.all()).contains("out of range").contains("--collection-url");

            CliProcess.Result asCollection = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat"), work, "validate",
                    "--collection-url", collection, "--allow-private-urls", "--project", "Legacy");
            assertThat(asCollection.exitCode()).as(asCollection.toString()).isZero();
        }
    }

    @Test
    void anUnknownProjectIsBadInput() throws Exception {
        CliProcess.Result missing = validate("sim-pat", "--project", "Nope", "--type", "Bug");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.out()).contains("[FAILED]").contains("Nope");
    }

    @Test
    void anUnknownTypeIsBadInputListingTheTypes() throws Exception {
        CliProcess.Result missing = validate("sim-pat", "--project", "Demo", "--type", "Defect");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.out()).contains("[FAILED]").contains("User Story");
    }

    @Test
    void aPatWithoutTheWorkItemScopeIsExitThree() throws Exception {
        CliProcess.Result scope = validate("code-only-pat", "--project", "Demo", "--type", "Bug");

        assertThat(scope.exitCode()).as(scope.toString()).isEqualTo(3);
        assertThat(scope.out()).contains("[FAILED]").doesNotContain("code-only-pat");
    }

    @Test
    void anUnknownPatIsExitThree() throws Exception {
        CliProcess.Result denied = validate("not-a-known-pat-93c1", "--project", "Demo");

        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(3);
        assertThat(denied.all()).contains("[FAILED]").doesNotContain("not-a-known-pat-93c1");
    }

    @Test
    void anUnreachableTargetIsExitFive() throws Exception {
        CliProcess.Result unreachable = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat"), work, "validate",
                "--org-url", SyncIT.closedPortUrl(), "--allow-private-urls", "--project", "Demo", "--retry-budget", "1s");

        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(5);
        assertThat(unreachable.out()).contains("[FAILED]").contains("Cannot connect");
    }
}
