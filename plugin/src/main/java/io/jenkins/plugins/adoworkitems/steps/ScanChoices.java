package io.jenkins.plugins.adoworkitems.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.config.Choices;
import io.jenkins.plugins.adoworkitems.config.VisibleConfiguration;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;

/** Drop-downs the step and the post-build action share; their descriptors check permission first. */
final class ScanChoices {
    private ScanChoices() {
    }

    /** The templates the job (in its folders) sees, its folders' first. */
    static ListBoxModel templates(@CheckForNull Item item, String current) {
        ListBoxModel model = new ListBoxModel();
        VisibleConfiguration.of(item).templates().stream().map(WorkItemTemplate::getName).forEach(model::add);
        return Choices.keepingCurrent(model, current);
    }

    static ListBoxModel connections(@CheckForNull Item item, String current) {
        ListBoxModel model = new ListBoxModel();
        model.add(Messages.ScanChoices_AsTemplate(), "");
        VisibleConfiguration.of(item).connections().stream().map(scoped -> scoped.connection().getName())
                .forEach(model::add);
        return Choices.keepingCurrent(model, current);
    }

    /** The Azure DevOps URL a step with this template and connection override would use, or empty if unknown. */
    static String url(@CheckForNull Item item, String template, String connection) {
        VisibleConfiguration configuration = VisibleConfiguration.of(item);
        if (connection != null && !connection.isBlank()) {
            return configuration.connection(connection.trim()).map(scoped -> scoped.connection().getUrl()).orElse("");
        }
        try {
            return configuration.template(template == null ? "" : template.trim())
                    .map(row -> configuration.connectionFor(row.toTemplate()).connection().getUrl()).orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static ListBoxModel formats() {
        return Choices.formats(Messages.ScanChoices_Detect());
    }

    /** What a failed quality gate makes the build: failed (the default) or unstable. */
    static ListBoxModel qualityGates() {
        ListBoxModel model = new ListBoxModel();
        model.add(Messages.ScanChoices_GateFailure(), "");
        model.add(Messages.ScanChoices_GateUnstable(), "unstable");
        return model;
    }

    static ListBoxModel severities() {
        return Choices.severities(Messages.ScanChoices_AsTemplate());
    }
}
