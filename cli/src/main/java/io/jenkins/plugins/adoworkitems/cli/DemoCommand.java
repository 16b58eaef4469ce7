package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEngine;
import io.jenkins.plugins.adoworkitems.core.sync.SyncLocks;
import io.jenkins.plugins.adoworkitems.core.sync.SyncRequest;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The whole product in one command, with nothing to set up: a simulated organization on loopback, example scanner
 * reports, a plan, a sync, and a second sync that writes nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sync example scanner reports into a simulated Azure DevOps organization on 127.0.0.1 (org 'demo', "
                + "project 'Demo'), then sync again to show that nothing changes twice. Needs no account and "
                + "contacts nothing but loopback.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ado-workitems demo",
            "  ado-workitems demo --samples ./reports",
            "",
            "The bundled reports are the project's own examples (examples/ in its repository): a Trivy scan",
            "of a container image and a CodeQL code scan of a small web app. Each run's writes are counted",
            "from the simulator's own request log."})
final class DemoCommand implements Callable<Integer> {
    static final List<String> SAMPLES = List.of("trivy-image.json", "codeql-webapp.sarif");
    private static final String ORGANIZATION = "demo";
    private static final String PROJECT = "Demo";

    @Option(names = "--samples", paramLabel = "DIR", description = "Use the reports in this directory instead of the bundled ones.")
    Path samples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws AdoException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path unpacked = samples == null ? unpackSamples() : null;
        try (AdoSimulator simulator = AdoSimulator.start(SimulatorConfig.defaults())) {
            ReadResult read = read(samples == null
                    ? SAMPLES.stream().map(name -> new ReportInput("demo/" + name, unpacked.resolve(name))).toList()
                    : given(samples));
            AdoTarget target = AdoTarget.services(URI.create(simulator.organizationUrl(ORGANIZATION)));
            Template template = Template.of("demo", PROJECT, "Bug");
            SyncRequest request = new SyncRequest(read.reports(), List.of(template), LinkContext.NONE, false, false);

            out.println("Simulated Azure DevOps: " + target.url() + " (project " + PROJECT + ", Agile process), loopback only");
            read.reports().forEach(report -> out.println("Report: " + report.source() + " (" + report.format().id() + ", "
                    + report.findings().size() + " finding(s))"));
            out.println("Template: one Bug per finding in " + PROJECT);

            run(out, simulator, target, "Plan (dry run)", new SyncRequest(request.scan(), request.templates(),
                    request.links(), true, false, request.origin()));
            int firstWrites = run(out, simulator, target, "Run 1: sync", request);
            int secondWrites = run(out, simulator, target, "Run 2: the same reports again", request);
            out.println();
            out.println("Writes: run 1 " + firstWrites + ", run 2 " + secondWrites + ". "
                    + (secondWrites == 0 ? "The second run found every item current and wrote nothing."
                    : "The second run wrote again: please report this."));
            out.flush();
            return secondWrites == 0 ? ExitCode.OK : ExitCode.SOFTWARE;
        } finally {
            if (unpacked != null) {
                deleteTree(unpacked);
            }
        }
    }

    /** One run with a fresh client, as a new CI job would have; returns the writes the simulator logged. */
    private static int run(PrintWriter out, AdoSimulator simulator, AdoTarget target, String heading, SyncRequest request)
            throws AdoException {
        // The simulator was started by this command on loopback, so plain http to a private address is expected.
        ClientSettings settings = ClientSettings.defaults().withUrlPolicy(new UrlPolicy(true, true));
        AdoClient client = AdoClient.create(target, new PersonalAccessToken(SimulatorCommand.DEFAULT_PAT), settings);
        int requestsBefore = simulator.requestLog().count();
        int writesBefore = simulator.requestLog().writes();
        SyncResult result = new SyncEngine(client, new SyncLocks()).run(request);
        int requests = simulator.requestLog().count() - requestsBefore;
        int writes = simulator.requestLog().writes() - writesBefore;
        out.println();
        out.println("== " + heading + " ==");
        ResultTable.print(out, result);
        out.println("Simulator request log: " + requests + " request(s), " + writes + " write request(s)"
                + (writes > 0 ? " (one $batch request carries up to 200 changes)" : ""));
        out.flush();
        return writes;
    }

    private static List<ReportInput> given(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw CommandFailure.badInput("--samples " + directory + " is not a directory");
        }
        try {
            return ReportArguments.resolve(List.of(directory.toString()), Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    private static ReadResult read(List<ReportInput> inputs) {
        try {
            ReadResult result = new FindingsReader().readAll(inputs, Optional.empty(), false);
            if (result.reports().isEmpty()) {
                throw CommandFailure.badInput("No reports found");
            }
            return result;
        } catch (ReportException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    private static Path unpackSamples() throws IOException {
        Path directory = Files.createTempDirectory("ado-workitems-demo");
        for (String name : SAMPLES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("The bundled sample demo/" + name + " is missing from the jar");
                }
                Files.copy(in, directory.resolve(name));
            }
        }
        return directory;
    }

    private static void deleteTree(Path directory) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
