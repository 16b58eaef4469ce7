package io.jenkins.plugins.adoworkitems.sync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.adoworkitems.config.TextLists;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scan asks for, the same for the Pipeline step and the freestyle post-build action. Empty strings and
 * null mean "as the template says".
 */
/**
 * @param templates more templates after {@code template}, comma-separated, each finding going to the first whose
 *                  routing takes it; {@code *} for every template the job sees (of {@code connection} when set)
 * @param failOn the least severity whose open items fail the gate, or empty for no gate
 * @param qualityGate what a failed gate makes the build: {@code failure} (empty: the default) or {@code unstable}
 * @param qualityGateNewOnly count only the items this build created or reopened, not every open item
 */
public record ScanSettings(String results, String template, String templates, String format, boolean dryRun, String failOn,
                           @CheckForNull Boolean resolveFixed, String connection, String credentialsId, String project,
                           String type, String area, String iteration, String tags, String threshold,
                           String target, String qualityGate, boolean qualityGateNewOnly) {

    public ScanSettings {
        results = clean(results);
        template = clean(template);
        templates = clean(templates);
        format = clean(format);
        failOn = clean(failOn);
        connection = clean(connection);
        credentialsId = clean(credentialsId);
        project = clean(project);
        type = clean(type);
        area = clean(area);
        iteration = clean(iteration);
        tags = clean(tags);
        threshold = clean(threshold);
        target = clean(target);
        qualityGate = clean(qualityGate).toLowerCase(java.util.Locale.ROOT);
    }

    /** The template names this call asks for, in order: {@code template}, then each of {@code templates}. */
    public List<String> templateNames() {
        List<String> names = new ArrayList<>();
        if (!template.isEmpty()) {
            names.add(template);
        }
        for (String name : TextLists.commaSeparated(templates)) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The configured template with this call's overrides.
     *
     * @throws IllegalArgumentException for an unknown severity or an invalid tag
     */
    public Template applyTo(Template t) {
        return new Template(t.name(), or(connection, t.connection()), or(project, t.project()),
                or(type, t.workItemType()), or(area, t.areaPath()), or(iteration, t.iterationPath()),
                tags.isEmpty() ? t.tags() : TextLists.commaSeparated(tags), t.assignedTo(),
                threshold.isEmpty() ? t.threshold() : Severity.parse(threshold), t.severityMapping(), t.title(),
                t.description(), t.fields(), t.routing(), t.grouping(), t.maxNewItems(),
                resolveFixed == null ? t.resolveFixed() : resolveFixed, t.fingerprintField(), t.triage(), t.pullRequests());
    }

    private static String or(String override, String configured) {
        return override.isEmpty() ? configured : override;
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }
}
