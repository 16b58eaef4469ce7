package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code simulator/az-check.sh} against an in-process simulator: Microsoft's Azure CLI with its azure-devops
 * extension creates, shows, updates and queries work items and lists projects on Services, Server 2022 and Server
 * 2019, finding every URL through the location service. Skipped, with the reason, where az or the extension is
 * not installed (Debian: azure-cli and python3-azext-devops), so the build does not depend on it.
 */
class AzureCliCheckTest {
    private static final Path SCRIPT = Path.of("az-check.sh");
    private static final Path SEED = Path.of("az-check-seed.json");

    @Test
    void theAzureCliFindsAndUsesEveryFlavourThroughTheLocationService() throws Exception {
        assumeTrue(onPath("az"), "az is not on PATH: install azure-cli and python3-azext-devops (Debian) to run simulator/az-check.sh");
        try (AdoSimulator sim = AdoSimulator.start(SimulatorConfig.fromSeedFile(SEED))) {
            java.lang.Process check = new ProcessBuilder("bash", SCRIPT.toString(), sim.baseUri().toString()).redirectErrorStream(true).start();
            check.getOutputStream().close();
            String output;
            try {
                output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(check.waitFor(5, TimeUnit.MINUTES)).as("az-check.sh finished in 5 minutes").isTrue();
            } finally {
                check.destroy();
            }
            if (check.exitValue() == 2) {
                abort("az-check.sh cannot run here: " + output.strip());
            }
            assertThat(check.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("FAIL").contains("PASS Services: az boards query --wiql", "PASS Server 2019: az boards work-item update");
            List<String> asked = sim.requestLog().entries().stream()
                    .map(e -> e.method() + " " + e.path().toLowerCase(Locale.ROOT)).toList();
            for (String account : List.of("/demo", "/tfs/defaultcollection", "/tfs/collection2019")) {
                assertThat(asked).as("discovery on %s", account).contains("OPTIONS " + account + "/_apis", "GET " + account + "/_apis/resourceareas");
            }
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
