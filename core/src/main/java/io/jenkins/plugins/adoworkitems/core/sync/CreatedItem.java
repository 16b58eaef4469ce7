package io.jenkins.plugins.adoworkitems.core.sync;

import java.io.Serializable;

/**
 * A work item asked for in single mode: its id and web page, and whether it was created now or was the open item
 * that already carried the request's dedup key.
 */
public record CreatedItem(int id, String url, boolean created) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CreatedItem(int id, String url) {
        this(id, url, true);
    }
}
