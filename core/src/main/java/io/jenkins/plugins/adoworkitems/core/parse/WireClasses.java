package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprint;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;

import java.util.Set;

/**
 * Exactly our classes in a serialized {@link ReadResult}, what a Jenkins agent sends back after reading reports.
 * The plugin's JEP-200 class filter permits these and nothing else of core; ReadResultOnTheWireTest checks that
 * every sample's result holds no other class of ours, so a new field type fails here before it fails on an agent.
 */
public final class WireClasses {
    public static final Set<Class<?>> OF_READ_RESULT = Set.of(ReadResult.class, Report.class, ReportProblem.class,
            ParseSummary.class, ReportFormat.class, Finding.class, Tool.class, Rule.class, Severity.class, Asset.class,
            Location.class, Identifier.class, Fingerprint.class, BaselineState.class);

    private WireClasses() {
    }
}
