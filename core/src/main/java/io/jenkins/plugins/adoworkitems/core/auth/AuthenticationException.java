package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * Credentials that cannot be used: unreadable certificate, or a token endpoint that refused them. The message
 * names what is wrong and never contains the secret itself.
 */
public class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
