package io.jenkins.plugins.adoworkitems.core.template;

import java.util.Locale;

/**
 * How findings map to work items. Whatever the grouping, each finding stays tracked by its own fingerprint
 * inside the group's item (listed in the description), so a group changes when any member changes.
 */
public enum Grouping {
    /** One work item per finding (the default). */
    FINDING,
    /** One per rule or vulnerability id: "CVE-2024-1234 in 7 places". */
    RULE,
    /** One per package and version: "openssl 3.0.1 has 12 vulnerabilities". */
    PACKAGE,
    /** One per file. */
    FILE;

    public static Grouping parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown grouping '" + value + "': use finding, rule, package or file", e);
        }
    }
}
