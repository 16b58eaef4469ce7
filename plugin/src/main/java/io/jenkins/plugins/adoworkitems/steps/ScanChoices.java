package io.jenkins.plugins.adoworkitems.steps;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Choices;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;

/** Drop-downs the step and the post-build action share; their descriptors check permission first. */
final class ScanChoices {
    private ScanChoices() {
    }

    static ListBoxModel templates() {
        ListBoxModel model = new ListBoxModel();
        AdoWorkItemsConfiguration.get().getTemplates().stream().map(WorkItemTemplate::getName).forEach(model::add);
        return model;
    }

    static ListBoxModel connections() {
        ListBoxModel model = new ListBoxModel();
        model.add(Messages.ScanChoices_AsTemplate(), "");
        AdoWorkItemsConfiguration.get().getConnections().stream().map(Connection::getName).forEach(model::add);
        return model;
    }

    static ListBoxModel formats() {
        return Choices.formats(Messages.ScanChoices_Detect());
    }

    static ListBoxModel severities() {
        return Choices.severities(Messages.ScanChoices_AsTemplate());
    }
}
