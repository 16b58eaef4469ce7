package io.jenkins.plugins.adoworkitems.cli;

import javax.net.ssl.SSLHandshakeException;

/**
 * What to do when the server's certificate was refused. The core's error names the certificate check's reason; on
 * the console the user also needs the option that fixes the usual cause, a private CA.
 */
final class TlsHint {
    private TlsHint() {
    }

    /** A sentence to append to the error, or "" when no TLS handshake failed; the error already names the reason. */
    static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException) {
                return " If the server's certificate comes from a private CA or is self-signed, pass --ca-cert FILE "
                        + "with that certificate in PEM.";
            }
        }
        return "";
    }
}
