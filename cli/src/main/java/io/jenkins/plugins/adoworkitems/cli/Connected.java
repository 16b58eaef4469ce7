package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;

import java.io.PrintWriter;
import java.util.Map;

/** A client for the run's target, made once the command line is known to be complete. */
final class Connected {
    private Connected() {
    }

    /** Says on stderr where to and as whom (never the secret), then makes the client. */
    static AdoClient client(AdoWorkItemsCli root, ConnectionOptions connection, TemplateOptions.Chosen templates,
                            PrintWriter err) {
        Map<String, String> environment = root.environment();
        AdoTarget target = connection.requiredTarget(templates.url(), templates.apiVersion());
        CredentialsFromEnvironment.Chosen credentials = connection.credentials(environment);
        root.learn(credentials.credentials());
        err.println("Azure DevOps: " + target + ", signing in with the " + credentials.source());
        connection.addedTrustLines().forEach(line -> err.println("Also trusting: " + line));
        ConnectionOptions.proxyLine(environment).ifPresent(line -> err.println("Proxy: " + line));
        err.flush();
        return connection.client(target, credentials, connection.urlPolicy(root.allowPrivateUrls(), templates.connection()),
                environment);
    }
}
