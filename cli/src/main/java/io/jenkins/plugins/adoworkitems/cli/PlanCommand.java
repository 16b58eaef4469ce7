package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.PlanExport;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEngine;
import io.jenkins.plugins.adoworkitems.core.sync.SyncLocks;
import io.jenkins.plugins.adoworkitems.core.sync.SyncRequest;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A dry run: what a sync would do, read from Azure DevOps (or planned offline), with nothing written. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show what a sync would do without writing anything; optionally export the plan.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ado-workitems plan trivy.json --org-url https://dev.azure.com/acme --project Web",
            "  ado-workitems plan 'reports/**/*.sarif' --templates ado-templates.yml --output plan.md",
            "  ado-workitems plan trivy.json --project Web --offline --output plan.csv --output-format csv",
            "",
            "Without --offline the plan reads Azure DevOps (credentials as for sync). When the target cannot be",
            "reached, the plan is made offline and stderr says so: every finding is then planned as CREATE,",
            "because the existing items are unknown."})
final class PlanCommand implements Callable<Integer> {
    enum OutputFormat { JSON, CSV, MARKDOWN }

    @ParentCommand
    AdoWorkItemsCli root;

    @Mixin
    ReportOptions reports;

    @Mixin
    TemplateOptions templates;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    LinkOptions links;

    @Mixin
    ScanOriginOptions origin;

    @Option(names = "--resolve-fixed", description = "Plan resolving open items whose finding is gone from these reports.")
    boolean resolveFixed;

    @Option(names = "--offline", description = "Do not ask Azure DevOps which items exist; needs no URL or credentials.")
    boolean offline;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the plan to this file.")
    Path output;

    @Option(names = "--output-format", paramLabel = "FORMAT",
            description = "json, csv or markdown (default: from the file's extension .csv or .md, else json).")
    String outputFormat;

    @Option(names = "--json", description = "Print the plan as JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OutputFormat format = outputFormat();
        TemplateOptions.Chosen chosen = templates.choose();
        ScreenedScan scan = reports.screen(chosen.templates());
        Progress.read(err, scan);
        SyncRequest request = new SyncRequest(scan, chosen.templates(), links.links(), true, resolveFixed,
                origin.origin(root.environment()));
        SyncResult result;
        if (offline) {
            result = SyncEngine.planOffline(request);
            result.log().forEach(err::println);
        } else {
            AdoClient client = Connected.client(root, connection, chosen, err);
            try {
                result = new SyncEngine(client, new SyncLocks()).run(request, err::println);
            } catch (AdoException e) {
                if (e.code() != ErrorCode.NETWORK) {
                    throw new CommandFailure(ExitCode.of(e.code()), e.userMessage());
                }
                err.println("warning: " + e.getMessage() + TlsHint.of(e) + " Planning offline instead: existing items are unknown, so "
                        + "every finding is planned as CREATE.");
                result = SyncEngine.planOffline(request);
                result.log().forEach(err::println);
            }
        }
        err.flush();
        if (output != null) {
            write(output, format, result);
            err.println("Wrote the plan to " + output + " (" + format.name().toLowerCase(Locale.ROOT) + ")");
            err.flush();
        }
        if (json) {
            PlanExport.json(result, out);
            out.println();
            out.flush();
        } else {
            ResultTable.print(out, result);
        }
        return ExitCode.OK;
    }

    private OutputFormat outputFormat() {
        if (outputFormat != null) {
            try {
                return OutputFormat.valueOf(outputFormat.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.badInput("Unknown --output-format '" + outputFormat + "': use json, csv or markdown.");
            }
        }
        String name = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? OutputFormat.CSV
                : name.endsWith(".md") || name.endsWith(".markdown") ? OutputFormat.MARKDOWN : OutputFormat.JSON;
    }

    /** Written entry by entry: the plan of a large scan is never held as one text. */
    private static void write(Path file, OutputFormat format, SyncResult result) {
        try (Writer text = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (format) {
                case JSON -> PlanExport.json(result, text);
                case CSV -> PlanExport.csv(result, text);
                case MARKDOWN -> PlanExport.markdown(result, text);
            }
        } catch (IOException | UncheckedIOException e) {
            throw CommandFailure.badInput("Cannot write " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
