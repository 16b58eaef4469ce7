package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * Credentials that cannot be used: unreadable certificate, or a token endpoint that refused them. The message
 * names what is wrong and never contains the secret itself.
 */
public class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, so that callers can give the right fix (the client maps it to its error codes). */
    public enum Reason {
        /** The token endpoint or the credentials themselves were refused: secret, certificate, token. */
        REFUSED,
        /** No managed identity endpoint answered, or it has no such identity. */
        MANAGED_IDENTITY_UNAVAILABLE,
        /** The federated assertion (OIDC token) could not be read, or Entra ID refused it. */
        FEDERATED_ASSERTION_REFUSED
    }

    private final Reason reason;

    public AuthenticationException(String message) {
        this(Reason.REFUSED, message, null);
    }

    public AuthenticationException(String message, Throwable cause) {
        this(Reason.REFUSED, message, cause);
    }

    public AuthenticationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public AuthenticationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
