package io.jenkins.plugins.adoworkitems.core.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a workload identity gets the OIDC token it presents to Entra ID as its client assertion. Asked before each
 * request to Entra ID, so a token that rotates (AKS rewrites its file about hourly; a CI system issues one per build) is
 * always the current one.
 */
public interface FederatedAssertion {
    /** The current token; never logged, and a failure's message never quotes it. */
    String read() throws AuthenticationException;

    /** Where the token comes from, safe for logs: a file name or a credential id. */
    String describe();

    /** The token last returned by {@link #read()}, null before; only for {@link Redactor#with(Credentials)}. */
    String lastRead();

    /** AKS workload identity: the file AZURE_FEDERATED_TOKEN_FILE names, read again whenever it changed. */
    static FederatedAssertion fromFile(Path file) {
        return new TokenFile(file);
    }

    /**
     * A token from the caller, e.g. the plugin's per-build OIDC token from a secret-text credential.
     *
     * @param description safe for logs, e.g. the credential id
     */
    static FederatedAssertion of(Supplier<String> token, String description) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(description, "description");
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        return new FederatedAssertion() {
            @Override
            public String read() throws AuthenticationException {
                String value = token.get();
                try {
                    SecretText.require(value == null ? "" : value.strip(), "federated token from " + description);
                } catch (IllegalArgumentException e) {
                    throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED, e.getMessage());
                }
                last.set(value.strip());
                return value.strip();
            }

            @Override
            public String lastRead() {
                return last.get();
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String toString() {
                return "FederatedAssertion[" + description + ", ****]";
            }
        };
    }

    /**
     * Reads the file on every call. MSAL asks only when it needs a new Entra ID token (about hourly), so this costs
     * nothing, and unlike comparing modification times it cannot miss a rewrite within the file system's time
     * resolution by a token of the same length.
     */
    final class TokenFile implements FederatedAssertion {
        private static final long MAX_BYTES = 64 * 1024;
        private final Path file;
        private String token;

        private TokenFile(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        @Override
        public synchronized String read() throws AuthenticationException {
            String text;
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED,
                            "The federated token file " + file + " is larger than 64 KiB; is it the right file?");
                }
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED,
                        "Cannot read the federated token file " + file + ": " + e.getClass().getSimpleName());
            }
            if (text.isEmpty()) {
                throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED,
                        "The federated token file " + file + " is empty");
            }
            try {
                SecretText.require(text, "federated token in " + file);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED, e.getMessage());
            }
            token = text;
            return token;
        }

        @Override
        public synchronized String lastRead() {
            return token;
        }

        @Override
        public String describe() {
            return "token file " + file;
        }

        @Override
        public String toString() {
            return "FederatedAssertion[" + describe() + "]";
        }
    }
}
