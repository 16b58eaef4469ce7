package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.function.Supplier;

/**
 * One planned write (or NOOP) for one work item.
 *
 * @param unit what the item stands for; null for RESOLVE, whose finding is gone
 * @param existing the item as read; null for CREATE
 * @param rendering renders what to send, each time it is asked: a plan holds every change at once, and the rendered
 *                  title, description and tags of a hundred thousand creates would outweigh their findings, so each
 *                  patch is rendered when its batch of 200 is sent and dropped after; null for NOOP and SKIP
 * @param tool the scanner whose finding the item tracks
 * @param skipReason for SKIP, why
 */
record Change(Action action, Template template, String fingerprint, WorkUnit unit, WorkItem existing,
              Supplier<JsonPatch> rendering, String title, Severity severity, String detail, String tool,
              SkipReason skipReason) {

    Change(Action action, Template template, String fingerprint, WorkUnit unit, WorkItem existing,
           Supplier<JsonPatch> rendering, String title, Severity severity, String detail, String tool) {
        this(action, template, fingerprint, unit, existing, rendering, title, severity, detail, tool, SkipReason.NONE);
    }

    /** What to send, rendered now (the same every time); null for NOOP and SKIP. */
    JsonPatch patch() {
        return rendering == null ? null : rendering.get();
    }

    Change withDetail(String newDetail) {
        return new Change(action, template, fingerprint, unit, existing, rendering, title, severity, newDetail, tool,
                skipReason);
    }

    int id() {
        return existing == null ? 0 : existing.id();
    }
}
