package io.jenkins.plugins.adoworkitems.simulator;

/**
 * A REST resource as ADO's location service describes it. {@code releasedIn} is the api-version from which no
 * -preview flag is needed (null: preview only); {@code resourceVersion} is the newest preview number per flavour;
 * {@code minVersion} the oldest api-version the resource answers. The ids are the location ids Microsoft's clients
 * look for in {@code OPTIONS _apis}: a client that finds no entry with its id refuses to make the call.
 */
enum Resource {
    PROJECTS(ResourceArea.CORE, "projects", "603fe2ac-9723-48b9-88ad-09305aa6c6e1", "_apis/projects/{*projectId}", "1.0", 4),
    WORK_ITEMS(ResourceArea.WIT, "workItems", "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b", "{project}/_apis/{area}/{resource}/{id}", "1.0", 3),
    // Creating has its own location (the ${type} route) beside the one for reading and updating by id.
    WORK_ITEM_CREATE(ResourceArea.WIT, "workItems", "62d3d110-0047-428c-ad3c-4fe872c91c74", "{project}/_apis/{area}/{resource}/${type}", "1.0", 3),
    WORK_ITEMS_BATCH(ResourceArea.WIT, "workItemsBatch", "908509b6-4248-4475-a1cd-829139ba419f", "{project}/_apis/{area}/{resource}", "5.0", 1),
    WIQL(ResourceArea.WIT, "wiql", "1a9c53f7-f243-4447-b110-35ef023636e4", "{project}/{team}/_apis/{area}/{resource}/{id}", "1.0", 2),
    COMMENTS(ResourceArea.WIT, "comments", "608aac0a-32e1-4493-a863-b9cf4566d257", "{project}/_apis/{area}/workItems/{workItemId}/{resource}/{commentId}", null, 4),
    REVISIONS(ResourceArea.WIT, "revisions", "a00c85a5-80fa-4565-99c3-bcd2181434bb", "{project}/_apis/{area}/workItems/{id}/{resource}/{revisionNumber}", "1.0", 3),
    WORK_ITEM_TYPES(ResourceArea.WIT, "workItemTypes", "7c8d7a76-4a09-43e8-b5df-bd792f4ac6aa", "{project}/_apis/{area}/{resource}/{type}", "1.0", 2),
    WORK_ITEM_TYPE_FIELDS(ResourceArea.WIT, "workItemTypesField", "bd293ce5-3d25-4192-8e67-e8092e879efb", "{project}/_apis/{area}/workItemTypes/{type}/fields/{field}", "5.0", 3),
    WORK_ITEM_TYPE_STATES(ResourceArea.WIT, "workItemTypeStates", "7c9d7a76-4a09-43e8-b5df-bd792f4ac6aa", "{project}/_apis/{area}/workItemTypes/{type}/states", "7.0", 1),
    BATCH_UPDATE(ResourceArea.WIT, "$batch", "", "_apis/{area}/$batch", "5.0", 1),
    CONNECTION_DATA(ResourceArea.LOCATION, "ConnectionData", "00d9565f-ed9c-4a06-9a50-00e7896ccab4", "_apis/{resource}", null, 1),
    RESOURCE_AREAS(ResourceArea.LOCATION, "ResourceAreas", "e81700f7-3be2-46de-8624-2eb35882fcaa", "_apis/{resource}/{areaId}", null, 1, "3.2");

    private final ResourceArea area;
    private final String resourceName;
    private final String id;
    private final String routeTemplate;
    private final String releasedIn;
    private final int resourceVersion;
    private final String minVersion;

    Resource(ResourceArea area, String resourceName, String id, String routeTemplate, String releasedIn, int resourceVersion) {
        this(area, resourceName, id, routeTemplate, releasedIn, resourceVersion, "1.0");
    }

    Resource(ResourceArea area, String resourceName, String id, String routeTemplate, String releasedIn, int resourceVersion, String minVersion) {
        this.area = area;
        this.resourceName = resourceName;
        this.id = id;
        this.routeTemplate = routeTemplate;
        this.releasedIn = releasedIn;
        this.resourceVersion = resourceVersion;
        this.minVersion = minVersion;
    }

    ResourceArea area() {
        return area;
    }

    String minVersion() {
        return minVersion;
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
