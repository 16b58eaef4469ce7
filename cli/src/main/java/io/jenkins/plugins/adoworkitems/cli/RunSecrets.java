package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;

import java.util.List;
import java.util.Map;

/**
 * What this run must never print, known before anything is: the secrets in the environment variables the CLI reads,
 * and the user info of every URL in them or on the command line. The credentials a run reads from a file are added
 * once read ({@link AdoWorkItemsCli#learn}).
 */
final class RunSecrets {
    static final List<String> SECRET_VARIABLES = List.of(CredentialsFromEnvironment.PAT,
            CredentialsFromEnvironment.ACCESS_TOKEN, CredentialsFromEnvironment.SECRET,
            CredentialsFromEnvironment.CERTIFICATE_PASSWORD, "IDENTITY_HEADER", "MSI_SECRET");
    static final List<String> URL_VARIABLES = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
            ConnectionOptions.AUTHORITY_HOST);

    private RunSecrets() {
    }

    static Redactor of(Map<String, String> environment, List<String> arguments) {
        Redactor redactor = Redactor.none();
        for (String name : SECRET_VARIABLES) {
            redactor = redactor.withSecret(environment.get(name));
        }
        for (String name : URL_VARIABLES) {
            redactor = redactor.withUrl(environment.get(name));
        }
        for (String argument : arguments) {
            redactor = redactor.withUrl(argument);
        }
        return redactor;
    }
}
