package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;

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

    /**
     * The exit code when a whole command fails with this error. A refused URL is bad input: no retry helps, only
     * another URL or {@code --allow-private-urls}. Throttling and server errors that outlast the retries leave the
     * target unusable for this run, like a network failure. Errors about the configuration (project, type,
     * fields) are bad input too.
     */
    static int of(ErrorCode code) {
        return switch (code) {
            case AUTH_REQUIRED, CREDENTIALS_MALFORMED, SCOPE_UNAVAILABLE, PROXY_AUTH_REQUIRED, MANAGED_IDENTITY_UNAVAILABLE,
                    FEDERATED_ASSERTION_REFUSED -> CREDENTIALS;
            case NETWORK, RATE_LIMITED, SERVER_ERROR -> UNREACHABLE;
            case BASE_URL_BLOCKED, PROJECT_NOT_FOUND, TYPE_NOT_FOUND, FIELD_REJECTED, STATE_TRANSITION_REJECTED,
                    BAD_REQUEST, API_VERSION_UNSUPPORTED -> BAD_INPUT;
            case CONFLICT, OUTCOME_UNKNOWN, WORK_ITEM_NOT_FOUND -> PARTIAL_FAILURE;
        };
    }
}
