package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.adoworkitems.simulator.WorkItemTypeDef.TypeField;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a JSON Patch document to a work item the way ADO's work item save does: operations first, then the
 * type's rules (tree paths, state machine, allowed values, required fields), then the computed fields.
 * The caller holds the account's lock. Nothing is stored here; {@link #apply} returns the revision to save.
 */
final class WorkItemPatch {
    record Options(boolean validateOnly, boolean bypassRules) {
    }

    record Result(WorkItem.Revision revision, String history) {
    }

    private static final Set<String> BYPASSABLE_COMPUTED = Set.of("System.CreatedDate", "System.CreatedBy", "System.ChangedDate", "System.ChangedBy");
    private static final Pattern WORK_ITEM_URL = Pattern.compile(".*/_apis/wit/workItems/(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> LINK_NAMES = Map.ofEntries(
            Map.entry("system.linktypes.hierarchy-reverse", "Parent"), Map.entry("system.linktypes.hierarchy-forward", "Child"),
            Map.entry("system.linktypes.related", "Related"), Map.entry("system.linktypes.dependency-forward", "Successor"),
            Map.entry("system.linktypes.dependency-reverse", "Predecessor"), Map.entry("system.linktypes.duplicate-forward", "Duplicate"),
            Map.entry("system.linktypes.duplicate-reverse", "Duplicate Of"), Map.entry("hyperlink", "Hyperlink"),
            Map.entry("artifactlink", "ArtifactLink"), Map.entry("attachedfile", "AttachedFile"));

    private final Account account;
    private final ProjectState project;
    private final WorkItemTypeDef type;
    private final WorkItem existing;
    private final Options options;
    private final IdentityRef actor;
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();
    private final List<JsonNode> relations = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private String history;

    WorkItemPatch(Account account, ProjectState project, WorkItemTypeDef type, WorkItem existing, Options options, IdentityRef actor) {
        this.account = account;
        this.project = project;
        this.type = type;
        this.existing = existing;
        this.options = options;
        this.actor = actor;
        if (existing != null) {
            fields.putAll(existing.current().fields());
            fields.remove("System.History");
            relations.addAll(existing.current().relations());
        }
    }

    Result apply(JsonNode document) {
        if (document == null || !document.isArray()) {
            throw AdoException.webApi(400, "You must pass a valid patch document in the body of the request.", "VssPropertyValidationException");
        }
        for (JsonNode op : document) {
            operation(op);
        }
        applyRules();
        int rev = existing == null ? 1 : existing.current().rev() + 1;
        Map<String, JsonNode> saved = new LinkedHashMap<>(fields);
        if (history != null) {
            saved.put("System.History", TextNode.valueOf(history));
        }
        return new Result(new WorkItem.Revision(rev, saved, List.copyOf(relations)), history);
    }

    private void operation(JsonNode op) {
        String kind = op.path("op").asText("").toLowerCase(Locale.ROOT);
        String path = op.path("path").asText("");
        JsonNode value = op.get("value");
        if (!List.of("add", "replace", "remove", "test").contains(kind)) {
            throw AdoException.badRequest("Operation '" + op.path("op").asText() + "' is not supported on work items; use add, replace, remove or test.");
        }
        if (path.equalsIgnoreCase("/rev") || path.equalsIgnoreCase("/id")) {
            if (!kind.equals("test")) {
                throw readOnly(path.substring(1).equalsIgnoreCase("rev") ? "System.Rev" : "System.Id");
            }
            int actual = existing == null ? 0 : (path.equalsIgnoreCase("/rev") ? existing.current().rev() : existing.id());
            if (value == null || value.asInt(Integer.MIN_VALUE) != actual) {
                throw testFailed(path, value, String.valueOf(actual));
            }
        } else if (path.regionMatches(true, 0, "/fields/", 0, 8)) {
            field(kind, path.substring(8), value);
        } else if (path.regionMatches(true, 0, "/relations/", 0, 11)) {
            relation(kind, path.substring(11), value);
        } else {
            throw AdoException.badRequest("The patch path '" + path + "' is not valid for a work item; expected /fields/{referenceName}, /relations/- or /rev.");
        }
    }

