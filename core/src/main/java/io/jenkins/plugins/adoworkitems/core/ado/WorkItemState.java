package io.jenkins.plugins.adoworkitems.core.ado;

/**
 * A state of a work item type with its category: Proposed, InProgress, Resolved, Completed or Removed. The
 * categories, not the state names, tell which state means "open" or "done" in any process.
 */
public record WorkItemState(String name, String color, String category) {
}
