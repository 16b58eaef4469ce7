package io.jenkins.plugins.adoworkitems.core.sync;

import java.io.Serializable;

/** A work item created on request (single mode): its id and web page. */
public record CreatedItem(int id, String url) implements Serializable {
    private static final long serialVersionUID = 1L;
}
