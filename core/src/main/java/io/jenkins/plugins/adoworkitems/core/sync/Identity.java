package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a work item carries its identity (docs/sync.md): a fingerprint tag {@code adowi-<32 hex>} (or the
 * template's fingerprint field) and a scope tag {@code adowi-scope-<16 hex>} naming the template and tool that
 * own it. Hex only, so WIQL never needs escaping beyond what it has.
 */
final class Identity {
    static final String PREFIX = "adowi-";
    static final String SCOPE_PREFIX = "adowi-scope-";
    static final String TARGET_PREFIX = "adowi-target-";
    private static final Pattern TARGET_TAG = Pattern.compile("adowi-target-[0-9a-f]{16}");
    private static final Pattern FINGERPRINT_TAG = Pattern.compile("adowi-[0-9a-f]{32}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    /** ADO caps WIQL text at 32 768 characters; leave room for the fixed part. */
    static final int MAX_QUERY = 30_000;

    private Identity() {
    }

    static String fingerprintTag(String fingerprint) {
        return PREFIX + fingerprint;
    }

    static String scopeTag(String templateName, String tool) {
        return SCOPE_PREFIX + Fingerprints.group("scope", List.of(templateName, Fingerprints.normaliseName(tool)))
                .value().substring(0, 16);
    }

    /** The tag naming a scan target the item's finding was reported in; empty for the empty target. */
    static String targetTag(String target) {
        return target.isEmpty() ? "" : TARGET_PREFIX + Fingerprints.group("target", List.of(target)).value().substring(0, 16);
    }

    /** The target tags an item carries, lower case. */
    static Set<String> targetTags(WorkItem item) {
        Set<String> found = new TreeSet<>();
        tags(item.field("System.Tags")).forEach(tag -> {
            String lower = tag.toLowerCase(java.util.Locale.ROOT);
            if (TARGET_TAG.matcher(lower).matches()) {
                found.add(lower);
            }
        });
        return found;
    }

    /**
     * The item's tags with its target tags among {@code covered} replaced by those of {@code targets}: the others,
     * people's included, are kept as they are.
     */
    static List<String> retargeted(WorkItem item, Set<String> covered, Set<String> targets) {
        Set<String> drop = new HashSet<>();
        covered.forEach(target -> drop.add(targetTag(target)));
        List<String> result = new ArrayList<>();
        for (String tag : tags(item.field("System.Tags"))) {
            if (!drop.contains(tag.toLowerCase(java.util.Locale.ROOT))) {
                result.add(tag);
            }
        }
        Set<String> present = new HashSet<>();
        result.forEach(tag -> present.add(tag.toLowerCase(java.util.Locale.ROOT)));
        for (String target : targets) {
            String tag = targetTag(target);
            if (!tag.isEmpty() && present.add(tag)) {
                result.add(tag);
            }
        }
        return result;
    }

    /** Tags as Azure DevOps stores them: {@code "a; b; c"}. */
    static List<String> tags(String systemTags) {
        if (systemTags == null || systemTags.isBlank()) {
            return List.of();
        }
        return Arrays.stream(systemTags.split(";")).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    /** The fingerprint a work item carries, from the template's field or from its tag. */
    static Optional<String> fingerprintOf(WorkItem item, String fingerprintField) {
        if (!fingerprintField.isEmpty()) {
            String value = item.field(fingerprintField);
            return value != null && value.length() == 32 && HEX.matcher(value).matches() ? Optional.of(value) : Optional.empty();
        }
        return tags(item.field("System.Tags")).stream().map(tag -> tag.toLowerCase(java.util.Locale.ROOT))
                .filter(tag -> FINGERPRINT_TAG.matcher(tag).matches())
                .map(tag -> tag.substring(PREFIX.length())).findFirst();
    }

    /**
     * WIQL queries finding every item that carries one of the fingerprints, each within ADO's length limit.
     * Fingerprints are hex by construction; the check is what keeps a query free of injection.
     */
    static List<String> fingerprintQueries(Collection<String> fingerprints, Template template) {
        List<String> queries = new ArrayList<>();
        String head = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND (";
        StringBuilder clauses = new StringBuilder();
        for (String fingerprint : fingerprints) {
            if (!HEX.matcher(fingerprint).matches()) {
                throw new IllegalArgumentException("Not a fingerprint: " + fingerprint);
            }
            String clause = template.fingerprintField().isEmpty()
                    ? "[System.Tags] CONTAINS '" + fingerprintTag(fingerprint) + "'"
                    : "[" + template.fingerprintField() + "] = '" + fingerprint + "'";
            if (clauses.length() > 0 && head.length() + clauses.length() + clause.length() + 5 > MAX_QUERY) {
                queries.add(head + clauses + ")");
                clauses.setLength(0);
            }
            clauses.append(clauses.length() == 0 ? "" : " OR ").append(clause);
        }
        if (clauses.length() > 0) {
            queries.add(head + clauses + ")");
        }
        return queries;
    }

    /**
     * The open items of one template and tool, in the given targets (all targets when {@code targetTags} is empty),
     * by id past {@code afterId}: ADO returns at most 20 000 ids a query, so a larger scope is read in id ranges.
     */
    static String openInScopeQuery(String scopeTag, Collection<String> targetTags, Collection<String> closedStates,
                                   int afterId) {
        StringBuilder query = new StringBuilder("SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND "
                + "[System.Tags] CONTAINS '" + scopeTag + "'");
        if (!targetTags.isEmpty()) {
            query.append(" AND (").append(String.join(" OR ", targetTags.stream()
                    .map(tag -> "[System.Tags] CONTAINS '" + tag + "'").toList())).append(')');
        }
        if (!closedStates.isEmpty()) {
            query.append(" AND [System.State] NOT IN (");
            query.append(String.join(", ", closedStates.stream().map(Identity::quote).toList()));
            query.append(')');
        }
        if (afterId > 0) {
            query.append(" AND [System.Id] > ").append(afterId);
        }
        return query.append(" ORDER BY [System.Id]").toString();
    }

    /** A WIQL string literal: single quotes, doubled inside. State names come from the server, not from scans. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
