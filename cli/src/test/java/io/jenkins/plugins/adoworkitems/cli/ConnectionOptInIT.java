package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: a templates file's connection may opt into plain http and private addresses, as the Jenkins connection
 * can, so a CI job needs no extra flag; and a refusal names every way out. The simulator is http on 127.0.0.1.
 */
class ConnectionOptInIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PAT = Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat");
    private static final String REPORT = CliProcess.example("codeql-webapp.sarif").toString();

    @TempDir
    Path work;

    private AdoSimulator simulator;
    private String org;

    @BeforeEach
    void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.defaults());
        org = simulator.organizationUrl("demo");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String templates(String connectionOptions) throws Exception {
        Path file = work.resolve("templates.yml");
        Files.writeString(file, "connections:\n  - name: sim\n    url: " + org + "\n" + connectionOptions
                + "templates:\n  - name: web\n    connection: sim\n    project: Demo\n    type: Bug\n");
        return file.toString();
    }

    private CliProcess.Result sync(String templates, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "sync";
        args[1] = REPORT;
        args[2] = "--templates";
        args[3] = templates;
        System.arraycopy(more, 0, args, 4, more.length);
        return CliProcess.run(PAT, work, args);
    }

    @Test
    void aConnectionThatAllowsHttpAndPrivateUrlsSyncsWithoutTheFlag() throws Exception {
        String templates = templates("    allowHttp: true\n    allowPrivateUrls: true\n");

        CliProcess.Result synced = sync(templates, "--json");

        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        assertThat(JSON.readTree(synced.out()).path("totals").path("create").asInt()).isPositive();
        assertThat(simulator.requestLog().writes()).isPositive();

        CliProcess.Result validated = CliProcess.run(PAT, work, "validate", "--templates", templates);
        assertThat(validated.exitCode()).as(validated.toString()).isZero();
    }

    @Test
    void withoutTheOptInTheRefusalNamesTheFlagAndTheFileKeys() throws Exception {
        CliProcess.Result refused = sync(templates(""));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("BASE_URL_BLOCKED").contains("plain http").contains("--allow-private-urls")
                .contains("allowHttp").contains("allowPrivateUrls").doesNotContain("sim-pat");
        assertThat(simulator.requestLog().count()).isZero();

        CliProcess.Result validated = CliProcess.run(PAT, work, "validate", "--templates", templates(""));
        assertThat(validated.exitCode()).as(validated.toString()).isEqualTo(2);
        assertThat(validated.out()).contains("plain http").contains("--allow-private-urls").contains("allowHttp");
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void privateAddressesAloneStillRefusePlainHttp() throws Exception {
        CliProcess.Result refused = sync(templates("    allowPrivateUrls: true\n"));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("BASE_URL_BLOCKED").contains("plain http");
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void theFilesOptInDoesNotCoverAUrlGivenOnTheCommandLine() throws Exception {
        CliProcess.Result refused = sync(templates("    allowHttp: true\n    allowPrivateUrls: true\n"), "--org-url", org);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("BASE_URL_BLOCKED");
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void anUnknownConnectionKeyIsRefusedWithItsPosition() throws Exception {
        CliProcess.Result refused = sync(templates("    allowPrivateAddresses: true\n"));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("templates.yml").contains("line 4")
                .contains("unknown key 'allowPrivateAddresses'").contains("allowPrivateUrls");
        assertThat(simulator.requestLog().count()).isZero();
    }
}
