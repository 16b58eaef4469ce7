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
 * Exactly our classes in serialized scan results. A Jenkins agent sends back a {@link ScreenedScan} (only the
 * findings a sync keeps), and the plugin's JEP-200 class filter permits {@link #OF_SCREENED_SCAN} and nothing else
 * of core; a {@link ReadResult} (every finding) is serializable data too, for callers that move whole reads.
 * ReadResultOnTheWireTest and ScreenedScanOnTheWireTest check that every sample's result holds no other class of
 * ours, so a new field type fails here before it fails on an agent.
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

    private WireClasses() {
    }
}
