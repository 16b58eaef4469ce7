package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Severity;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Severity to Azure DevOps' {@code Microsoft.VSTS.Common.Severity} and {@code Microsoft.VSTS.Common.Priority}.
 * Applied only when the work item type has those fields. Users may override single entries; the rest keep
 * the defaults.
 */
public record SeverityMapping(Map<Severity, String> severityValues, Map<Severity, Integer> priorities)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SEVERITY_FIELD = "Microsoft.VSTS.Common.Severity";
    public static final String PRIORITY_FIELD = "Microsoft.VSTS.Common.Priority";

    /** The values of the Agile, Scrum and CMMI processes; Info has no level of its own there. */
    public static final SeverityMapping DEFAULT = new SeverityMapping(
            Map.of(Severity.CRITICAL, "1 - Critical", Severity.HIGH, "2 - High", Severity.MEDIUM, "3 - Medium",
                    Severity.LOW, "4 - Low", Severity.INFO, "4 - Low"),
            Map.of(Severity.CRITICAL, 1, Severity.HIGH, 2, Severity.MEDIUM, 3, Severity.LOW, 4, Severity.INFO, 4));

    public SeverityMapping {
        severityValues = complete(severityValues, DEFAULT == null ? null : DEFAULT.severityValues);
        priorities = complete(priorities, DEFAULT == null ? null : DEFAULT.priorities);
        priorities.values().forEach(priority -> {
            if (priority < 1 || priority > 4) {
                throw new IllegalArgumentException("A priority is 1 to 4, got " + priority);
            }
        });
    }

    /** Overrides on top of the defaults. */
    public static SeverityMapping withOverrides(Map<Severity, String> severityValues, Map<Severity, Integer> priorities) {
        return new SeverityMapping(severityValues, priorities);
    }

    public String severityValue(Severity severity) {
        return severityValues.get(severity);
    }

    public int priority(Severity severity) {
        return priorities.get(severity);
    }

    private static <V> Map<Severity, V> complete(Map<Severity, V> given, Map<Severity, V> defaults) {
        Map<Severity, V> result = new EnumMap<>(Severity.class);
        if (defaults != null) {
            result.putAll(defaults);
        }
        if (given != null) {
            result.putAll(given);
        }
        if (result.size() != Severity.values().length) {
            throw new IllegalArgumentException("Every severity needs a value: " + result.keySet());
        }
        return Map.copyOf(result);
    }
}
