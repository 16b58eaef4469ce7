package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Create, update, read and batch-read work items, their revisions and comments. */
final class WorkItemRoutes {
    static final int MAX_BATCH = 200;

    private WorkItemRoutes() {
    }

    static Response create(Call call) {
        ProjectState project = call.requireProject();
        Request req = call.request();
        requirePatchContentType(req);
        String typeName = call.seg(2).substring(1);
        WorkItemTypeDef type = project.type(typeName).orElseThrow(() -> AdoException.witServer(404,
                "VS402323: Work item type " + typeName + " does not exist in project " + project.name() + ".", "WorkItemTypeNotFoundException"));
        JsonNode patch = Json.parse(req.body());
        Account account = call.account();
        WorkItemPatch.Options options = options(req);
        synchronized (account) {
            WorkItemPatch.Result result = new WorkItemPatch(account, project, type, null, options, call.actor()).apply(patch);
            WorkItem item;
            if (options.validateOnly()) {
                item = new WorkItem(0);
                item.addRevision(result.revision());
            } else {
                item = account.newWorkItem();
                item.addRevision(result.revision());
                addHistoryComment(account, item, result, call.actor());
            }
            return Response.ok(WorkItemJson.workItem(account, item, item.current(), expandOnly(req), true));
        }
    }

    static Response update(Call call) {
        Request req = call.request();
        requirePatchContentType(req);
        Account account = call.account();
        JsonNode patch = Json.parse(req.body());
        WorkItemPatch.Options options = options(req);
        synchronized (account) {
            WorkItem item = find(call, call.seg(2));
            ProjectState project = account.project(item.project()).orElseThrow();
            WorkItemTypeDef type = project.type(item.type()).orElseThrow();
            WorkItemPatch.Result result = new WorkItemPatch(account, project, type, item, options, call.actor()).apply(patch);
            if (options.validateOnly()) {
                return Response.ok(WorkItemJson.workItem(account, item, item.current(), expandOnly(req), true));
            }
            item.addRevision(result.revision());
            addHistoryComment(account, item, result, call.actor());
            return Response.ok(WorkItemJson.workItem(account, item, item.current(), expandOnly(req), true));
        }
    }

    static Response get(Call call) {
        WorkItemJson.View view = WorkItemJson.View.of(call.request().param("fields"), call.request().param("$expand"));
        synchronized (call.account()) {
            WorkItem item = find(call, call.seg(2));
            return Response.ok(WorkItemJson.workItem(call.account(), item, item.current(), view, true));
        }
    }

    static Response list(Call call) {
        Request req = call.request();
        String ids = req.param("ids");
        if (ids == null || ids.isBlank()) {
            throw AdoException.webApi(400, "Value cannot be null.\r\nParameter name: ids", "ArgumentNullException");
        }
        List<Integer> idList = parseIds(List.of(ids.split(",")));
        return batch(call, idList, WorkItemJson.View.of(req.param("fields"), req.param("$expand")), req.param("errorPolicy"));
    }

    /** POST workitemsbatch: {"ids":[…],"fields":[…],"$expand":…,"errorPolicy":"fail"|"omit"}. */
    static Response getBatch(Call call) {
        requireJsonContentType(call.request());
        JsonNode body = Json.parse(call.request().body());
        if (!body.path("ids").isArray()) {
            throw AdoException.webApi(400, "Value cannot be null.\r\nParameter name: ids", "ArgumentNullException");
        }
        List<String> raw = new ArrayList<>();
        body.get("ids").forEach(n -> raw.add(n.asText()));
        String fields = null;
        if (body.path("fields").isArray()) {
            List<String> f = new ArrayList<>();
            body.get("fields").forEach(n -> f.add(n.asText()));
            fields = String.join(",", f);
        }
        String expand = body.path("$expand").isTextual() ? body.get("$expand").asText() : null;
        String policy = body.path("errorPolicy").isTextual() ? body.get("errorPolicy").asText() : null;
        return batch(call, parseIds(raw), WorkItemJson.View.of(fields, expand), policy);
    }

