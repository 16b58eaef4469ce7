package io.jenkins.plugins.adoworkitems.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ADO's api-version negotiation: required, not newer than the flavour serves, -preview where a resource is in preview. */
final class ApiVersions {
    private static final Pattern IN_ACCEPT = Pattern.compile("api-version=([^;,\\s]+)");

    private ApiVersions() {
    }

    static ApiVersion check(Request req, Account account, Resource resource) {
        String text = req.param("api-version");
        if (text == null && req.header("accept") != null) {
            Matcher m = IN_ACCEPT.matcher(req.header("accept"));
            text = m.find() ? m.group(1) : null;
        }
        if (text == null || text.isBlank()) {
            throw AdoException.webApi(400, "No api-version was supplied for the \"" + req.method() + "\" request. The version must be supplied either as part of the Accept header (e.g. \"application/json; api-version=1.0\") or as a query parameter (e.g. \"?api-version=1.0\").",
                    "VssVersionNotSpecifiedException");
        }
        ApiVersion version = ApiVersion.parse(text);
        if (version == null) {
            throw AdoException.webApi(400, "The api-version '" + text + "' is not valid. Supply a version such as 7.1 or 7.1-preview.1.", "VssInvalidApiVersionException");
        }
        ApiVersion max = account.maxApiVersion();
        if (version.compareTo(max) > 0) {
            throw AdoException.webApi(400, "The requested REST API version of " + version + " is out of range for this server. The latest REST API version this server supports is " + max.number() + ".",
                    "VssVersionOutOfRangeException");
        }
        if (resource == Resource.BATCH_UPDATE && account.isServer() && account.server() == ServerVersion.V2019) {
            throw AdoException.webApi(404, "The resource '$batch' is not available on this server version (Azure DevOps Server 2019).", "VssResourceNotFoundException");
        }
        if (!version.preview() && !resource.releasedBy(version)) {
            throw AdoException.webApi(400, "The requested version \"" + version + "\" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: \""
                    + version + "-preview\"", "VssInvalidPreviewVersionException");
        }
        int maxResource = resource.resourceVersion(max);
        if (version.preview() && version.resourceVersion() > maxResource) {
            throw AdoException.webApi(400, "The requested resource version " + version.resourceVersion() + " of the resource " + resource.resourceName()
                    + " is out of range for this server. The latest resource version is " + maxResource + ".", "VssVersionOutOfRangeException");
        }
        return version;
    }
}
