package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12 §2: whatever goes wrong, no secret of the run reaches stdout or stderr, in clear or in base64. */
class RedactionIT {
    private static final String PAT = "pat-echo-6f2d0c9a81b7e345d";
    private static final String TRIVY = CliProcess.example("trivy-image.json").toString();

    @TempDir
    Path work;

    private AdoSimulator simulator;
    private String org;

    @BeforeEach
    void start() throws Exception {
        simulator = AdoSimulator.start(SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                .pat(PAT, PatState.VALID).build());
        org = simulator.organizationUrl("demo");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** The secret as written and as headers carry it: base64 of itself and of ":"/"user:" before it, both alphabets. */
    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(List.of(secret));
        for (String text : List.of(secret, ":" + secret, "user:" + secret)) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                forms.add(encoder.withoutPadding().encodeToString(bytes));
            }
        }
        return forms;
    }

    private static void assertNeverPrinted(CliProcess.Result result, String... secrets) {
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                assertThat(result.all()).as(result.toString()).doesNotContain(form);
            }
        }
        assertThat(result.all()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private CliProcess.Result cli(Map<String, String> environment, String... args) throws Exception {
        return CliProcess.run(environment, work, args);
    }

    @Test
    void aTokenWithALineBreakIsRefusedByNameNotByValue() throws Exception {
        CliProcess.Result bearer = cli(Map.of("SYSTEM_ACCESSTOKEN", "tok-first-4b1e8a\ntok-second-9d7c2f"),
                "sync", TRIVY, "--org-url", org, "--allow-private-urls", "--project", "Demo");

        assertThat(bearer.exitCode()).as(bearer.toString()).isEqualTo(3);
        assertThat(bearer.err()).contains("CREDENTIALS_MALFORMED").contains("SYSTEM_ACCESSTOKEN").contains("line break");
        assertNeverPrinted(bearer, "tok-first-4b1e8a", "tok-second-9d7c2f", "tok-first-4b1e8a\ntok-second-9d7c2f");

        CliProcess.Result pat = cli(Map.of("AZURE_DEVOPS_EXT_PAT", "pat-first-51c0\rpat-second-e27b"),
                "validate", "--org-url", org, "--allow-private-urls", "--project", "Demo");

        assertThat(pat.exitCode()).as(pat.toString()).isEqualTo(3);
        assertThat(pat.err()).contains("CREDENTIALS_MALFORMED").contains("AZURE_DEVOPS_EXT_PAT");
        assertNeverPrinted(pat, "pat-first-51c0", "pat-second-e27b");
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void aPasswordInTheOrganizationUrlIsMaskedInProgressAndErrorLines() throws Exception {
        String withLogin = org.replace("://", "://builder:url-pw-0c41d7@");

        CliProcess.Result sync = cli(Map.of("AZURE_DEVOPS_EXT_PAT", PAT), "sync", TRIVY, "--org-url", withLogin,
                "--allow-private-urls", "--project", "Demo");
        CliProcess.Result validate = cli(Map.of("AZURE_DEVOPS_EXT_PAT", PAT), "validate", "--org-url", withLogin,
                "--allow-private-urls", "--project", "Demo");

        assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(2);
        assertThat(sync.err()).contains("Azure DevOps: http://****@127.0.0.1").contains("BASE_URL_BLOCKED");
        assertNeverPrinted(sync, "url-pw-0c41d7", "builder:url-pw-0c41d7", PAT);
        assertThat(validate.out()).contains("Azure DevOps: http://****@127.0.0.1").contains("[FAILED]");
        assertNeverPrinted(validate, "url-pw-0c41d7", "builder:url-pw-0c41d7", PAT);
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void aMalformedUrlWithAPasswordIsNamedWithoutIt() throws Exception {
        for (String option : List.of("--org-url", "--collection-url")) {
            CliProcess.Result malformed = cli(Map.of("AZURE_DEVOPS_EXT_PAT", PAT), "sync", TRIVY, option,
                    "http://builder:bad pw-77e1a9@ado.example.com/tfs/Main", "--project", "Demo");

            assertThat(malformed.exitCode()).as(malformed.toString()).isEqualTo(2);
            assertThat(malformed.err()).containsPattern("[Mm]alformed").contains("http://****@ado.example.com/tfs/Main");
            assertNeverPrinted(malformed, "pw-77e1a9", "bad pw-77e1a9");
        }
    }

    @Test
    void anAuthorityHostWithALoginIsRefusedWithoutShowingIt() throws Exception {
        for (String authority : List.of("http://tenant-admin:authority-pw-3a9f@login.example.com",
                "https://tenant-admin:authority-pw-3a9f@login.example.com", "https://tenant-admin:authority-pw-3a9f@log in")) {
            CliProcess.Result refused = cli(Map.of("AZURE_DEVOPS_EXT_PAT", PAT, "AZURE_AUTHORITY_HOST", authority),
                    "sync", TRIVY, "--org-url", org, "--allow-private-urls", "--project", "Demo");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("AZURE_AUTHORITY_HOST").contains("****@");
            assertNeverPrinted(refused, "authority-pw-3a9f", "tenant-admin:authority-pw-3a9f", PAT);
        }
    }

    @Test
    void aServerErrorQuotingTheAuthorizationHeaderIsPrintedWithoutIt() throws Exception {
        Map<String, String> environment = Map.of("AZURE_DEVOPS_EXT_PAT", PAT);

        simulator.faults().echoAuthorizationNext(1);
        CliProcess.Result sync = cli(environment, "sync", TRIVY, "--org-url", org, "--allow-private-urls",
                "--project", "Demo");
        simulator.faults().echoAuthorizationNext(1);
        CliProcess.Result plan = cli(environment, "plan", TRIVY, "--org-url", org, "--allow-private-urls",
                "--project", "Demo");
        simulator.faults().echoAuthorizationNext(1);
        CliProcess.Result validate = cli(environment, "validate", "--org-url", org, "--allow-private-urls",
                "--project", "Demo");

        for (CliProcess.Result result : List.of(sync, plan, validate)) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.all()).contains("(HTTP 400)").contains("Authorization=Basic ****");
            assertNeverPrinted(result, PAT);
        }
        assertThat(sync.err()).contains("error: BAD_REQUEST");
        assertThat(plan.err()).contains("error: BAD_REQUEST");
        assertThat(validate.out()).contains("[FAILED]");
    }
}