    private void field(String kind, String name, JsonNode value) {
        TypeField tf = type.field(name).orElseThrow(() -> AdoException.witServer(400, "TF51535: Cannot find field " + name + ".", "WorkItemTrackingFieldDefinitionNotFoundException"));
        FieldDef f = tf.field();
        String ref = f.referenceName();
        if (kind.equals("test")) {
            String actual = fields.containsKey(ref) ? display(fields.get(ref)) : "";
            String expected = value == null || value.isNull() ? "" : display(value);
            if (!actual.equals(expected)) {
                throw testFailed("/fields/" + ref, value, actual);
            }
            return;
        }
        if (ProcessTemplates.COMPUTED.contains(f) && !(options.bypassRules() && BYPASSABLE_COMPUTED.contains(ref))) {
            throw readOnly(ref);
        }
        touched.add(ref);
        if (kind.equals("remove") || value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            if (ref.equals("System.History")) {
                history = null;
            } else {
                fields.remove(ref);
            }
            return;
        }
        if (ref.equals("System.History")) {
            history = value.asText();
        } else if (ref.equals("System.Tags")) {
            String tags = normaliseTags(value.asText());
            if (tags.isEmpty()) {
                fields.remove(ref);
            } else {
                fields.put(ref, TextNode.valueOf(tags));
            }
        } else {
            fields.put(ref, convert(f, value));
        }
    }

