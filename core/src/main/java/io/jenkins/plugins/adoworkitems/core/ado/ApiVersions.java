package io.jenkins.plugins.adoworkitems.core.ado;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The api-version strings used against one target.
 *
 * @param general  for work items, types, fields, states, WIQL, batches and projects, e.g. {@code 7.1}
 * @param comments for the comments API, e.g. {@code 7.1-preview.4}; null when the server has none
 */
public record ApiVersions(ApiVersion general, String comments) {
    static final String WORK_ITEMS_LOCATION = "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b";
    static final String COMMENTS_LOCATION = "608aac0a-32e1-4493-a863-b9cf4566d257";

    /** Azure DevOps Services: 7.1, comments at 7.1-preview.4 (the comments API never left preview). */
    static ApiVersions services(ApiVersion fixed) {
        ApiVersion general = fixed == null ? ApiVersion.V7_1 : fixed;
        return new ApiVersions(general, general + (general.compareTo(ApiVersion.V7_1) >= 0 ? "-preview.4" : "-preview.3"));
    }

    /**
     * Azure DevOps Server: {@code OPTIONS _apis} lists every resource location with the versions it serves. The
     * general version is the newest we support up to the work items resource's {@code maxVersion}; comments get
     * their own version, marked preview where the server has not released it.
     */
    static ApiVersions negotiate(JsonNode locations, ApiVersion fixed) {
        JsonNode workItems = find(locations, WORK_ITEMS_LOCATION, "wit", "workItems");
        ApiVersion general = fixed;
        if (general == null) {
            general = workItems == null ? ApiVersion.V5_0
                    : ApiVersion.bestSupportedUpTo(ApiVersion.parse(workItems.path("maxVersion").asText("5.0")));
        }
        JsonNode comments = find(locations, COMMENTS_LOCATION, "wit", "comments");
        return new ApiVersions(general, comments == null ? null : version(comments, general));
    }

    private static String version(JsonNode location, ApiVersion wanted) {
        ApiVersion max = ApiVersion.parse(location.path("maxVersion").asText("0.0"));
        ApiVersion chosen = wanted.min(max);
        ApiVersion released = ApiVersion.parse(location.path("releasedVersion").asText("0.0"));
        if (chosen.compareTo(released) <= 0) {
            return chosen.toString();
        }
        return chosen + "-preview." + location.path("resourceVersion").asInt(1);
    }

    private static JsonNode find(JsonNode locations, String id, String area, String resourceName) {
        JsonNode byName = null;
        for (JsonNode location : locations.path("value")) {
            if (id.equalsIgnoreCase(location.path("id").asText())) {
                return location;
            }
            if (area.equalsIgnoreCase(location.path("area").asText())
                    && resourceName.equalsIgnoreCase(location.path("resourceName").asText())) {
                byName = location;
            }
        }
        return byName;
    }
}
