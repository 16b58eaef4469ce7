package io.jenkins.plugins.adoworkitems.core.ado;

/**
 * What went wrong talking to Azure DevOps, stable for callers and documentation (docs/ado-api.md), each with the
 * one thing a person should do about it.
 */
public enum ErrorCode {
    AUTH_REQUIRED("Check the credentials: the personal access token may be expired or revoked, or the service "
            + "principal's secret or certificate wrong. Create a new one and update the stored credential."),
    CREDENTIALS_MALFORMED("Copy the secret again as one line: a token, password or client secret with a line break or "
            + "another control character cannot be sent, so it is refused before anything is."),
    MANAGED_IDENTITY_UNAVAILABLE("Run this on an Azure VM, scale set, App Service or Container App that has the managed "
            + "identity (Identity blade: system-assigned on, or the user-assigned identity added), and name a user-assigned "
            + "one by its client id or resource id; elsewhere use a service principal or workload identity federation."),
    FEDERATED_ASSERTION_REFUSED("Check the federated credential of the app registration: its issuer, subject and "
            + "audience (api://AzureADTokenExchange) must match the token's iss, sub and aud exactly, and the token must "
            + "be current and readable (AZURE_FEDERATED_TOKEN_FILE)."),
    SCOPE_UNAVAILABLE("Give the personal access token the 'Work Items (Read & Write)' scope for this organization, "
            + "or give the identity access to the project and permission to edit work items."),
    PROXY_AUTH_REQUIRED("Give the proxy's user name and password: in Jenkins with the proxy under Manage Jenkins » "
            + "System » HTTP Proxy Configuration; elsewhere as the client's proxy login. Proxies that tunnel https "
            + "and want a Basic login also need the JVM option -Djdk.http.auth.tunneling.disabledSchemes= (empty)."),
    PROJECT_NOT_FOUND("Check the project name and that the identity is a member of the project."),
    TYPE_NOT_FOUND("Use a work item type that exists in the project's process, e.g. Bug, Issue or Task."),
    WORK_ITEM_NOT_FOUND("The work item was deleted or moved to another project; the next sync treats it as missing."),
    FIELD_REJECTED("Fix the field mapping: give the named field a value Azure DevOps accepts (see the allowed "
            + "values) or remove it from the mapping."),
    STATE_TRANSITION_REJECTED("Choose reopen and resolve states that the work item type allows from its current "
            + "state (see the type's states and their categories)."),
    CONFLICT("The work item changed since it was read; read it again and re-apply the change."),
    OUTCOME_UNKNOWN("The response to a write was lost, so it may or may not have been applied; look the work item "
            + "up (by fingerprint) before writing again."),
    BAD_REQUEST("Azure DevOps rejected the request as invalid; the message says why."),
    API_VERSION_UNSUPPORTED("An Azure DevOps Server collection URL given as an organization gets Services' "
            + "api-version: give it as a collection (CLI --collection-url; in Jenkins the connection's kind of server "
            + "Azure DevOps Server), which asks the server what it supports, or set an api-version the server lists."),
    BASE_URL_BLOCKED("Use the https URL of the organization (https://dev.azure.com/ORG) or of the collection "
            + "(https://host/tfs/COLLECTION). An on-premises or test server on plain http or on a private or loopback "
            + "address needs the explicit opt-in: CLI --allow-private-urls, or allowHttp / allowPrivateUrls on the "
            + "templates file's connection; Jenkins: the connection's 'Allow plain http' / 'Allow private and loopback "
            + "addresses' options (under Advanced)."),
    RATE_LIMITED("Azure DevOps kept throttling the requests; run again later, sync fewer findings per run, or "
            + "raise the retry time budget."),
    SERVER_ERROR("Azure DevOps failed to answer; try again later and check https://status.dev.azure.com or the "
            + "server's event log."),
    NETWORK("Check the URL, DNS, the proxy (its address and the hosts that bypass it: Jenkins' HTTP Proxy "
            + "Configuration, HTTPS_PROXY/NO_PROXY for the CLI, or the JVM's https.proxyHost) and any firewall between "
            + "this machine and Azure DevOps.");

    private final String fix;

    ErrorCode(String fix) {
        this.fix = fix;
    }

    /** One line telling a person what to do. */
    public String fix() {
        return fix;
    }
}