    private JsonNode convert(FieldDef f, JsonNode value) {
        try {
            switch (f.type()) {
                case "integer":
                    return IntNode.valueOf(value.isNumber() ? value.intValue() : Integer.parseInt(value.asText().trim()));
                case "double":
                    return DoubleNode.valueOf(value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText().trim()));
                case "identity":
                    IdentityRef who = value.isObject()
                            ? new IdentityRef(value.path("displayName").asText(value.path("uniqueName").asText()), value.path("uniqueName").asText(value.path("displayName").asText()))
                            : IdentityRef.parse(value.asText());
                    return who.toJson(account.url());
                case "dateTime":
                    return TextNode.valueOf(Json.date(Instant.parse(value.asText())));
                default:
                    if (value.isContainerNode()) {
                        throw new IllegalArgumentException();
                    }
                    return TextNode.valueOf(value.asText());
            }
        } catch (RuntimeException e) {
            throw AdoException.rule("TF401326: Invalid field status 'InvalidType' for field '" + f.referenceName() + "'.", f.referenceName(), "invalidType");
        }
    }

    /** "a; b;;A ; c" becomes "a; b; c": trimmed, empty and case-insensitive duplicates dropped, order kept. */
    static String normaliseTags(String raw) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String t : raw.split(";")) {
            String tag = t.trim();
            if (!tag.isEmpty()) {
                seen.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
            }
        }
        return String.join("; ", seen.values());
    }

    private void relation(String where, String index, JsonNode value) {
        if (where.equals("test")) {
            throw AdoException.badRequest("The test operation is not supported on relations.");
        }
        if (where.equals("add") && index.equals("-")) {
            relations.add(validRelation(value));
            return;
        }
        int i;
        try {
            i = Integer.parseInt(index.split("/")[0]);
        } catch (NumberFormatException e) {
            throw AdoException.badRequest("The patch path '/relations/" + index + "' is not valid; use /relations/- to add or /relations/{index}.");
        }
        if (i < 0 || i >= relations.size()) {
            throw AdoException.badRequest("Relation index " + i + " is out of range; the work item has " + relations.size() + " relations.");
        }
        if (where.equals("remove")) {
            relations.remove(i);
        } else {
            relations.set(i, validRelation(value));
        }
    }

    private JsonNode validRelation(JsonNode value) {
        if (value == null || !value.isObject() || !value.path("rel").isTextual() || !value.path("url").isTextual()) {
            throw AdoException.badRequest("A relation needs a value object with 'rel' and 'url'.");
        }
        String rel = value.get("rel").asText();
        String url = value.get("url").asText();
        String name = LINK_NAMES.get(rel.toLowerCase(Locale.ROOT));
        if (name == null) {
            throw AdoException.witServer(400, "TF201063: The link type '" + rel + "' does not exist.", "WorkItemLinkTypeNotFoundException");
        }
        if (rel.equalsIgnoreCase("ArtifactLink")) {
            if (!url.regionMatches(true, 0, "vstfs:///", 0, 9)) {
                throw AdoException.witServer(400, "VS402265: The artifact link URL '" + url + "' is not valid: an artifact link must be a vstfs:/// URI.", "WorkItemInvalidArtifactLinkException");
            }
        } else if (rel.equalsIgnoreCase("Hyperlink") || rel.equalsIgnoreCase("AttachedFile")) {
            if (!isHttpUrl(url)) {
                throw AdoException.witServer(400, "VS402266: The hyperlink URL '" + url + "' is not a valid absolute http(s) URL.", "WorkItemInvalidHyperlinkException");
            }
        } else {
            Matcher m = WORK_ITEM_URL.matcher(url);
            if (!m.matches() || account.workItem(Integer.parseInt(m.group(1))) == null) {
                throw AdoException.witServer(400, "TF201036: The work item link target '" + url + "' does not exist.", "WorkItemLinkInvalidException");
            }
        }
        for (JsonNode r : relations) {
            if (r.path("rel").asText().equalsIgnoreCase(rel) && r.path("url").asText().equalsIgnoreCase(url)) {
                throw AdoException.witServer(400, "TF201035: The relation '" + rel + "' to '" + url + "' already exists on this work item.", "WorkItemLinkAlreadyExistsException");
            }
        }
        ObjectNode stored = Json.MAPPER.createObjectNode();
        stored.put("rel", rel);
        stored.put("url", url);
        ObjectNode attributes = value.path("attributes").isObject() ? ((ObjectNode) value.get("attributes")).deepCopy() : Json.MAPPER.createObjectNode();
        if (!attributes.has("name")) {
            attributes.put("name", name);
        }
        if (rel.startsWith("System.LinkTypes.") && !attributes.has("isLocked")) {
            attributes.put("isLocked", false);
        }
        stored.set("attributes", attributes);
        return stored;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    private void applyRules() {
        boolean creating = existing == null;
        Instant now = account.now();
        fields.put("System.TeamProject", TextNode.valueOf(project.name()));
        fields.put("System.WorkItemType", TextNode.valueOf(type.name()));
        treePath("System.AreaPath", project.areaPaths());
        treePath("System.IterationPath", project.iterationPaths());
        String from = creating ? "" : existing.current().fields().get("System.State").asText();
        String to = fields.containsKey("System.State") ? fields.get("System.State").asText() : type.initialState().name();
        WorkItemTypeDef.State target = type.state(to).orElseThrow(() -> listError(ProcessTemplates.STATE));
        fields.put("System.State", TextNode.valueOf(target.name()));
        boolean stateChanged = !from.equalsIgnoreCase(target.name());
        if (stateChanged && !options.bypassRules() && !type.allowsTransition(from, target.name())) {
            throw AdoException.rule("TF401320: Rule Error for field State. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty. "
                    + "The transition from '" + from + "' to '" + target.name() + "' is not allowed for work item type " + type.name() + ".", "System.State", "limitedToValues");
        }
        if (touched.contains("System.Reason") && fields.containsKey("System.Reason")) {
            String reason = fields.get("System.Reason").asText();
            String canonical = type.reasonsFor(target.name()).stream().filter(r -> r.equalsIgnoreCase(reason)).findFirst().orElse(null);
            if (canonical == null && !options.bypassRules()) {
                throw listError(ProcessTemplates.REASON);
            }
            fields.put("System.Reason", TextNode.valueOf(canonical == null ? reason : canonical));
        } else if (stateChanged || !fields.containsKey("System.Reason")) {
            fields.put("System.Reason", TextNode.valueOf(type.defaultReason(creating ? null : from, target.name())));
        }
        if (creating) {
            for (TypeField tf : type.fields()) {
                if (tf.defaultValue() != null && !fields.containsKey(tf.field().referenceName())) {
                    fields.put(tf.field().referenceName(), Json.MAPPER.valueToTree(tf.defaultValue()));
                }
            }
        }
        for (TypeField tf : type.fields()) {
            String ref = tf.field().referenceName();
            JsonNode v = fields.get(ref);
            if (v != null && !tf.allowedValues().isEmpty() && !options.bypassRules()) {
                String canonical = tf.allowedValues().stream().filter(a -> a.equalsIgnoreCase(v.asText())).findFirst().orElseThrow(() -> listError(tf.field()));
                fields.put(ref, tf.field().isNumeric() ? v : TextNode.valueOf(canonical));
            }
            if (tf.required() && (v == null || v.asText().isBlank()) && !ProcessTemplates.COMPUTED.contains(tf.field())) {
                throw AdoException.rule("TF401320: Rule Error for field " + tf.field().name() + ". Error code: Required, InvalidEmpty.", ref, "required, invalidEmpty");
            }
        }
        computed(creating, stateChanged, now);
    }

    private void computed(boolean creating, boolean stateChanged, Instant now) {
        JsonNode actorJson = actor.toJson(account.url());
        String date = Json.date(now);
        if (creating) {
            keepIfBypassed("System.CreatedDate", TextNode.valueOf(date));
            keepIfBypassed("System.CreatedBy", actorJson);
        }
        keepIfBypassed("System.ChangedDate", TextNode.valueOf(date));
        keepIfBypassed("System.ChangedBy", actorJson);
        fields.put("System.AuthorizedDate", fields.get("System.ChangedDate"));
        if (creating || stateChanged) {
            fields.put("Microsoft.VSTS.Common.StateChangeDate", fields.get("System.ChangedDate"));
        }
        int comments = (existing == null ? 0 : existing.comments().size()) + (history == null ? 0 : 1);
        fields.put("System.CommentCount", IntNode.valueOf(comments));
    }

    private void keepIfBypassed(String ref, JsonNode computedValue) {
        if (!(options.bypassRules() && touched.contains(ref) && fields.containsKey(ref))) {
            fields.put(ref, computedValue);
        }
    }

    private void treePath(String ref, List<String> tree) {
        JsonNode v = fields.get(ref);
        if (v == null) {
            fields.put(ref, TextNode.valueOf(project.name()));
            return;
        }
        String canonical = project.treePath(tree, v.asText()).orElseThrow(() -> AdoException.witServer(400,
                "TF401347: Invalid tree name given for work item " + (existing == null ? -1 : existing.id()) + ", field '" + ref + "'.",
                "WorkItemTrackingTreeNodeNotFoundException"));
        fields.put(ref, TextNode.valueOf(canonical));
    }

    private static AdoException listError(FieldDef f) {
        return AdoException.rule("TF401320: Rule Error for field " + f.name() + ". Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidListValue.",
                f.referenceName(), "required, hasValues, limitedToValues, allowsOldValue, invalidListValue");
    }

    private static AdoException readOnly(String ref) {
        return AdoException.rule("TF401326: Invalid field status 'ReadOnly' for field '" + ref + "'.", ref, "readOnly");
    }

    private static AdoException testFailed(String path, JsonNode expected, String actual) {
        return AdoException.of(412, "TF401289: The test operation on path '" + path + "' failed: expected '"
                        + (expected == null ? "" : display(expected)) + "', found '" + actual + "'. The work item has been changed since you read it.",
                "Microsoft.VisualStudio.Services.WebApi.Patch,Microsoft.VisualStudio.Services.WebApi", "TestPatchOperationFailedException");
    }

    /** Compares identities by their unique name and everything else by text. */
    private static String display(JsonNode v) {
        return v.isObject() && v.has("uniqueName") ? v.get("uniqueName").asText() : v.asText();
    }
}