    private static Response batch(Call call, List<Integer> ids, WorkItemJson.View view, String errorPolicy) {
        if (ids.size() > MAX_BATCH) {
            throw AdoException.witServer(400, "VS403474: You requested " + ids.size() + " work items which exceeds the limit of " + MAX_BATCH + ".",
                    "WorkItemTrackingTooManyWorkItemsRequestedException");
        }
        boolean omit = "omit".equalsIgnoreCase(errorPolicy);
        if (errorPolicy != null && !omit && !"fail".equalsIgnoreCase(errorPolicy)) {
            throw AdoException.badRequest("The value '" + errorPolicy + "' is not valid for errorPolicy; use fail or omit.");
        }
        List<JsonNode> values = new ArrayList<>();
        synchronized (call.account()) {
            for (int id : ids) {
                WorkItem item = call.account().workItem(id);
                if (item == null || item.revisions().isEmpty()) {
                    if (!omit) {
                        throw notFound(id);
                    }
                    values.add(Json.MAPPER.nullNode());
                } else {
                    values.add(WorkItemJson.workItem(call.account(), item, item.current(), view, false));
                }
            }
        }
        return Response.ok(WorkItemJson.list(values));
    }

    static Response revisions(Call call) {
        synchronized (call.account()) {
            WorkItem item = find(call, call.seg(2));
            if (call.route().size() == 5) {
                int rev = parseInt(call.seg(4), "revisionNumber");
                WorkItem.Revision r = item.revisions().stream().filter(x -> x.rev() == rev).findFirst()
                        .orElseThrow(() -> AdoException.witServer(404, "TF401230: Revision " + rev + " of work item " + item.id() + " does not exist.", "WorkItemRevisionNotFoundException"));
                return Response.ok(WorkItemJson.revision(call.account(), item, r));
            }
            int skip = call.request().param("$skip") == null ? 0 : parseInt(call.request().param("$skip"), "$skip");
            int top = call.request().param("$top") == null ? Integer.MAX_VALUE : parseInt(call.request().param("$top"), "$top");
            List<JsonNode> values = new ArrayList<>();
            item.revisions().stream().skip(skip).limit(top).forEach(r -> values.add(WorkItemJson.revision(call.account(), item, r)));
            return Response.ok(WorkItemJson.list(values));
        }
    }

    static Response addComment(Call call) {
        ProjectState project = call.requireProject();
        requireJsonContentType(call.request());
        JsonNode body = Json.parse(call.request().body());
        String text = body.path("text").asText("");
        if (text.isBlank()) {
            throw AdoException.badRequest("The comment text must not be empty.");
        }
        Account account = call.account();
        synchronized (account) {
            WorkItem item = find(call, call.seg(2));
            WorkItem.Comment comment = saveComment(account, item, text, call.actor());
            return Response.ok(WorkItemJson.comment(account, project, item, comment));
        }
    }

    static Response comments(Call call) {
        ProjectState project = call.requireProject();
        Account account = call.account();
        synchronized (account) {
            WorkItem item = find(call, call.seg(2));
            List<WorkItem.Comment> all = new ArrayList<>(item.comments());
            if (call.route().size() == 5) {
                int id = parseInt(call.seg(4), "commentId");
                WorkItem.Comment c = all.stream().filter(x -> x.id() == id).findFirst()
                        .orElseThrow(() -> AdoException.witServer(404, "VS402614: Comment " + id + " does not exist on work item " + item.id() + ".", "WorkItemCommentNotFoundException"));
                return Response.ok(WorkItemJson.comment(account, project, item, c));
            }
            // Newest first, as ADO's default order=desc.
            java.util.Collections.reverse(all);
            if ("asc".equalsIgnoreCase(call.request().param("order"))) {
                java.util.Collections.reverse(all);
            }
            int top = call.request().param("$top") == null ? 200 : parseInt(call.request().param("$top"), "$top");
            String token = call.request().param("continuationToken");
            int skip = token == null ? 0 : parseInt(token, "continuationToken");
            List<JsonNode> values = new ArrayList<>();
            all.stream().skip(skip).limit(top).forEach(c -> values.add(WorkItemJson.comment(account, project, item, c)));
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("totalCount", all.size());
            n.put("count", values.size());
            n.set("comments", Json.MAPPER.valueToTree(values));
            if (skip + values.size() < all.size()) {
                // The continuation token is simply the offset of the next page.
                String next = String.valueOf(skip + values.size());
                n.put("nextPage", account.url() + "/" + project.id() + "/_apis/wit/workItems/" + item.id() + "/comments?$top=" + top + "&continuationToken=" + next);
                n.put("continuationToken", next);
            }
            return Response.ok(n);
        }
    }

