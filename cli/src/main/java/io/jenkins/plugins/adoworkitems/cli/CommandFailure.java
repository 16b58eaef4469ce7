package io.jenkins.plugins.adoworkitems.cli;

/** A failure the user can act on: printed as one line, without a stack trace, and mapped to an exit code. */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CommandFailure badInput(String message) {
        return new CommandFailure(ExitCode.BAD_INPUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
