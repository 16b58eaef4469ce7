package io.jenkins.plugins.adoworkitems.cli;

import javax.net.ssl.SSLHandshakeException;

/**
 * What to do when the server's certificate was refused. The core reports it as a network error like any other; on
 * the console the user needs the JDK's reason and the option that fixes the usual cause, a private CA.
 */
final class TlsHint {
    private TlsHint() {
    }

    /** A sentence to append to the error, or "" when no TLS handshake failed. */
    static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException handshake) {
                return " The TLS handshake failed (" + innermostMessage(handshake) + "). If the server's certificate "
                        + "comes from a private CA or is self-signed, pass --ca-cert FILE with that certificate in PEM.";
            }
        }
        return "";
    }

    /** The JDK nests the reason ("unable to find valid certification path ...") under class names; the reason reads best. */
    private static String innermostMessage(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
