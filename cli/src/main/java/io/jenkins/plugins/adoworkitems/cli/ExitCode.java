package io.jenkins.plugins.adoworkitems.cli;

/** The documented exit codes (docs/cli.md); scripts depend on them. */
final class ExitCode {
    static final int OK = 0;
    static final int POLICY_FAILURE = 1;
    static final int BAD_INPUT = 2;
    static final int CREDENTIALS = 3;
    static final int PARTIAL_FAILURE = 4;
    static final int UNREACHABLE = 5;
    /** An unexpected failure inside the tool: a bug to report. */
    static final int SOFTWARE = 70;

    private ExitCode() {
    }
}
