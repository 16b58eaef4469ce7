package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a parser did with one report besides emitting findings: the counts users see (docs/formats.md) and
 * warnings worth printing (an unsupported but readable version, an unknown severity label…).
 *
 * @param findings findings emitted
 * @param suppressed findings the tool marked suppressed and that were skipped
 * @param absent SARIF results with {@code baselineState: absent} (fixed since the baseline), skipped
 * @param duplicates identical entries merged into one finding
 * @param ignored entries that are not findings by our counting rules (Trivy PASS checks, npm indirect entries…)
 * @param tools the tools the report covers, as findings name them, in order and once each; also for a report
 *              without findings, so that resolving fixed work items can tell "nothing found" from "not scanned"
 * @param targets the scan targets the report names ({@link io.jenkins.plugins.adoworkitems.core.finding.ScanTarget}),
 *                also without findings: a clean scan of a target resolves that target's items only; empty when the
 *                report names none
 */
public record ParseSummary(int findings, int suppressed, int absent, int duplicates, int ignored,
                           List<String> tools, List<String> warnings, List<String> targets) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ParseSummary {
        tools = List.copyOf(tools);
        warnings = List.copyOf(warnings);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The counts of a report that names no scan target. */
    public ParseSummary(int findings, int suppressed, int absent, int duplicates, int ignored, List<String> tools,
                        List<String> warnings) {
        this(findings, suppressed, absent, duplicates, ignored, tools, warnings, List.of());
    }

    /** Mutable counts a parser keeps while it reads. */
    public static final class Counter {
        private int findings;
        private int suppressed;
        private int absent;
        private int duplicates;
        private int ignored;
        private final Set<String> tools = new LinkedHashSet<>();
        private final Set<String> targets = new LinkedHashSet<>();
        private final List<String> warnings = new ArrayList<>();
        private final Set<String> unknownSeverities = new HashSet<>();

        public void finding() {
            findings++;
        }

        public void suppressed() {
            suppressed++;
        }

        public void absent() {
            absent++;
        }

        public void duplicate() {
            duplicates++;
        }

        public void ignored() {
            ignored++;
        }

        /** Records that the report covers this tool; blank names (a SARIF driver without one) are left out. */
        public void tool(String name) {
            if (!name.isBlank()) {
                tools.add(Tool.displayName(name));
            }
        }

        /** Records that the report scanned this target (a {@code ScanTarget} name); empty names are left out. */
        public void target(String name) {
            if (name != null && !name.isBlank()) {
                targets.add(name);
            }
        }

        public void warning(String text) {
            warnings.add(text);
        }

        /** The severity a scanner's label names, by {@link Severity#fromLabel}; see {@link #severity(String, Optional)}. */
        public Severity severity(String label) {
            return severity(label, Severity.fromLabel(label));
        }

        /**
         * {@code known}, the format's own reading of {@code label}; when it has none, Medium, so that a severity
         * threshold does not silently drop a finding the tool did not rate (Trivy's and Grype's UNKNOWN), with
         * one warning per label.
         */
        public Severity severity(String label, Optional<Severity> known) {
            return known.orElseGet(() -> unknownSeverity(label, Severity.MEDIUM, "as Medium"));
        }

        /** Warns once per label that {@code label} is not a severity we know and findings with it are counted {@code how}. */
        public Severity unknownSeverity(String label, Severity counted, String how) {
            if (unknownSeverities.add(label)) {
                warning((label.isBlank() ? "findings without a severity" : "severity '" + label + "' is not known; findings with it")
                        + " are counted " + how);
            }
            return counted;
        }

        public ParseSummary summary() {
            return new ParseSummary(findings, suppressed, absent, duplicates, ignored, List.copyOf(tools), warnings,
                    List.copyOf(targets));
        }
    }
}
