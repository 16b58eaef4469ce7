package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** {@code ado-workitems}: the engine of the Jenkins plugin on the command line, for any CI. */
@Command(name = "ado-workitems", mixinStandardHelpOptions = true,
        versionProvider = AdoWorkItemsCli.Version.class,
        description = "Turns security scan results into Azure DevOps work items.",
        subcommands = {DemoCommand.class, FindingsCommand.class, PlanCommand.class, SyncCommand.class,
            ValidateCommand.class, CreateCommand.class, SimulatorCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:policy failure (--fail-on)",
            "2:usage error, unreadable input file, or a configuration or URL Azure DevOps refuses",
            "3:credentials or scope",
            "4:partial failure (some writes failed)",
            "5:target unreachable (network, or throttling and server errors beyond the retries)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ado-workitems demo                       # a full sync against a built-in simulator",
            "  ado-workitems findings results.sarif --summary",
            "  ado-workitems sync trivy.json --org-url https://dev.azure.com/acme --project Web --fail-on high",
            "",
            "Secrets come from environment variables or files, never from arguments (see 'sync --help').",
            "Set ADO_WORKITEMS_DEBUG=1 to print stack traces of unexpected errors. Guide: docs/cli.md"})
public final class AdoWorkItemsCli {
    /** Held so that its level stays set: the JDK keeps loggers only weakly. */
    private static final Logger PRODUCT_LOGGER = Logger.getLogger("io.jenkins.plugins.adoworkitems");

    @Option(names = "--allow-private-urls", scope = CommandLine.ScopeType.LOCAL,
            description = "For every subcommand: allow plain http and loopback or private addresses.")
    boolean allowPrivateUrls;

    private final Map<String, String> environment;
    /** This run's secrets; replaced by a redactor that knows more when credentials are read from a file. */
    private Redactor redactor;

    public AdoWorkItemsCli() {
        this(System.getenv());
    }

    AdoWorkItemsCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.redactor = RunSecrets.of(this.environment, List.of());
    }

    public static void main(String[] args) {
        AdoWorkItemsCli root = new AdoWorkItemsCli();
        root.logToStderr();
        System.exit(root.execute(args));
    }

    /** Runs the command line without exiting, for tests and embedding. */
    public static int run(String... args) {
        return new AdoWorkItemsCli().execute(args);
    }

    int execute(String... args) {
        redactor = RunSecrets.of(environment, List.of(args));
        return commandLine(this).execute(args);
    }

    static CommandLine commandLine(AdoWorkItemsCli root) {
        // Wide enough for the examples in the footers, which picocli would otherwise wrap mid-command.
        // Everything the commands, picocli and the error handler print goes through the run's redactor.
        CommandLine commandLine = new CommandLine(root).setUsageHelpWidth(110)
                .setOut(root.console(System.out)).setErr(root.console(System.err));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            int code;
            if (exception instanceof CommandFailure failure) {
                err.println("error: " + failure.getMessage());
                code = failure.exitCode();
            } else if (exception instanceof AdoException ado) {
                err.println("error: " + ado.userMessage() + TlsHint.of(ado));
                code = ExitCode.of(ado.code());
            } else {
                // A bug, not bad input: say so in one line; the stack trace only with ADO_WORKITEMS_DEBUG set.
                err.println("error: unexpected " + exception + " (a bug; set ADO_WORKITEMS_DEBUG=1 for details and "
                        + "report it)");
                code = ExitCode.SOFTWARE;
            }
            if (root.environment.get("ADO_WORKITEMS_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        return commandLine;
    }

    boolean allowPrivateUrls() {
        return allowPrivateUrls;
    }

    /** From now on also masks the secret of these credentials: a token read from a file was not known up front. */
    void learn(Credentials credentials) {
        redactor = redactor.with(credentials);
    }

    Redactor redactor() {
        return redactor;
    }

    private PrintWriter console(OutputStream stream) {
        return new PrintWriter(new RedactingWriter(new OutputStreamWriter(stream, Charset.defaultCharset()),
                this::redactor), true);
    }

    Map<String, String> environment() {
        return environment;
    }

    /**
     * The core logs retries and fallbacks with java.util.logging; one plain line each on stderr reads better than
     * the JDK's two-line default. Other libraries only speak up from WARNING.
     */
    private void logToStderr() {
        LogManager.getLogManager().reset();
        Logger rootLogger = Logger.getLogger("");
        rootLogger.setLevel(Level.WARNING);
        PRODUCT_LOGGER.setLevel(Level.INFO);
        java.util.logging.Formatter formatter = new java.util.logging.SimpleFormatter();
        rootLogger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    System.err.println(redactor.redact((record.getLevel().intValue() >= Level.WARNING.intValue()
                            ? "warning: " : "") + formatter.formatMessage(record)));
                }
            }

            @Override
            public void flush() {
                System.err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
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