    /** ADO turns System.History into a comment of the same text; the revision keeps the history entry. */
    private static void addHistoryComment(Account account, WorkItem item, WorkItemPatch.Result result, IdentityRef actor) {
        if (result.history() != null) {
            item.addComment(new WorkItem.Comment(account.nextCommentId(), result.history(), actor,
                    java.time.Instant.parse(item.current().fields().get("System.ChangedDate").asText()),
                    java.time.Instant.parse(item.current().fields().get("System.ChangedDate").asText()), 1));
        }
    }

    /** A comment posted directly also shows up as a history revision with CommentCount incremented. */
    private static WorkItem.Comment saveComment(Account account, WorkItem item, String text, IdentityRef actor) {
        java.time.Instant now = account.now();
        WorkItem.Comment c = new WorkItem.Comment(account.nextCommentId(), text, actor, now, now, 1);
        item.addComment(c);
        java.util.Map<String, JsonNode> fields = new java.util.LinkedHashMap<>(item.current().fields());
        fields.remove("System.History");
        fields.put("System.ChangedDate", com.fasterxml.jackson.databind.node.TextNode.valueOf(Json.date(now)));
        fields.put("System.AuthorizedDate", fields.get("System.ChangedDate"));
        fields.put("System.ChangedBy", actor.toJson(account.url()));
        fields.put("System.CommentCount", com.fasterxml.jackson.databind.node.IntNode.valueOf(item.comments().size()));
        fields.put("System.History", com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
        item.addRevision(new WorkItem.Revision(item.current().rev() + 1, fields, item.current().relations()));
        return c;
    }

    static WorkItem find(Call call, String idText) {
        int id = parseInt(idText, "id");
        WorkItem item = call.account().workItem(id);
        if (item == null || item.revisions().isEmpty() || (call.project() != null && !call.project().name().equalsIgnoreCase(item.project()))) {
            throw notFound(id);
        }
        return item;
    }

    static AdoException notFound(int id) {
        return AdoException.witServer(404, "TF401232: Work item " + id + " does not exist, or you do not have permissions to read it.", "WorkItemUnauthorizedAccessException");
    }

    private static List<Integer> parseIds(List<String> raw) {
        List<Integer> ids = new ArrayList<>();
        for (String s : raw) {
            ids.add(parseInt(s.trim(), "ids"));
        }
        return ids;
    }

    static int parseInt(String text, String parameter) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw AdoException.webApi(400, "The value '" + text + "' is not valid for " + parameter + ".", "InvalidArgumentValueException");
        }
    }

    private static WorkItemPatch.Options options(Request req) {
        return new WorkItemPatch.Options(req.flag("validateOnly"), req.flag("bypassRules"));
    }

    private static WorkItemJson.View expandOnly(Request req) {
        return WorkItemJson.View.of(null, req.param("$expand"));
    }

    private static void requirePatchContentType(Request req) {
        if (!req.contentType().equals("application/json-patch+json")) {
            throw AdoException.webApi(415, "The request indicated a Content-Type of \"" + req.contentType()
                    + "\" for method type \"" + req.method() + "\" which is not supported. Valid content types for this method are: application/json-patch+json.",
                    "VssRequestContentTypeNotSupportedException");
        }
    }

    private static void requireJsonContentType(Request req) {
        if (!req.contentType().equals("application/json")) {
            throw AdoException.webApi(415, "The request indicated a Content-Type of \"" + req.contentType()
                    + "\" for method type \"" + req.method() + "\" which is not supported. Valid content types for this method are: application/json.",
                    "VssRequestContentTypeNotSupportedException");
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
