package io.jenkins.plugins.adoworkitems.config;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;

import java.util.Locale;

/** Drop-down contents shared by the forms; values are what the text forms (JCasC, Pipeline) accept. */
public final class Choices {
    private Choices() {
    }

    /** Severities by their lower-case names; {@code emptyLabel} first when not null. */
    public static ListBoxModel severities(String emptyLabel) {
        ListBoxModel model = new ListBoxModel();
        if (emptyLabel != null) {
            model.add(emptyLabel, "");
        }
        for (Severity severity : Severity.values()) {
            model.add(severity.label(), severity.name().toLowerCase(Locale.ROOT));
        }
        return model;
    }

    public static ListBoxModel groupings() {
        ListBoxModel model = new ListBoxModel();
        for (Grouping grouping : Grouping.values()) {
            model.add(grouping.name().toLowerCase(Locale.ROOT));
        }
        return model;
    }

    /** Report formats; empty means detect each file's format. */
    public static ListBoxModel formats(String detectLabel) {
        ListBoxModel model = new ListBoxModel();
        model.add(detectLabel, "");
        for (ReportFormat format : ReportFormat.values()) {
            model.add(format.displayName(), format.id());
        }
        return model;
    }

    /** An empty model: what a user without permission gets from a fill endpoint. */
    public static ListBoxModel none() {
        return new ListBoxModel();
    }
}
