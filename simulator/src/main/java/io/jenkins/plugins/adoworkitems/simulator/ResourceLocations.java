package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OPTIONS {account}/_apis[/area]: where each resource lives and which versions the server speaks. Microsoft's clients
 * build every URL from this list (the route template filled with their route values), so it must name the location
 * ids they ask for, the location service's own included.
 */
final class ResourceLocations {
    private ResourceLocations() {
    }

    static Response answer(Account account, List<String> route) {
        String area = route.isEmpty() ? null : route.get(0);
        ApiVersion max = account.maxApiVersion();
        List<JsonNode> values = new ArrayList<>();
        for (Resource r : Resource.values()) {
            if (r.id().isEmpty() || (area != null && !r.area().areaName().equalsIgnoreCase(area))) {
                continue;
            }
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("id", r.id());
            n.put("area", r.area().areaName());
            n.put("resourceName", r.resourceName());
            n.put("routeTemplate", r.routeTemplate());
            n.put("resourceVersion", r.resourceVersion(max));
            n.put("minVersion", r.minVersion());
            n.put("maxVersion", max.number());
            n.put("releasedVersion", r.releasedVersion(max));
            values.add(n);
        }
        return Response.ok(WorkItemJson.list(values));
    }
}
