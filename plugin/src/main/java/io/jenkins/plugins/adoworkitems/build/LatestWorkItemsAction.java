package io.jenkins.plugins.adoworkitems.build;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import edu.hm.hafner.echarts.JacksonFacade;
import edu.hm.hafner.echarts.Palette;
import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.bind.JavaScriptMethod;

import java.util.ArrayList;

import java.util.Collection;
import java.util.List;

/**
 * The job's link to the work items page of its latest completed build that synced: a build the quality gate failed
 * included (Jenkins' own last-build actions follow the last successful build only).
 */
public class LatestWorkItemsAction implements Action, AsyncTrendChart {
    /** How far back the job page looks for a build that synced. */
    static final int LOOK_BACK = 50;

    private final Run<?, ?> run;

    public LatestWorkItemsAction(Run<?, ?> run) {
        this.run = run;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public WorkItemsAction getResult() {
        return run.getAction(WorkItemsAction.class);
    }

    /**
     * Open items by severity over the job's builds that synced (at most {@link #LOOK_BACK}, oldest first), stacked,
     * for the job page's chart; loaded by the page after it is shown.
     */
    @JavaScriptMethod
    @Override
    public String getBuildTrendModel() {
        return new JacksonFacade().toJson(trend());
    }

    LinesChartModel trend() {
        List<Run<?, ?>> builds = new ArrayList<>();
        for (Run<?, ?> build = run; build != null && builds.size() < LOOK_BACK; build = build.getPreviousCompletedBuild()) {
            if (build.getAction(WorkItemsAction.class) != null) {
                builds.add(0, build);
            }
        }
        LinesChartModel model = new LinesChartModel();
        model.setDomainAxisLabels(builds.stream().map(build -> "#" + build.getNumber()).toList());
        model.setBuildNumbers(builds.stream().map(Run::getNumber).toList());
        Palette[] colours = {Palette.RED, Palette.ORANGE, Palette.YELLOW, Palette.BLUE, Palette.GRAY};
        Severity[] severities = Severity.values();
        for (int i = 0; i < severities.length; i++) {
            String label = severities[i].label();
            LineSeries series = new LineSeries(label, colours[Math.min(i, colours.length - 1)].getNormal(),
                    LineSeries.StackedMode.STACKED, LineSeries.FilledMode.FILLED);
            builds.forEach(build -> series.add(build.getAction(WorkItemsAction.class).getOpen().getOrDefault(label, 0)));
            // A severity no build had stays out of the legend; the stack's top line would only repeat the total.
            if (series.getData().stream().anyMatch(value -> value > 0)) {
                model.addSeries(series);
            }
        }
        return model;
    }

    @Override
    public boolean isTrendVisible() {
        return true;
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return Messages.LatestWorkItemsAction_DisplayName();
    }

    /** Relative to the job's URL: the build's page, so the link survives without a route of its own. */
    @Override
    public String getUrlName() {
        return run.getNumber() + "/" + WorkItemsAction.URL_NAME;
    }

    /** Adds the link to every job with a completed build that synced. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Class<? extends Action> actionType() {
            return LatestWorkItemsAction.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            Run<?, ?> run = target.getLastCompletedBuild();
            for (int i = 0; run != null && i < LOOK_BACK; i++, run = run.getPreviousCompletedBuild()) {
                if (run.getAction(WorkItemsAction.class) != null) {
                    return List.of(new LatestWorkItemsAction(run));
                }
            }
            return List.of();
        }
    }
}
