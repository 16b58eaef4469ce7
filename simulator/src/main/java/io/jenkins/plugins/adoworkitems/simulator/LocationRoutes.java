package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The location service: {@code GET _apis/ResourceAreas[/{areaId}]} says which host serves each area, and
 * {@code GET _apis/connectionData} who is calling and what kind of deployment answers. Shapes follow Microsoft's
 * Python client (azure-devops, {@code location} models), which the Azure CLI's devops extension uses.
 */
final class LocationRoutes {
    // The service owner id of Azure DevOps (TFS) in location service data.
    private static final String SERVICE_OWNER = "00025394-6065-48ca-87d9-7f5672854ef7";

    private LocationRoutes() {
    }

    /**
     * Services lists its areas with the organization as their host. Server answers an empty list: Microsoft's client
     * then uses the collection URL for every area ("For OnPrem environments we get an empty list").
     */
    static Response resourceAreas(Call call) {
        Account account = call.account();
        List<JsonNode> areas = new ArrayList<>();
        if (!account.isServer()) {
            for (ResourceArea area : ResourceArea.values()) {
                if (area.id() != null) {
                    areas.add(area(account, area));
                }
            }
        }
        if (call.route().size() == 1) {
            return Response.ok(WorkItemJson.list(areas));
        }
        String wanted = call.seg(1);
        return areas.stream().filter(a -> a.get("id").asText().equalsIgnoreCase(wanted)).findFirst().map(Response::ok)
                .orElseThrow(() -> AdoException.webApi(404, "The resource area '" + wanted + "' could not be found.", "ResourceAreaNotFoundException"));
    }

    private static ObjectNode area(Account account, ResourceArea area) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", area.id());
        n.put("name", area.areaName());
        n.put("locationUrl", account.url() + "/");
        return n;
    }

    static Response connectionData(Call call) {
        Account account = call.account();
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode user = identity(call.actor());
        n.set("authenticatedUser", user);
        n.set("authorizedUser", user.deepCopy());
        n.put("instanceId", stableId("instance " + account.url()));
        n.put("deploymentId", stableId("deployment " + account.url()));
        n.put("deploymentType", account.isServer() ? "onPremises" : "hosted");
        ObjectNode location = n.putObject("locationServiceData");
        location.put("serviceOwner", SERVICE_OWNER);
        location.put("defaultAccessMappingMoniker", "PublicAccessMapping");
        location.put("lastChangeId", 1);
        location.put("lastChangeId64", 1L);
        location.putArray("accessMappings").addObject()
                .put("displayName", "Public Access Mapping")
                .put("moniker", "PublicAccessMapping")
                .put("accessPoint", account.url())
                .put("serviceOwner", SERVICE_OWNER)
                .put("virtualDirectory", "");
        n.put("webApplicationRelativeDirectory", account.isServer() ? "/tfs/" : "/");
        return Response.ok(n);
    }

    private static ObjectNode identity(IdentityRef who) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", who.id());
        n.put("descriptor", "Microsoft.IdentityModel.Claims.ClaimsIdentity;" + who.uniqueName());
        n.put("providerDisplayName", who.displayName());
        n.put("isActive", true);
        n.put("isContainer", false);
        n.putArray("members");
        n.putArray("memberOf");
        n.put("resourceVersion", 2);
        n.put("metaTypeId", 0);
        ObjectNode account = n.putObject("properties").putObject("Account");
        account.put("$type", "System.String");
        account.put("$value", who.uniqueName());
        return n;
    }

    private static String stableId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
