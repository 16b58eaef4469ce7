package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.BearerToken;
import io.jenkins.plugins.adoworkitems.core.auth.ClientCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks the credentials from files and environment variables, never from the command line, where other users of
 * the machine can read them (ps, shell history, CI logs that echo commands). The first that is set wins:
 * {@code --pat-file}, {@code AZURE_DEVOPS_EXT_PAT}, a service principal ({@code AZURE_CLIENT_ID} with
 * {@code AZURE_CLIENT_SECRET} or {@code AZURE_CLIENT_CERTIFICATE_PATH}), {@code SYSTEM_ACCESSTOKEN}.
 */
final class CredentialsFromEnvironment {
    static final String PAT = "AZURE_DEVOPS_EXT_PAT";
    static final String ACCESS_TOKEN = "SYSTEM_ACCESSTOKEN";
    static final String TENANT = "AZURE_TENANT_ID";
    static final String CLIENT = "AZURE_CLIENT_ID";
    static final String SECRET = "AZURE_CLIENT_SECRET";
    static final String CERTIFICATE = "AZURE_CLIENT_CERTIFICATE_PATH";
    static final String CERTIFICATE_PASSWORD = "AZURE_CLIENT_CERTIFICATE_PASSWORD";
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    /** The credentials and where they came from, for the console; {@code source} never holds the secret. */
    record Chosen(Credentials credentials, String source) {
    }

    private CredentialsFromEnvironment() {
    }

    static Chosen choose(Map<String, String> environment, Path patFile) {
        if (patFile != null) {
            String token = new String(read(patFile, "--pat-file"), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CommandFailure(ExitCode.CREDENTIALS, "The PAT file " + patFile + " is empty.");
            }
            String source = "personal access token from " + patFile;
            return new Chosen(checked(source, () -> new PersonalAccessToken(token)), source);
        }
        String pat = value(environment, PAT);
        if (!pat.isEmpty()) {
            return new Chosen(checked(PAT, () -> new PersonalAccessToken(pat)), "personal access token from " + PAT);
        }
        String client = value(environment, CLIENT);
        if (!client.isEmpty()) {
            return servicePrincipal(environment, client);
        }
        String accessToken = value(environment, ACCESS_TOKEN);
        if (!accessToken.isEmpty()) {
            return new Chosen(checked(ACCESS_TOKEN, () -> new BearerToken(accessToken)), "bearer token from " + ACCESS_TOKEN);
        }
        throw new CommandFailure(ExitCode.CREDENTIALS, "No credentials: set " + PAT + " (a personal access token), "
                + ACCESS_TOKEN + " (the pipeline's token), or " + CLIENT + " and " + TENANT + " with " + SECRET + " or "
                + CERTIFICATE + " (a service principal); or pass --pat-file FILE.");
    }

    private static Chosen servicePrincipal(Map<String, String> environment, String client) {
        String tenant = value(environment, TENANT);
        if (tenant.isEmpty()) {
            throw new CommandFailure(ExitCode.CREDENTIALS, CLIENT + " is set but " + TENANT + " is not; a service "
                    + "principal needs both.");
        }
        String secret = value(environment, SECRET);
        if (!secret.isEmpty()) {
            return new Chosen(checked(SECRET, () -> new ServicePrincipalSecret(tenant, client, secret)),
                    "service principal " + client + " in tenant " + tenant + " with the client secret from " + SECRET);
        }
        String certificatePath = value(environment, CERTIFICATE);
        if (certificatePath.isEmpty()) {
            throw new CommandFailure(ExitCode.CREDENTIALS, CLIENT + " is set but neither " + SECRET + " nor "
                    + CERTIFICATE + "; a service principal signs in with one of them.");
        }
        Path path = Path.of(certificatePath);
        byte[] data = read(path, CERTIFICATE);
        ClientCertificate certificate;
        try {
            String text = new String(data, StandardCharsets.UTF_8);
            certificate = text.contains("-----BEGIN")
                    ? ClientCertificate.fromPem(text)
                    : ClientCertificate.fromPkcs12(data, value(environment, CERTIFICATE_PASSWORD).toCharArray());
        } catch (AuthenticationException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, CERTIFICATE + " " + path + ": " + e.getMessage());
        }
        return new Chosen(new ServicePrincipalCertificate(tenant, client, certificate), "service principal " + client
                + " in tenant " + tenant + " with the certificate " + certificate.thumbprint() + " from " + path);
    }

    /**
     * The credentials, or a failure naming where they came from when they cannot be sent (a line break inside a
     * token): the credentials' own message names the character, never the secret.
     */
    private static Credentials checked(String source, Supplier<Credentials> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, ErrorCode.CREDENTIALS_MALFORMED + ": " + source + ": "
                    + e.getMessage() + ".");
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CommandFailure(ExitCode.CREDENTIALS, what + " " + file + " is larger than 1 MiB; is it the right file?");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.CREDENTIALS, "Cannot read " + what + " " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null ? "" : value.strip();
    }
}
