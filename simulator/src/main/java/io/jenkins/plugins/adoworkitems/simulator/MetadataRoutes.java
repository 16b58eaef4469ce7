package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.simulator.WorkItemTypeDef.TypeField;
import java.util.ArrayList;
import java.util.List;

/** Projects, work item types, their fields and states. */
final class MetadataRoutes {
    private MetadataRoutes() {
    }

    static Response projects(Call call) {
        Account account = call.account();
        if (call.route().size() == 2) {
            String wanted = call.seg(1);
            ProjectState p = account.project(wanted).orElseThrow(() -> AdoException.of(404,
                    "TF200016: The following project does not exist: " + wanted + ". Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.",
                    "Microsoft.TeamFoundation.Core.WebApi,Microsoft.TeamFoundation.Core.WebApi", "ProjectDoesNotExistWithNameException"));
            ObjectNode n = project(account, p);
            n.putObject("capabilities").putObject("processTemplate").put("templateName", p.process().displayName()).put("templateTypeId", p.process().typeId());
            n.putObject("_links").putObject("self").put("href", n.get("url").asText());
            n.putObject("defaultTeam").put("id", p.id()).put("name", p.name() + " Team");
            return Response.ok(n);
        }
        List<JsonNode> values = new ArrayList<>();
        account.projects().forEach(p -> values.add(project(account, p)));
        return Response.ok(WorkItemJson.list(values));
    }

    private static ObjectNode project(Account account, ProjectState p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("name", p.name());
        n.put("description", "Simulated project on the " + p.process().displayName() + " process");
        n.put("url", account.url() + "/_apis/projects/" + p.id());
        n.put("state", "wellFormed");
        n.put("revision", 1);
        n.put("visibility", "private");
        n.put("lastUpdateTime", "2024-01-01T00:00:00Z");
        return n;
    }

    static Response types(Call call) {
        ProjectState project = call.requireProject();
        if (call.route().size() == 3) {
            return Response.ok(type(call, project, type(project, call.seg(2))));
        }
        List<JsonNode> values = new ArrayList<>();
        ProcessTemplates.types(project.process()).forEach(t -> values.add(type(call, project, t)));
        return Response.ok(WorkItemJson.list(values));
    }

    static Response fields(Call call) {
        ProjectState project = call.requireProject();
        WorkItemTypeDef type = type(project, call.seg(2));
        String expand = call.request().param("$expand");
        boolean allowed = expand != null && (expand.equalsIgnoreCase("allowedValues") || expand.equalsIgnoreCase("all"));
        if (call.route().size() == 5) {
            TypeField tf = type.field(call.seg(4)).orElseThrow(() -> AdoException.witServer(404,
                    "TF51535: Cannot find field " + call.seg(4) + ".", "WorkItemTrackingFieldDefinitionNotFoundException"));
            return Response.ok(field(call.account(), tf, allowed));
        }
        List<JsonNode> values = new ArrayList<>();
        type.fields().forEach(tf -> values.add(field(call.account(), tf, allowed)));
        return Response.ok(WorkItemJson.list(values));
    }

    static Response states(Call call) {
        ProjectState project = call.requireProject();
        WorkItemTypeDef type = type(project, call.seg(2));
        List<JsonNode> values = new ArrayList<>();
        for (WorkItemTypeDef.State s : type.states()) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("name", s.name());
            n.put("color", s.color());
            n.put("category", s.category());
            values.add(n);
        }
        return Response.ok(WorkItemJson.list(values));
    }

    private static WorkItemTypeDef type(ProjectState project, String name) {
        return project.type(name).orElseThrow(() -> AdoException.witServer(404,
                "VS402323: Work item type " + name + " does not exist in project " + project.name() + ".", "WorkItemTypeNotFoundException"));
    }

    private static ObjectNode type(Call call, ProjectState project, WorkItemTypeDef t) {
        String base = call.account().url();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", t.name());
        n.put("referenceName", t.referenceName());
        n.put("description", t.description());
        n.put("color", t.color());
        n.putObject("icon").put("id", t.icon()).put("url", base + "/_apis/wit/workItemIcons/" + t.icon() + "?color=" + t.color() + "&v=2");
        n.put("isDisabled", false);
        n.put("xmlForm", "");
        ArrayNode fields = n.putArray("fields");
        ArrayNode instances = n.putArray("fieldInstances");
        for (TypeField tf : t.fields()) {
            ObjectNode f = Json.MAPPER.createObjectNode();
            if (tf.field().helpText() != null) {
                f.put("helpText", tf.field().helpText());
            }
            f.put("alwaysRequired", tf.required());
            f.put("referenceName", tf.field().referenceName());
            f.put("name", tf.field().name());
            f.put("url", base + "/_apis/wit/fields/" + tf.field().referenceName());
            fields.add(f);
            instances.add(f.deepCopy());
        }
        ObjectNode transitions = n.putObject("transitions");
        t.transitions().forEach((from, tos) -> {
            ArrayNode list = transitions.putArray(from);
            tos.forEach(to -> list.addObject().put("to", to).putNull("actions"));
        });
        ArrayNode states = n.putArray("states");
        t.states().forEach(s -> states.addObject().put("name", s.name()).put("color", s.color()).put("category", s.category()));
        n.putObject("_links").putObject("self").put("href", base + "/" + project.id() + "/_apis/wit/workItemTypes/" + t.name().replace(" ", "%20"));
        n.put("url", base + "/" + project.id() + "/_apis/wit/workItemTypes/" + t.name().replace(" ", "%20"));
        return n;
    }

    private static ObjectNode field(Account account, TypeField tf, boolean withAllowed) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        if (tf.field().helpText() != null) {
            f.put("helpText", tf.field().helpText());
        }
        f.put("alwaysRequired", tf.required());
        f.set("defaultValue", tf.defaultValue() == null ? Json.MAPPER.nullNode() : Json.MAPPER.valueToTree(tf.defaultValue()));
        if (withAllowed) {
            ArrayNode allowed = f.putArray("allowedValues");
            tf.allowedValues().forEach(allowed::add);
            f.putArray("dependentFields");
        }
        f.put("referenceName", tf.field().referenceName());
        f.put("name", tf.field().name());
        f.put("url", account.url() + "/_apis/wit/fields/" + tf.field().referenceName());
        return f;
    }
}
