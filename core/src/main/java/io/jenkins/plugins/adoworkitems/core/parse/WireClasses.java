package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprint;
import io.jenkins.plugins.adoworkitems.core.finding.FingerprintSet;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;

import java.util.Set;

/**
 * Exactly our classes in what a Jenkins agent sends back after reading reports: a {@link ReadResult} (every finding)
 * or a {@link ScreenedScan} (only the findings a sync keeps). The plugin's JEP-200 class filter permits these and
 * nothing else of core; ReadResultOnTheWireTest and ScreenedScanOnTheWireTest check that every sample's result holds
 * no other class of ours, so a new field type fails here before it fails on an agent.
 */
public final class WireClasses {
    /** The classes of a {@link ReadResult}. */
    public static final Set<Class<?>> OF_READ_RESULT = Set.of(ReadResult.class, Report.class, ReportProblem.class,
            ParseSummary.class, ReportFormat.class, Finding.class, Tool.class, Rule.class, Severity.class, Asset.class,
            Location.class, Identifier.class, Fingerprint.class, BaselineState.class);

    /** The classes of a {@link ScreenedScan}: no {@code Report} or {@code ReadResult}, its findings travel in one list. */
    public static final Set<Class<?>> OF_SCREENED_SCAN = Set.of(ScreenedScan.class, ReportOutline.class,
            ReportProblem.class, ParseSummary.class, ReportFormat.class, FingerprintSet.class, Finding.class, Tool.class,
            Rule.class, Severity.class, Asset.class, Location.class, Identifier.class, Fingerprint.class,
            BaselineState.class);

    /** Everything an agent may send: what the plugin's class filter permits. */
    public static final Set<Class<?>> FROM_AGENT = union(OF_READ_RESULT, OF_SCREENED_SCAN);

    private WireClasses() {
    }

    private static Set<Class<?>> union(Set<Class<?>> one, Set<Class<?>> other) {
        Set<Class<?>> both = new java.util.HashSet<>(one);
        both.addAll(other);
        return Set.copyOf(both);
    }
}
