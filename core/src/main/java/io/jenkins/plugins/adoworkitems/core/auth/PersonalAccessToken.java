package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * An Azure DevOps personal access token. It must be scoped to one organization with Work Items (Read &amp; Write):
 * Microsoft retires global PATs on 2026-12-01.
 */
public record PersonalAccessToken(String token) implements Credentials {
    public PersonalAccessToken {
        SecretText.require(token, "personal access token");
    }

    @Override
    public String describe() {
        return "personal access token";
    }

    @Override
    public String toString() {
        return "PersonalAccessToken[****]";
    }
}
