package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ConnectionValidator;
import io.jenkins.plugins.adoworkitems.core.ado.ValidationReport;
import io.jenkins.plugins.adoworkitems.core.sync.TemplateSetup;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** "Test connection": target, credentials, project, type and field mapping, checked without changing anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check the connection, credentials, project, work item type and fields of each template, "
                + "without changing anything (write access is proven with a validate-only create).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  export AZURE_DEVOPS_EXT_PAT=...",
            "  ado-workitems validate --org-url https://dev.azure.com/acme --project Web --type Bug",
            "  ado-workitems validate --templates ado-templates.yml",
            "",
            "Exit codes: 0 every check passed, 2 the configuration does not fit (project, type, fields, URL",
            "refused), 3 credentials or scope, 5 Azure DevOps unreachable."})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    AdoWorkItemsCli root;

    @Mixin
    TemplateOptions templates;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> environment = root.environment();
        TemplateOptions.Chosen chosen = templates.choose();
        AdoTarget target = connection.requiredTarget(chosen.url(), chosen.apiVersion());
        CredentialsFromEnvironment.Chosen credentials = connection.credentials(environment);
        root.learn(credentials.credentials());
        out.println("Azure DevOps: " + target);
        out.println("Credentials: " + credentials.source());
        connection.addedTrustLines().forEach(line -> out.println("Also trusting: " + line));
        ConnectionOptions.proxyLine(environment).ifPresent(line -> out.println("Proxy: " + line));
        ConnectionValidator validator = new ConnectionValidator(connection.settings(
                connection.urlPolicy(root.allowPrivateUrls(), chosen.connection()), environment));
        int exitCode = ExitCode.OK;
        boolean untrusted = false;
        for (Template template : chosen.templates()) {
            out.println();
            out.println("Template " + template.name() + ": " + template.workItemType() + " in " + template.project());
            ValidationReport report = validator.validate(target, credentials.credentials(), TemplateSetup.of(template));
            report.lines().forEach(line -> out.println("  " + line));
            untrusted |= report.checks().stream().anyMatch(check -> check.message() != null
                    && check.message().startsWith("The TLS certificate of "));
            if (exitCode == ExitCode.OK && !report.ok()) {
                exitCode = exitCode(report);
            }
        }
        out.println();
        out.println(exitCode == ExitCode.OK ? "Every check passed." : "Some checks failed; see the lines marked [FAILED].");
        if (untrusted) {
            out.println("If the server's certificate comes from a private CA or is self-signed, pass --ca-cert FILE "
                    + "with that CA (or the certificate itself) in PEM.");
        }
        out.flush();
        return exitCode;
    }

    /** The first failed check decides: the checks run in order, and later ones depend on earlier ones. */
    static int exitCode(ValidationReport report) {
        return report.checks().stream().filter(check -> check.status() == ValidationReport.Status.FAILED).findFirst()
                .map(check -> check.code() == null ? ExitCode.BAD_INPUT : ExitCode.of(check.code()))
                .orElse(ExitCode.OK);
    }
}
