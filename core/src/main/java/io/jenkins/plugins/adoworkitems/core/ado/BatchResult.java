package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.Optional;

/** The answer to one {@link BatchOperation}: its HTTP code and either the work item or Azure DevOps' message. */
public record BatchResult(int code, WorkItem workItem, String error) {
    public boolean succeeded() {
        return code >= 200 && code < 300;
    }

    public Optional<WorkItem> item() {
        return Optional.ofNullable(workItem);
    }
}
