package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Tag;

/** plan and sync as separate processes against a simulator this test started; the simulator's log is the truth. */
@Tag("shared-data")
class SyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PAT = Map.of("AZURE_DEVOPS_EXT_PAT", "sim-pat");
    private static final String TRIVY = "trivy/scheme_2_many_vulns.json";

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

    private CliProcess.Result cli(Map<String, String> environment, String... args) throws Exception {
        return CliProcess.run(environment, work, args);
    }

    private static String sample(String name) {
        return CliProcess.sample(name).toString();
    }

    private String[] sync(String report, String... more) {
        List<String> args = new ArrayList<>(List.of("sync", sample(report), "--org-url", org, "--allow-private-urls",
                "--project", "Demo", "--type", "Bug", "--tags", "security,cli-test"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void syncCreatesThenASecondRunWritesNothing() throws Exception {
        CliProcess.Result first = cli(PAT, sync(TRIVY, "--json", "--build-url", "https://ci.example/job/app/7/"));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode result = JSON.readTree(first.out());
        assertThat(result.path("totals").path("create").asInt()).isEqualTo(5);
        assertThat(result.path("httpRequests").asInt()).isEqualTo(simulator.requestLog().count());
        assertThat(first.err()).contains("signing in with the personal access token from AZURE_DEVOPS_EXT_PAT")
                .contains("Read ").contains("5 finding(s)");
        int writesAfterFirst = simulator.requestLog().writes();
        assertThat(writesAfterFirst).isPositive();

        simulator.requestLog().reset();
        CliProcess.Result second = cli(PAT, sync(TRIVY));

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(simulator.requestLog().writes()).isZero();
        assertThat(simulator.requestLog().count()).isPositive();
        assertThat(second.out()).contains("noop 5;").contains("/Demo/_workitems/edit/");
    }

    @Test
    void failOnExitsOneWhenFindingsAtOrAboveRemainAndZeroOtherwise() throws Exception {
        CliProcess.Result critical = cli(PAT, sync(TRIVY, "--fail-on", "critical"));

        assertThat(critical.exitCode()).as(critical.toString()).isEqualTo(1);
        assertThat(critical.err()).contains("policy: 1 open work item(s) for findings at or above Critical");

        // njsscan reported nothing critical (one error-level and one warning-level result).
        CliProcess.Result none = cli(PAT, sync("sarif/njsscan.sarif", "--fail-on", "critical"));
        assertThat(none.exitCode()).as(none.toString()).isZero();
    }

    @Test
    void planWritesTheExportsAndNothingToAzureDevOps() throws Exception {
        for (String[] output : List.of(new String[] {"plan.json", "json"}, new String[] {"plan.csv", "csv"},
                new String[] {"plan.md", "markdown"})) {
            CliProcess.Result plan = cli(PAT, "plan", sample(TRIVY), "--org-url", org, "--allow-private-urls",
                    "--project", "Demo", "--output", work.resolve(output[0]).toString(), "--output-format", output[1]);
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("create 5;").contains("dry run, nothing written");
        }

        assertThat(simulator.requestLog().writes()).isZero();
        assertThat(simulator.requestLog().entries()).extracting(LoggedRequest::isWrite).containsOnly(false);
        JsonNode json = JSON.readTree(work.resolve("plan.json").toFile());
        assertThat(json.path("dryRun").asBoolean()).isTrue();
        assertThat(json.path("totals").path("create").asInt()).isEqualTo(5);
        assertThat(json.path("entries")).hasSize(5);
        assertThat(Files.readAllLines(work.resolve("plan.csv"))).hasSize(6)
                .first().asString().startsWith("action,template,severity");
        assertThat(Files.readString(work.resolve("plan.md"))).startsWith("# Plan (dry run)").contains("CVE-2019-12900");
    }

    @Test
    void planOfflineNeedsNoTargetAndAnUnreachableTargetFallsBackToIt() throws Exception {
        CliProcess.Result offline = cli(Map.of(), "plan", sample(TRIVY), "--project", "Demo", "--offline", "--json");

        assertThat(offline.exitCode()).as(offline.toString()).isZero();
        assertThat(JSON.readTree(offline.out()).path("totals").path("create").asInt()).isEqualTo(5);
        assertThat(offline.err()).contains("Plan made offline");

        CliProcess.Result unreachable = cli(PAT, "plan", sample(TRIVY), "--org-url", closedPortUrl(), "--allow-private-urls",
                "--project", "Demo", "--retry-budget", "1s");
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isZero();
        assertThat(unreachable.err()).contains("Planning offline instead");
        assertThat(unreachable.out()).contains("create 5;");
    }

    /**
     * A SARIF run whose results are null or missing says nothing about what is fixed: --resolve-fixed closes
     * nothing of its tool and says why; results of the wrong type are bad input and nothing is synced.
     */
    @Test
    void aRunWithoutResultsResolvesNothingAndMistypedResultsSyncNothing() throws Exception {
        CliProcess.Result first = cli(PAT, sync("sarif/njsscan.sarif", "--resolve-fixed"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("create 2;");
        ObjectNode log = (ObjectNode) JSON.readTree(CliProcess.sample("sarif/njsscan.sarif").toFile());
        ObjectNode run = (ObjectNode) log.path("runs").get(0);

        for (JsonNode unknown : List.of(NullNode.getInstance(), MissingNode.getInstance())) {
            if (unknown.isMissingNode()) {
                run.remove("results");
            } else {
                run.set("results", unknown);
            }
            Path report = Files.writeString(work.resolve("no-results.sarif"), log.toString());
            simulator.requestLog().reset();
            CliProcess.Result again = CliProcess.run(PAT, work, "sync", report.toString(), "--org-url", org,
                    "--allow-private-urls", "--project", "Demo", "--type", "Bug", "--tags", "security,cli-test",
                    "--resolve-fixed");

            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(simulator.requestLog().writes()).as(again.toString()).isZero();
            assertThat(again.out()).doesNotContain("resolve 2");
            assertThat(again.err()).contains("warning: " + report + ": run 0 (nodejsscan)")
                    .contains("has no 'results' array").contains("nothing it reported before is resolved");
        }

        run.set("results", JSON.createObjectNode());
        Path mistyped = Files.writeString(work.resolve("object-results.sarif"), log.toString());
        simulator.requestLog().reset();
        CliProcess.Result bad = CliProcess.run(PAT, work, "sync", mistyped.toString(), "--org-url", org,
                "--allow-private-urls", "--project", "Demo", "--resolve-fixed");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("object-results.sarif").contains("at /runs/0/results")
                .contains("'results' must be an array, found an object").contains("nothing was synced");
        assertThat(simulator.requestLog().writes()).isZero();
    }

    /** A token that may read but not write: one clear line and the credentials exit code, not a line per finding. */
    @Test
    void aReadOnlyTokenStopsAtTheFirstRefusedWriteWithOneLine() throws Exception {
        try (AdoSimulator readOnly = AdoSimulator.start(SimulatorConfig.builder().organization("demo")
                .project("demo", "Demo", io.jenkins.plugins.adoworkitems.simulator.Process.AGILE)
                .pat("read-only-pat", io.jenkins.plugins.adoworkitems.simulator.PatState.READ_ONLY_SCOPE).build())) {
            CliProcess.Result sync = CliProcess.run(Map.of("AZURE_DEVOPS_EXT_PAT", "read-only-pat"), work, "sync",
                    sample(TRIVY), "--org-url", readOnly.organizationUrl("demo"), "--allow-private-urls",
                    "--project", "Demo");

            assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(3);
            assertThat(sync.err().lines().filter(line -> line.contains("SCOPE_UNAVAILABLE"))).hasSize(1);
            assertThat(sync.err()).contains("nothing more was written (5 change(s) not made)").doesNotContain("read-only-pat");
            // At most the lease claim and the first batch were tried; nothing after the first refusal.
            assertThat(readOnly.requestLog().writes()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aBrokenReportIsBadInputNamingFileAndPosition() throws Exception {
        CliProcess.Result broken = cli(PAT, sync("bad/trailing-garbage-trivy.json"));

        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.err()).contains("trailing-garbage-trivy.json").containsPattern("line \\d+").contains("nothing was synced")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void aBrokenTemplatesFileIsBadInputNamingLineAndColumn() throws Exception {
        Path templates = work.resolve("templates.yml");
        Files.writeString(templates, "templates:\n  - name: web\n    project: Demo\n    type: Bug\n    colour: red\n");

        CliProcess.Result broken = cli(PAT, "sync", sample(TRIVY), "--org-url", org, "--allow-private-urls",
                "--templates", templates.toString());

        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(2);
        assertThat(broken.err()).contains("templates.yml").contains("line 5").contains("unknown key 'colour'")
                .doesNotContain("\tat ");
    }

    @Test
    void aTemplatesFileWithItsConnectionSyncs() throws Exception {
        Path templates = work.resolve("templates.yml");
        Files.writeString(templates, "connections:\n  - name: sim\n    url: " + org + "\n"
                + "templates:\n  - name: web\n    connection: sim\n    project: Demo\n    type: Task\n    tags: [sec]\n"
                + "  - name: other\n    connection: sim\n    project: Demo\n    type: Bug\n");

        CliProcess.Result synced = cli(PAT, "sync", sample("sarif/njsscan.sarif"), "--allow-private-urls",
                "--templates", templates.toString(), "--template", "web", "--json");

        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        JsonNode result = JSON.readTree(synced.out());
        assertThat(result.path("totals").path("create").asInt()).isEqualTo(2);
        assertThat(result.path("entries")).allSatisfy(entry -> assertThat(entry.path("template").asText()).isEqualTo("web"));
    }

    @Test
    void aWrongPatIsExitThreeAndNeverPrinted() throws Exception {
        String wrong = "wrong-pat-7f3a9c1e52d84b6a";

        CliProcess.Result denied = cli(Map.of("AZURE_DEVOPS_EXT_PAT", wrong), sync(TRIVY));

        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(3);
        assertThat(denied.err()).contains("AUTH_REQUIRED").doesNotContain("\tat ");
        assertThat(denied.all()).doesNotContain(wrong).doesNotContain("7f3a9c1e");
        assertThat(simulator.requestLog().writes()).isZero();
    }

    @Test
    void aPatFileIsReadAndNamed() throws Exception {
        Path patFile = work.resolve("pat.txt");
        Files.writeString(patFile, "sim-pat\n");

        CliProcess.Result synced = cli(Map.of(), sync("sarif/njsscan.sarif", "--pat-file", patFile.toString()));

        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        assertThat(synced.err()).contains("personal access token from " + patFile);
    }

    @Test
    void noCredentialsIsExitThreeSayingWhereTheyComeFrom() throws Exception {
        CliProcess.Result none = cli(Map.of(), sync(TRIVY));

        assertThat(none.exitCode()).as(none.toString()).isEqualTo(3);
        assertThat(none.err()).contains("AZURE_DEVOPS_EXT_PAT").contains("SYSTEM_ACCESSTOKEN").contains("--pat-file");
    }

    @Test
    void anUnreachableTargetIsExitFive() throws Exception {
        CliProcess.Result unreachable = cli(PAT, "sync", sample(TRIVY), "--org-url", closedPortUrl(), "--allow-private-urls",
                "--project", "Demo", "--retry-budget", "1s");

        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(5);
        assertThat(unreachable.err()).contains("NETWORK").contains("Cannot connect").doesNotContain("\tat ");
    }

    @Test
    void plainHttpToLoopbackIsRefusedWithoutTheOptIn() throws Exception {
        CliProcess.Result refused = cli(PAT, "sync", sample(TRIVY), "--org-url", org, "--project", "Demo");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("BASE_URL_BLOCKED").contains("plain http");
        assertThat(simulator.requestLog().count()).isZero();

        CliProcess.Result global = cli(PAT, "--allow-private-urls", "sync", sample("sarif/njsscan.sarif"), "--org-url", org,
                "--project", "Demo");
        assertThat(global.exitCode()).as(global.toString()).isZero();
    }

    /** A loopback port nobody listens on: bound, then released. */
    static String closedPortUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/demo";
    }
}
