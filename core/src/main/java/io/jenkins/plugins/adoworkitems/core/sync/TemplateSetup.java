package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.WorkItemSetup;
import io.jenkins.plugins.adoworkitems.core.template.Template;

/** What a template will write, for the client's validator, which knows nothing of templates. */
public final class TemplateSetup {
    private TemplateSetup() {
    }

    public static WorkItemSetup of(Template template) {
        return new WorkItemSetup(template.project(), template.workItemType(), template.areaPath(),
                template.iterationPath(), template.fields(), template.fingerprintField());
    }
}
