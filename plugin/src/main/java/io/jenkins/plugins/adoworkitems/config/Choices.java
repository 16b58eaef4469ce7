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
            String label = switch (grouping) {
                case FINDING -> Messages.Choices_GroupingFinding();
                case RULE -> Messages.Choices_GroupingRule();
                case PACKAGE -> Messages.Choices_GroupingPackage();
                case FILE -> Messages.Choices_GroupingFile();
            };
            model.add(label, grouping.name().toLowerCase(Locale.ROOT));
        }
        return model;
    }

    /**
     * {@code model} with {@code current} selected, added with a "not configured" mark when it is not among the
     * choices: a renamed or deleted template or connection must not silently re-point the job on its next save.
     */
    public static ListBoxModel keepingCurrent(ListBoxModel model, String current) {
        if (current == null || current.isEmpty()) {
            return model;
        }
        for (ListBoxModel.Option option : model) {
            if (option.value.equals(current)) {
                option.selected = true;
                return model;
            }
        }
        model.add(0, new ListBoxModel.Option(Messages.Choices_NotConfigured(current), current, true));
        return model;
    }

    /** Only the current value: what a user without permission gets, so that saving the form keeps it. */
    public static ListBoxModel currentOnly(String current) {
        ListBoxModel model = new ListBoxModel();
        if (current != null && !current.isEmpty()) {
            model.add(new ListBoxModel.Option(current, current, true));
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
