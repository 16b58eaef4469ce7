package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** POST …/_apis/wit/wiql: runs a flat query over the account's work items. */
final class WiqlRoutes {
    static final int MAX_QUERY_LENGTH = 32_768;
    static final int MAX_RESULTS = 20_000;

    private WiqlRoutes() {
    }

    static Response query(Call call) {
        JsonNode body = Json.parse(call.request().body());
        String text = body.path("query").asText("");
        if (text.isBlank()) {
            throw AdoException.webApi(400, "Value cannot be null.\r\nParameter name: wiql.query", "ArgumentNullException");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw AdoException.witServer(400, "VS402335: The WIQL query text is " + text.length() + " characters long, which exceeds the limit of " + MAX_QUERY_LENGTH + " characters.",
                    "WorkItemTrackingQueryTooLongException");
        }
        String topParam = call.request().param("$top");
        Integer top = topParam == null ? null : WorkItemRoutes.parseInt(topParam, "$top");
        Wiql.Query query = Wiql.parse(text, call.project() == null ? null : call.project().name(), call.actor());
        List<Wiql.Row> matches = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        synchronized (call.account()) {
            for (WorkItem item : call.account().workItems()) {
                if (item.revisions().isEmpty()) {
                    continue;
                }
                WorkItem.Revision r = item.current();
                Wiql.Row row = new Wiql.Row() {
                    private Set<String> tags;

                    @Override
                    public JsonNode value(String referenceName) {
                        return WorkItemJson.value(item.id(), r, referenceName);
                    }

                    @Override
                    public Set<String> tags() {
                        if (tags == null) {
                            tags = Wiql.tagSet(value("System.Tags"));
                        }
                        return tags;
                    }
                };
                if (query.where().test(row)) {
                    matches.add(row);
                }
            }
        }
        if (top == null && matches.size() > MAX_RESULTS) {
            throw AdoException.of(400, "VS402337: The number of work items returned exceeds the size limit of " + MAX_RESULTS + ". Change the query to return fewer items.",
                    "Microsoft.TeamFoundation.WorkItemTracking.Server,Microsoft.TeamFoundation.WorkItemTracking.Server", "WorkItemTrackingQueryResultSizeLimitExceededException");
        }
        matches.sort(query.comparator());
        matches.stream().limit(top == null ? MAX_RESULTS : Math.min(top, MAX_RESULTS)).forEach(row -> ids.add(row.value("System.Id").asInt()));
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("queryType", "flat");
        n.put("queryResultType", "workItem");
        n.put("asOf", Json.date(Instant.now()));
        ArrayNode columns = n.putArray("columns");
        query.columns().forEach(c -> columns.add(column(call.account(), c)));
        ArrayNode sort = n.putArray("sortColumns");
        query.orderBy().forEach(s -> sort.addObject().<ObjectNode>set("field", column(call.account(), s.field())).put("descending", s.descending()));
        ArrayNode items = n.putArray("workItems");
        ids.forEach(id -> items.addObject().put("id", id).put("url", WorkItemJson.url(call.account(), id)));
        return Response.ok(n);
    }

    private static ObjectNode column(Account account, String ref) {
        FieldDef f = ProcessTemplates.field(ref);
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("referenceName", f.referenceName());
        c.put("name", f.name());
        c.put("url", account.url() + "/_apis/wit/fields/" + f.referenceName());
        return c;
    }
}
