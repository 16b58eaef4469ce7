package io.jenkins.plugins.adoworkitems.build;

import hudson.model.Action;
import hudson.model.Run;

/** The job's link to the work items page of its last successful build that synced any. */
public class LatestWorkItemsAction implements Action {
    private final Run<?, ?> run;

    public LatestWorkItemsAction(Run<?, ?> run) {
        this.run = run;
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
}
