package io.jenkins.plugins.adoworkitems.build;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import jenkins.model.TransientActionFactory;

import java.util.Collection;
import java.util.List;

/**
 * The job's link to the work items page of its latest completed build that synced: a build the quality gate failed
 * included (Jenkins' own last-build actions follow the last successful build only).
 */
public class LatestWorkItemsAction implements Action {
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
