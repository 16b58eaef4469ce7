package io.jenkins.plugins.adoworkitems.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado-workitems}: the engine of the Jenkins plugin on the command line, for any CI. */
@Command(name = "ado-workitems", mixinStandardHelpOptions = true,
        versionProvider = AdoWorkItemsCli.Version.class,
        description = "Turns security scan results into Azure DevOps work items.",
        subcommands = {FindingsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:policy failure (--fail-on)",
            "2:usage error or unreadable input file",
            "3:credentials or scope",
            "4:partial failure",
            "5:target unreachable"})
public final class AdoWorkItemsCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting, for tests and embedding. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new AdoWorkItemsCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // A bug, not bad input: say so in one line; the stack trace only with ADO_WORKITEMS_DEBUG set.
            cmd.getErr().println("error: " + exception);
            if (System.getenv("ADO_WORKITEMS_DEBUG") != null) {
                exception.printStackTrace(cmd.getErr());
            }
            return ExitCode.SOFTWARE;
        });
        return commandLine.execute(args);
    }

    /** Reads the version Maven wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AdoWorkItemsCli.class.getPackage().getImplementationVersion();
            return new String[] {"ado-workitems " + (version == null ? "(development build)" : version)};
        }
    }
}
