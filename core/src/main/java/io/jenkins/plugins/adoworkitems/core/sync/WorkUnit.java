package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.List;

/**
 * What one work item stands for: one finding, or a group of findings under a grouping template, with the
 * identity the item carries.
 *
 * @param members most severe first, then by fingerprint, so the item's text does not depend on report order
 */
record WorkUnit(Template template, String fingerprint, String tool, List<Finding> members) {
    WorkUnit {
        members = List.copyOf(members);
    }

    Finding first() {
        return members.get(0);
    }

    Severity severity() {
        return first().severity();
    }

    String scopeTag() {
        return Identity.scopeTag(template.name(), tool);
    }
}
