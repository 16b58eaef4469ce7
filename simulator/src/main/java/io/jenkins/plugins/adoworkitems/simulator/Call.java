package io.jenkins.plugins.adoworkitems.simulator;

import java.util.List;

/** One authenticated, version-checked API call: the account, the project when the URL names one, who calls. */
record Call(Request request, Account account, ProjectState project, List<String> route, IdentityRef actor, ApiVersion version) {
    ProjectState requireProject() {
        if (project == null) {
            throw AdoException.webApi(400, "The project parameter is required for this request.", "ArgumentNullException");
        }
        return project;
    }

    String seg(int i) {
        return route.get(i);
    }
}
