package io.jenkins.plugins.adoworkitems.core.ado;

/**
 * A discussion comment. {@code id} is 0 when the server has no comments API (Azure DevOps Server 2019 and older
 * api-versions) and the text went into the work item's history instead.
 */
public record Comment(int id, int workItemId, String text) {
}
