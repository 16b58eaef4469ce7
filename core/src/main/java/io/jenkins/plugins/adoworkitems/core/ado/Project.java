package io.jenkins.plugins.adoworkitems.core.ado;

/** A team project as {@code GET _apis/projects/{project}} returns it. */
public record Project(String id, String name, String state, String url) {
}
