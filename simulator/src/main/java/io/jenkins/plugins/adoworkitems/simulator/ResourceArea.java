package io.jenkins.plugins.adoworkitems.simulator;

/**
 * An area of the REST API as the location service names it. Core and work item tracking carry the resource area ids
 * of Microsoft's specification ({@code x-ms-vss-resource-area-id}); clients look those up in {@code _apis/ResourceAreas}
 * to learn which host serves the area. The location service has none: clients reach it at the URL they were given.
 */
enum ResourceArea {
    CORE("core", "79134c72-4a58-4b42-976c-04e7115f32bf"),
    WIT("wit", "5264459e-e5e0-4bd8-b118-0985e68a4ec5"),
    LOCATION("Location", null);

    private final String areaName;
    private final String id;

    ResourceArea(String areaName, String id) {
        this.areaName = areaName;
        this.id = id;
    }

    /** The name in resource locations ({@code "area"}) and in the resource area list ({@code "name"}). */
    String areaName() {
        return areaName;
    }

    /** The resource area id, or null for the location service. */
    String id() {
        return id;
    }
}
