package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** create: the single-item mode of the plugin, on the command line, with and without a dedup key. */
class CreateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PAT = Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat");

    @TempDir
    Path work;

    private AdoSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.defaults());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private CliProcess.Result create(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "--org-url", simulator.organizationUrl("demo"),
                "--allow-private-urls", "--project", "Demo", "--type", "Task"));
        args.addAll(List.of(more));
        return CliProcess.run(PAT, work, args.toArray(String[]::new));
    }

    @Test
    void aDedupKeyCreatesOnceThenComments() throws Exception {
        CliProcess.Result first = create("--title", "Deploy of web failed", "--description", "See <the> log",
                "--priority", "2", "--field", "Microsoft.VSTS.Common.Activity=Deployment", "--dedup-key", "deploy-web",
                "--json");
        CliProcess.Result second = create("--title", "Deploy of web failed again", "--dedup-key", "deploy-web", "--json");
        CliProcess.Result plain = create("--title", "Deploy of web failed", "--json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode created = JSON.readTree(first.out());
        assertThat(created.path("created").asBoolean()).isTrue();
        assertThat(created.path("url").asText()).contains("/Demo/_workitems/edit/" + created.path("id").asInt());
        JsonNode found = JSON.readTree(second.out());
        assertThat(found.path("created").asBoolean()).isFalse();
        assertThat(found.path("id").asInt()).isEqualTo(created.path("id").asInt());
        // Without a key every call is a new item, as before.
        assertThat(JSON.readTree(plain.out()).path("id").asInt()).isNotEqualTo(created.path("id").asInt());
        assertThat(first.err()).doesNotContain("sim-pat");
    }

    @Test
    void badInputIsRefusedBeforeAnyWrite() throws Exception {
        CliProcess.Result noTitle = create("--dedup-key", "k");
        CliProcess.Result badPriority = create("--title", "t", "--priority", "7");
        CliProcess.Result both = create("--title", "t", "--description", "a", "--description-html", "<p>b</p>");

        assertThat(noTitle.exitCode()).isEqualTo(2);
        assertThat(noTitle.err()).contains("--title");
        assertThat(badPriority.exitCode()).as(badPriority.toString()).isEqualTo(2);
        assertThat(badPriority.err()).contains("A priority is 1 to 4, got 7");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(simulator.requestLog().writes()).isZero();
    }
}
