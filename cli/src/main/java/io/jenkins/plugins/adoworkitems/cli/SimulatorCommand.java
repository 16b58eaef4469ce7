package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Azure DevOps simulator on its own, for trying the CLI or another client without an organization. */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the Azure DevOps simulator on 127.0.0.1 until Ctrl-C. Default seed: organization 'demo' "
                + "with project 'Demo' (Agile process).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ado-workitems simulator --port 8089 --pat my-test-token",
            "  AZURE_DEVOPS_EXT_PAT=my-test-token ado-workitems sync trivy.json \\",
            "      --org-url http://127.0.0.1:8089/demo --allow-private-urls --project Demo",
            "  ado-workitems simulator --seed seed.json --latency 50ms --rate-limit 100/1s",
            "  ado-workitems simulator --https --write-cert sim.pem     # then: sync ... --ca-cert sim.pem",
            "",
            "--pat is the token the simulator accepts: a test fixture, not a secret, so the command line is",
            "fine for it. The request log is at GET <base>/_simulator/requests (see docs/simulator.md)."})
final class SimulatorCommand implements Callable<Integer> {
    static final String DEFAULT_PAT = "sim-pat";
    private static final Pattern RATE = Pattern.compile("(\\d{1,9})/(.+)");
    private static final Pattern FAILURES = Pattern.compile("(\\d{1,9}):(500|503)");

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: 8089; 0 for any free port).")
    Integer port;

    @Option(names = "--pat", paramLabel = "TOKEN", description = "The PAT the simulator accepts (default: " + DEFAULT_PAT + ").")
    String pat;

    @Option(names = "--https", description = "Serve https with a self-signed certificate.")
    boolean https;

    @Option(names = "--write-cert", paramLabel = "FILE",
            description = "With https: write the self-signed certificate to FILE (PEM), for a client's --ca-cert.")
    Path writeCert;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "Organizations, collections, projects and credentials from a seed file (docs/simulator.md) "
                    + "instead of the default; its port and https settings apply.")
    Path seed;

    @Option(names = "--latency", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delay every answer, e.g. 50ms.")
    Duration latency;

    @Option(names = "--rate-limit", paramLabel = "N/DURATION",
            description = "Allow N requests per window, then answer 429 with Azure DevOps' headers, e.g. 100/1s.")
    String rateLimit;

    @Option(names = "--fail-first", paramLabel = "N:STATUS", description = "Fail the first N requests with 500 or 503, e.g. 3:503.")
    String failFirst;

    @Option(names = "--lose-write", paramLabel = "N",
            description = "Apply the N-th write, then drop its connection without an answer.")
    Integer loseWrite;

    @Option(names = "--slow-body", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Trickle every answer's body out over this long.")
    Duration slowBody;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        SimulatorConfig config = config();
        AdoSimulator simulator;
        try {
            simulator = AdoSimulator.start(config);
        } catch (IOException e) {
            throw CommandFailure.badInput("Cannot start the simulator on 127.0.0.1:" + config.port() + ": " + e.getMessage());
        }
        try {
            applyFaults(simulator);
            if (writeCert != null) {
                writeCertificate(simulator.certificatePem());
            }
        } catch (IllegalArgumentException e) {
            simulator.close();
            throw CommandFailure.badInput(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "ado-simulator-stop"));
        out.println("ADO simulator listening on " + simulator.baseUri() + (config.https() ? " (self-signed certificate)" : ""));
        for (SimulatorConfig.Account account : config.accounts()) {
            List<String> projects = config.projects().stream().filter(p -> p.account().equalsIgnoreCase(account.name()))
                    .map(p -> p.name() + " (" + p.process() + ")").toList();
            out.println(account.isServer()
                    ? "Collection URL: " + simulator.collectionUrl(account.name()) + "  projects: " + String.join(", ", projects)
                    : "Organization URL: " + simulator.organizationUrl(account.name()) + "  projects: " + String.join(", ", projects));
        }
        out.println(seed != null ? "Accepts the PATs of " + seed
                : "Accepts the PAT " + (pat == null ? "'" + DEFAULT_PAT + "' (the default)" : "given with --pat")
                        + " as the password of HTTP basic authentication.");
        if (writeCert != null) {
            out.println("Certificate (PEM): " + writeCert + "  trust it with --ca-cert " + writeCert);
        }
        out.println("Request log: " + simulator.baseUri() + "/_simulator/requests  counters: "
                + simulator.baseUri() + "/_simulator/counters");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }

    /** PEM, because that is what --ca-cert and most other clients (curl --cacert, NODE_EXTRA_CA_CERTS) take. */
    private void writeCertificate(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("--write-cert needs https: add --https (or \"https\": true in the seed file).");
        }
        try {
            Files.writeString(writeCert, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write --write-cert " + writeCert + ": " + e.getClass().getSimpleName());
        }
    }

    private SimulatorConfig config() {
        if (seed != null) {
            if (port != null || pat != null || https) {
                throw CommandFailure.badInput("With --seed, set the port, PATs and https in the seed file.");
            }
            try {
                return SimulatorConfig.fromSeedFile(seed);
            } catch (IOException | IllegalArgumentException e) {
                throw CommandFailure.badInput(e.getMessage());
            }
        }
        try {
            return SimulatorConfig.builder().organization("demo").project("demo", "Demo", Process.AGILE)
                    .pat(pat == null ? DEFAULT_PAT : pat, PatState.VALID).https(https).port(port == null ? 8089 : port).build();
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    private void applyFaults(AdoSimulator simulator) {
        if (latency != null) {
            simulator.faults().latency(latency);
        }
        if (slowBody != null) {
            simulator.faults().slowBody(slowBody);
        }
        if (rateLimit != null) {
            Matcher matcher = RATE.matcher(rateLimit.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--rate-limit takes N/DURATION, e.g. 100/1s, not '" + rateLimit + "'");
            }
            simulator.faults().rateLimit(Integer.parseInt(matcher.group(1)), DurationConverter.parse(matcher.group(2)));
        }
        if (failFirst != null) {
            Matcher matcher = FAILURES.matcher(failFirst.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--fail-first takes N:STATUS with status 500 or 503, e.g. 3:503, not '"
                        + failFirst + "'");
            }
            simulator.faults().failNext(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        }
        if (loseWrite != null) {
            simulator.faults().loseResponseOfWrite(loseWrite);
        }
    }
}
