package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.PlanExport;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEngine;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;
import io.jenkins.plugins.adoworkitems.core.sync.SyncLocks;
import io.jenkins.plugins.adoworkitems.core.sync.SyncRequest;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Applies a scan to Azure DevOps: creates, updates, reopens and (opt-in) resolves work items. */
@Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create, update and reopen work items for the findings of scan reports. A second run over the "
                + "same reports writes nothing.",
        footerHeading = "%nCredentials (never on the command line):%n",
        footer = {
            "  1. --pat-file FILE",
            "  2. AZURE_DEVOPS_EXT_PAT (a personal access token)",
            "  3. AZURE_CLIENT_ID + AZURE_TENANT_ID with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH",
            "     (+ AZURE_CLIENT_CERTIFICATE_PASSWORD for a PKCS#12 file, AZURE_AUTHORITY_HOST for other clouds)",
            "  4. SYSTEM_ACCESSTOKEN (an Azure Pipelines job's token)",
            "",
            "Examples:",
            "  export AZURE_DEVOPS_EXT_PAT=...",
            "  ado-workitems sync trivy.json --org-url https://dev.azure.com/acme --project Web --type Bug \\",
            "      --tags security,trivy --threshold medium --fail-on high",
            "  ado-workitems sync 'reports/**/*.sarif' --templates ado-templates.yml --template code-scanning --json",
            "  ado-workitems sync results.sarif --org-url http://127.0.0.1:8089/demo --allow-private-urls --project Demo",
            "",
            "Exit codes: 0 ok, 1 findings at or above --fail-on remain, 2 bad input, 3 credentials or scope,",
            "4 some writes failed, 5 Azure DevOps unreachable."})
final class SyncCommand implements Callable<Integer> {
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

    @Option(names = "--resolve-fixed",
            description = "Resolve open items whose finding is gone from these reports (only for tools the reports cover).")
    boolean resolveFixed;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit 1 when findings at or above this severity remain open after the sync.")
    Severity failOn;

    @Option(names = "--json", description = "Print the result as JSON (totals, HTTP requests, entries) instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws AdoException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TemplateOptions.Chosen chosen = templates.choose();
        ScreenedScan scan = reports.screen(chosen.templates());
        Progress.read(err, scan);
        AdoClient client = Connected.client(root, connection, chosen, err);
        SyncResult result = new SyncEngine(client, new SyncLocks()).run(new SyncRequest(scan,
                chosen.templates(), links.links(), false, resolveFixed, origin.origin(root.environment())), line -> {
                    err.println(line);
                    err.flush();
                });
        if (json) {
            PlanExport.json(result, out);
            out.println();
            out.flush();
        } else {
            ResultTable.print(out, result);
        }
        return exitCode(result, failOn, err);
    }

    private static boolean credentialsRefused(SyncEntry entry) {
        try {
            return ExitCode.of(ErrorCode.valueOf(entry.errorCode())) == ExitCode.CREDENTIALS;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static int exitCode(SyncResult result, Severity failOn, PrintWriter err) {
        if (result.hasFailures()) {
            // Refused credentials stop every write after the first: one line says so, not one per finding.
            Optional<SyncEntry> refused = result.entries(Action.FAILED).stream().filter(entry -> credentialsRefused(entry))
                    .findFirst();
            if (refused.isPresent()) {
                ErrorCode code = ErrorCode.valueOf(refused.get().errorCode());
                err.println("error: " + code + ": " + refused.get().errorMessage() + " " + code.fix());
                err.println("error: nothing more was written (" + result.total(Action.FAILED) + " change(s) not made); "
                        + "the next run makes them once the credentials may write.");
                err.flush();
                return ExitCode.of(code);
            }
            for (SyncEntry failed : result.entries(Action.FAILED)) {
                err.println("error: " + failed.title() + ": " + failed.errorCode() + ": " + failed.errorMessage());
            }
            err.println("error: " + result.total(Action.FAILED) + " write(s) failed; the next run retries them.");
            err.flush();
            return ExitCode.PARTIAL_FAILURE;
        }
        if (failOn != null) {
            long open = result.entries().stream().filter(entry -> entry.action().leavesOpen())
                    .filter(entry -> entry.severity() != null && entry.severity().isAtLeast(failOn)).count();
            if (open > 0) {
                err.println("policy: " + open + " open work item(s) for findings at or above " + failOn.label()
                        + " (--fail-on " + failOn.label().toLowerCase(java.util.Locale.ROOT) + ")");
                err.flush();
                return ExitCode.POLICY_FAILURE;
            }
        }
        return ExitCode.OK;
    }
}
