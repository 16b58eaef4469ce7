package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one work item stands for: one finding, or a group of findings under a grouping template, with the
 * identity the item carries.
 *
 * @param members most severe first, then by fingerprint, so the item's text does not depend on report order
 * @param covered the scan targets this run's reports of the tool covered: the item's target tags among them are
 *                replaced by the targets of {@code members}
 */
record WorkUnit(Template template, String fingerprint, String tool, List<Finding> members, Set<String> covered) {
    WorkUnit {
        members = List.copyOf(members);
        covered = Set.copyOf(covered);
    }

    WorkUnit(Template template, String fingerprint, String tool, List<Finding> members) {
        this(template, fingerprint, tool, members, Set.of());
    }

    /** The scan targets the members were found in, empty ones left out. */
    Set<String> targets() {
        Set<String> targets = new TreeSet<>();
        members.forEach(member -> {
            if (!member.target().isEmpty()) {
                targets.add(member.target());
            }
        });
        return targets;
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
