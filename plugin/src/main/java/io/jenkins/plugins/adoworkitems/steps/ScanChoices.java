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

    static ListBoxModel templates(String current) {
        ListBoxModel model = new ListBoxModel();
        AdoWorkItemsConfiguration.get().getTemplates().stream().map(WorkItemTemplate::getName).forEach(model::add);
        return Choices.keepingCurrent(model, current);
    }

    static ListBoxModel connections(String current) {
        ListBoxModel model = new ListBoxModel();
        model.add(Messages.ScanChoices_AsTemplate(), "");
        AdoWorkItemsConfiguration.get().getConnections().stream().map(Connection::getName).forEach(model::add);
        return Choices.keepingCurrent(model, current);
    }

    /** The Azure DevOps URL a step with this template and connection override would use, or empty if unknown. */
    static String url(String template, String connection) {
        AdoWorkItemsConfiguration configuration = AdoWorkItemsConfiguration.get();
        if (connection != null && !connection.isBlank()) {
            return configuration.connection(connection.trim()).map(Connection::getUrl).orElse("");
        }
        try {
            return configuration.template(template == null ? "" : template.trim())
                    .map(row -> configuration.connectionFor(row.toTemplate()).getUrl()).orElse("");
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
