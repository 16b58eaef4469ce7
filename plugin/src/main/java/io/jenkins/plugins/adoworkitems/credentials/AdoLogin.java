package io.jenkins.plugins.adoworkitems.credentials;

import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;

/**
 * A Jenkins credential turned into what core signs in with: the credentials and, for service principals, the
 * Entra ID settings (authority host). Lives only on the controller, for one call or one build step.
 */
public record AdoLogin(Credentials credentials, EntraSettings entra) {
}
