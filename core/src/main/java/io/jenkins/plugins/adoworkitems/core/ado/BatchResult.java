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

    /** What a failed operation's status means, in the codes users see; the batch answer carries no more than this. */
    public ErrorCode errorCode() {
        String message = error == null ? "" : error.toLowerCase(java.util.Locale.ROOT);
        if (code == 401) {
            return message.contains("scope") ? ErrorCode.SCOPE_UNAVAILABLE : ErrorCode.AUTH_REQUIRED;
        }
        if (code == 403) {
            return ErrorCode.SCOPE_UNAVAILABLE;
        }
        if (code == 404) {
            return ErrorCode.WORK_ITEM_NOT_FOUND;
        }
        if (code == 409 || code == 412) {
            return ErrorCode.CONFLICT;
        }
        if (code >= 500) {
            return ErrorCode.SERVER_ERROR;
        }
        if (message.contains("system.state") || message.contains("transition") || message.contains("field 'state'")) {
            return ErrorCode.STATE_TRANSITION_REJECTED;
        }
        return message.contains("field") || message.contains("tf51535") || message.contains("tf401320")
                ? ErrorCode.FIELD_REJECTED : ErrorCode.BAD_REQUEST;
    }
}
