package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stored work item: every revision is kept; guarded by its account's lock. */
final class WorkItem {
    /** One saved state; {@code fields} include System.History only in the revision that carried it. */
    record Revision(int rev, Map<String, JsonNode> fields, List<JsonNode> relations) {
    }

    record Comment(int id, String text, IdentityRef createdBy, Instant createdDate, Instant modifiedDate, int version) {
    }

    private final int id;
    private final List<Revision> revisions = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    WorkItem(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    Revision current() {
        return revisions.get(revisions.size() - 1);
    }

    List<Revision> revisions() {
        return List.copyOf(revisions);
    }

    void addRevision(Revision revision) {
        revisions.add(revision);
    }

    List<Comment> comments() {
        return List.copyOf(comments);
    }

    void addComment(Comment comment) {
        comments.add(comment);
    }

    String project() {
        return current().fields().get("System.TeamProject").asText();
    }

    String type() {
        return current().fields().get("System.WorkItemType").asText();
    }
}
