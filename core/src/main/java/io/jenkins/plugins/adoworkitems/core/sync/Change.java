package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Template;

/**
 * One planned write (or NOOP) for one work item.
 *
 * @param unit what the item stands for; null for RESOLVE, whose finding is gone
 * @param existing the item as read; null for CREATE
 * @param patch what to send; null for NOOP
 * @param tool the scanner whose finding the item tracks
 * @param skipReason for SKIP, why
 */
record Change(Action action, Template template, String fingerprint, WorkUnit unit, WorkItem existing, JsonPatch patch,
              String title, Severity severity, String detail, String tool, SkipReason skipReason) {

    Change(Action action, Template template, String fingerprint, WorkUnit unit, WorkItem existing, JsonPatch patch,
           String title, Severity severity, String detail, String tool) {
        this(action, template, fingerprint, unit, existing, patch, title, severity, detail, tool, SkipReason.NONE);
    }

    Change withDetail(String newDetail) {
        return new Change(action, template, fingerprint, unit, existing, patch, title, severity, newDetail, tool, skipReason);
    }

    int id() {
        return existing == null ? 0 : existing.id();
    }
}
