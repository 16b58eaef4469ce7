package io.jenkins.plugins.adoworkitems.core.auth;

/**
 * An Azure DevOps personal access token. It must be scoped to one organization with Work Items (Read &amp; Write):
 * since 2026-12-01 Azure DevOps refuses global PATs.
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
