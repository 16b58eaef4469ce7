package io.jenkins.plugins.adoworkitems.simulator;

/**
 * A REST resource as ADO's location service describes it. {@code releasedIn} is the api-version from which no
 * -preview flag is needed (null: preview only); {@code resourceVersion} is the newest preview number per flavour.
 */
enum Resource {
    PROJECTS("core", "projects", "603fe2ac-9723-48b9-88ad-09305aa6c6e1", "_apis/projects/{*projectId}", "1.0", 4),
    WORK_ITEMS("wit", "workItems", "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b", "{project}/_apis/{area}/{resource}/{id}", "1.0", 3),
    WORK_ITEMS_BATCH("wit", "workItemsBatch", "908509b6-4248-4475-a1cd-829139ba419f", "{project}/_apis/{area}/{resource}", "5.0", 1),
    WIQL("wit", "wiql", "1a9c53f7-f243-4447-b110-35ef023636e4", "{project}/{team}/_apis/{area}/{resource}/{id}", "1.0", 2),
    COMMENTS("wit", "comments", "608aac0a-32e1-4493-a863-b9cf4566d257", "{project}/_apis/{area}/workItems/{workItemId}/{resource}/{commentId}", null, 4),
    REVISIONS("wit", "revisions", "a00c85a5-80fa-4565-99c3-bcd2181434bb", "{project}/_apis/{area}/workItems/{id}/{resource}/{revisionNumber}", "1.0", 3),
    WORK_ITEM_TYPES("wit", "workItemTypes", "7c8d7a76-4a09-43e8-b5df-bd792f4ac6aa", "{project}/_apis/{area}/{resource}/{type}", "1.0", 2),
    WORK_ITEM_TYPE_FIELDS("wit", "workItemTypesField", "bd293ce5-3d25-4192-8e67-e8092e879efb", "{project}/_apis/{area}/workItemTypes/{type}/fields/{field}", "5.0", 3),
    WORK_ITEM_TYPE_STATES("wit", "workItemTypeStates", "7c9d7a76-4a09-43e8-b5df-bd792f4ac6aa", "{project}/_apis/{area}/workItemTypes/{type}/states", "7.0", 1),
    BATCH_UPDATE("wit", "$batch", "", "_apis/{area}/$batch", "5.0", 1);

    private final String area;
    private final String resourceName;
    private final String id;
    private final String routeTemplate;
    private final String releasedIn;
    private final int resourceVersion;

    Resource(String area, String resourceName, String id, String routeTemplate, String releasedIn, int resourceVersion) {
        this.area = area;
        this.resourceName = resourceName;
        this.id = id;
        this.routeTemplate = routeTemplate;
        this.releasedIn = releasedIn;
        this.resourceVersion = resourceVersion;
    }

    String area() {
        return area;
    }

    String resourceName() {
        return resourceName;
    }

    String id() {
        return id;
    }

    String routeTemplate() {
        return routeTemplate;
    }

    /** Comments moved from preview.2 (5.x) to preview.3 (6.0) and preview.4 (7.x); others are the same everywhere. */
    int resourceVersion(ApiVersion serverMax) {
        if (this == COMMENTS) {
            return serverMax.major() >= 7 ? 4 : serverMax.major() == 6 ? 3 : 2;
        }
        return resourceVersion;
    }

    boolean releasedBy(ApiVersion version) {
        return releasedIn != null && version.compareTo(ApiVersion.parse(releasedIn)) >= 0;
    }

    String releasedVersion(ApiVersion serverMax) {
        return releasedBy(serverMax) ? serverMax.number() : "0.0";
    }
}
