package io.jenkins.plugins.adoworkitems.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.core.ado.ConnectionValidator;
import io.jenkins.plugins.adoworkitems.core.ado.ValidationReport;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.Placeholders;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.SeverityMapping;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.core.template.Triage;
import io.jenkins.plugins.adoworkitems.core.sync.TemplateSetup;
import io.jenkins.plugins.adoworkitems.core.template.TemplateChecks;
import io.jenkins.plugins.adoworkitems.credentials.AdoLogin;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One row of the template list: every property of core's {@link Template} as a form field. Lists are plain text
 * (see {@link TextLists}) so that the form, JCasC and config.xml read alike; {@link #toTemplate()} is the only
 * conversion, and it is what the checks and the builds use.
 */
public class WorkItemTemplate implements Describable<WorkItemTemplate> {
    private final String name;
    private final String project;
    private final String workItemType;
    private String connection = "";
    private String areaPath = "";
    private String iterationPath = "";
    private String tags = "";
    private String assignedTo = "";
    private String threshold = "info";
    private String severityValues = "";
    private String priorities = "";
    private String title = "";
    private String description = "";
    private String fields = "";
    private String routingTools = "";
    private String routingRules = "";
    private String routingMinSeverity = "";
    private String routingMaxSeverity = "";
    private String routingPaths = "";
    private String routingCwes = "";
    private String grouping = "finding";
    private int maxNewItems;
    private boolean resolveFixed;
    private String fingerprintField = "";
    /** Null (a configuration saved before triage existed, or never set): the default list; empty: none. */
    @CheckForNull
    private String triageStates;
    @CheckForNull
    private String triageReasons;
    @CheckForNull
    private String triageTags;
    private String triageExpiryField = "";
    private boolean pullRequests;

    @DataBoundConstructor
    public WorkItemTemplate(String name, String project, String workItemType) {
        this.name = trim(name);
        this.project = trim(project);
        this.workItemType = trim(workItemType);
    }

    /**
     * The core template.
     *
     * @throws IllegalArgumentException saying which field is wrong
     */
    public Template toTemplate() {
        Map<Severity, String> severityMap = new EnumMap<>(Severity.class);
        TextLists.nameValueLines(severityValues).forEach((severity, value) -> severityMap.put(Severity.parse(severity), value));
        Map<Severity, Integer> priorityMap = new EnumMap<>(Severity.class);
        TextLists.nameValueLines(priorities).forEach((severity, value) -> priorityMap.put(Severity.parse(severity), priority(value)));
        Routing routing = new Routing(TextLists.commaSeparated(routingTools), TextLists.commaSeparated(routingRules),
                severityOrNull(routingMinSeverity), severityOrNull(routingMaxSeverity),
                TextLists.commaSeparated(routingPaths), TextLists.commaSeparated(routingCwes));
        Severity least = severityOrNull(threshold);
        return new Template(name, connection, project, workItemType, areaPath, iterationPath,
                TextLists.commaSeparated(tags), assignedTo, least == null ? Severity.INFO : least,
                SeverityMapping.withOverrides(severityMap, priorityMap), title, description,
                TextLists.nameValueLines(fields), routing, grouping.isEmpty() ? Grouping.FINDING : Grouping.parse(grouping),
                maxNewItems, resolveFixed, fingerprintField, new Triage(TextLists.commaSeparated(getTriageStates()),
                        TextLists.commaSeparated(getTriageReasons()), TextLists.commaSeparated(getTriageTags()),
                        Util.fixNull(triageExpiryField).trim()), pullRequests);
    }

    private static int priority(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A priority is 1 to 4, got '" + value + "'", e);
        }
    }

    @CheckForNull
    private static Severity severityOrNull(String value) {
        return value == null || value.isBlank() ? null : Severity.parse(value);
    }

    private static String trim(String value) {
        return Util.fixNull(value).trim();
    }

    public String getName() {
        return name;
    }

    public String getProject() {
        return project;
    }

    public String getWorkItemType() {
        return workItemType;
    }

    /** Empty: the only connection, when there is exactly one. */
    public String getConnection() {
        return connection;
    }

    @DataBoundSetter
    public void setConnection(String connection) {
        this.connection = trim(connection);
    }

    public String getAreaPath() {
        return areaPath;
    }

    @DataBoundSetter
    public void setAreaPath(String areaPath) {
        this.areaPath = trim(areaPath);
    }

    public String getIterationPath() {
        return iterationPath;
    }

    @DataBoundSetter
    public void setIterationPath(String iterationPath) {
        this.iterationPath = trim(iterationPath);
    }

    /** Comma-separated. */
    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = trim(tags);
    }

    public String getAssignedTo() {
        return assignedTo;
    }

    @DataBoundSetter
    public void setAssignedTo(String assignedTo) {
        this.assignedTo = trim(assignedTo);
    }

    /** A severity name; info takes everything. */
    public String getThreshold() {
        return threshold;
    }

    @DataBoundSetter
    public void setThreshold(String threshold) {
        this.threshold = trim(threshold).isEmpty() ? "info" : trim(threshold);
    }

    /** Lines {@code severity=value} overriding the Microsoft.VSTS.Common.Severity values. */
    public String getSeverityValues() {
        return severityValues;
    }

    @DataBoundSetter
    public void setSeverityValues(String severityValues) {
        this.severityValues = trim(severityValues);
    }

    /** Lines {@code severity=1..4} overriding the priorities. */
    public String getPriorities() {
        return priorities;
    }

    @DataBoundSetter
    public void setPriorities(String priorities) {
        this.priorities = trim(priorities);
    }

    public String getTitle() {
        return title;
    }

    @DataBoundSetter
    public void setTitle(String title) {
        this.title = trim(title);
    }

    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(String description) {
        this.description = trim(description);
    }

    /** Lines {@code Reference.Name=placeholder template}. */
    public String getFields() {
        return fields;
    }

    @DataBoundSetter
    public void setFields(String fields) {
        this.fields = trim(fields);
    }

    public String getRoutingTools() {
        return routingTools;
    }

    @DataBoundSetter
    public void setRoutingTools(String routingTools) {
        this.routingTools = trim(routingTools);
    }

    public String getRoutingRules() {
        return routingRules;
    }

    @DataBoundSetter
    public void setRoutingRules(String routingRules) {
        this.routingRules = trim(routingRules);
    }

    public String getRoutingMinSeverity() {
        return routingMinSeverity;
    }

    @DataBoundSetter
    public void setRoutingMinSeverity(String routingMinSeverity) {
        this.routingMinSeverity = trim(routingMinSeverity);
    }

    public String getRoutingMaxSeverity() {
        return routingMaxSeverity;
    }

    @DataBoundSetter
    public void setRoutingMaxSeverity(String routingMaxSeverity) {
        this.routingMaxSeverity = trim(routingMaxSeverity);
    }

    public String getRoutingPaths() {
        return routingPaths;
    }

    @DataBoundSetter
    public void setRoutingPaths(String routingPaths) {
        this.routingPaths = trim(routingPaths);
    }

    public String getRoutingCwes() {
        return routingCwes;
    }

    @DataBoundSetter
    public void setRoutingCwes(String routingCwes) {
        this.routingCwes = trim(routingCwes);
    }

    /** {@code finding} (the default), {@code rule}, {@code package} or {@code file}. */
    public String getGrouping() {
        return grouping;
    }

    @DataBoundSetter
    public void setGrouping(String grouping) {
        this.grouping = trim(grouping).isEmpty() ? "finding" : trim(grouping);
    }

    public int getMaxNewItems() {
        return maxNewItems;
    }

    @DataBoundSetter
    public void setMaxNewItems(int maxNewItems) {
        this.maxNewItems = maxNewItems;
    }

    public boolean isResolveFixed() {
        return resolveFixed;
    }

    @DataBoundSetter
    public void setResolveFixed(boolean resolveFixed) {
        this.resolveFixed = resolveFixed;
    }

    public String getFingerprintField() {
        return fingerprintField;
    }

    @DataBoundSetter
    public void setFingerprintField(String fingerprintField) {
        this.fingerprintField = trim(fingerprintField);
    }

    /** State categories that are a person's triage decision, comma-separated (default: Removed). */
    public String getTriageStates() {
        return triageStates == null ? String.join(", ", Triage.DEFAULT.categories()) : triageStates;
    }

    @DataBoundSetter
    public void setTriageStates(String triageStates) {
        this.triageStates = trim(triageStates);
    }

    public String getTriageReasons() {
        return triageReasons == null ? String.join(", ", Triage.DEFAULT.reasons()) : triageReasons;
    }

    @DataBoundSetter
    public void setTriageReasons(String triageReasons) {
        this.triageReasons = trim(triageReasons);
    }

    public String getTriageTags() {
        return triageTags == null ? String.join(", ", Triage.DEFAULT.tags()) : triageTags;
    }

    @DataBoundSetter
    public void setTriageTags(String triageTags) {
        this.triageTags = trim(triageTags);
    }

    public String getTriageExpiryField() {
        return Util.fixNull(triageExpiryField);
    }

    @DataBoundSetter
    public void setTriageExpiryField(String triageExpiryField) {
        this.triageExpiryField = trim(triageExpiryField);
    }

    public boolean isPullRequests() {
        return pullRequests;
    }

    @DataBoundSetter
    public void setPullRequests(boolean pullRequests) {
        this.pullRequests = pullRequests;
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<WorkItemTemplate> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WorkItemTemplate_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? required(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckProject(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? required(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckWorkItemType(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? required(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTitle(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? placeholders(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDescription(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? placeholders(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckFields(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? check(row -> row.setFields(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTags(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? check(row -> row.setTags(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckSeverityValues(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? check(row -> row.setSeverityValues(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckPriorities(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? check(row -> row.setPriorities(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRoutingCwes(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? check(row -> row.setRoutingCwes(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxNewItems(@AncestorInPath Item item, @QueryParameter String value) {
            String number = Util.fixEmptyAndTrim(value) == null ? "0" : value.trim();
            return FormAccess.canConfigure(item) ? check(row -> row.setMaxNewItems(Integer.parseInt(number)))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckFingerprintField(@AncestorInPath Item item, @QueryParameter String value) {
            return FormAccess.canConfigure(item) ? check(row -> row.setFingerprintField(value)) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
            if (!FormAccess.canConfigure(item)) {
                return Choices.currentOnly(connection);
            }
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.WorkItemTemplate_OnlyConnection(), "");
            VisibleConfiguration.of(item).connections().forEach(c -> model.add(c.connection().getName()));
            return Choices.keepingCurrent(model, connection);
        }

        @POST
        public ListBoxModel doFillThresholdItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? Choices.severities(null) : Choices.none();
        }

        @POST
        public ListBoxModel doFillRoutingMinSeverityItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? Choices.severities(Messages.WorkItemTemplate_AnySeverity()) : Choices.none();
        }

        @POST
        public ListBoxModel doFillRoutingMaxSeverityItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? Choices.severities(Messages.WorkItemTemplate_AnySeverity()) : Choices.none();
        }

        @POST
        public ListBoxModel doFillGroupingItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? Choices.groupings() : Choices.none();
        }

        /** Template checks, then the project's process through the template's connection; writes nothing. */
        @POST
        public FormValidation doValidateTemplate(@AncestorInPath Item item, @QueryParameter String name, @QueryParameter String connection,
                @QueryParameter String project, @QueryParameter String workItemType, @QueryParameter String title,
                @QueryParameter String description, @QueryParameter String fields,
                @QueryParameter String fingerprintField) {
            FormAccess.checkConfigure(item);
            WorkItemTemplate row = new WorkItemTemplate(Util.fixEmptyAndTrim(name) == null ? "check" : name, project,
                    workItemType);
            row.setConnection(connection);
            row.setTitle(title);
            row.setDescription(description);
            row.setFields(fields);
            row.setFingerprintField(fingerprintField);
            return validate(row, VisibleConfiguration.of(item));
        }

        static FormValidation validate(WorkItemTemplate row, VisibleConfiguration configuration) {
            Template template;
            try {
                template = row.toTemplate();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            List<String> problems = TemplateChecks.problems(template);
            if (!problems.isEmpty()) {
                return FormValidation.error(String.join("; ", problems));
            }
            try {
                // Connections are read from the saved configuration: a template names one, and its URL and credential
                // are in another part of the page. One added but not yet saved says so instead of a lookup failure.
                VisibleConfiguration.Scoped scoped = configuration.connectionFor(template);
                Connection connection = scoped.connection();
                AdoLogin login = scoped.login();
                ValidationReport report = new ConnectionValidator(connection.settings(login)).validate(
                        connection.target(), login.credentials(), TemplateSetup.of(template));
                String lines = report.lines().stream().map(hudson.Util::escape).collect(Collectors.joining("<br>"));
                return report.ok() ? FormValidation.okWithMarkup(lines) : FormValidation.errorWithMarkup(lines);
            } catch (AuthenticationException | IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static FormValidation required(String value) {
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.error(Messages.WorkItemTemplate_Required())
                    : FormValidation.ok();
        }

        private static FormValidation placeholders(String value) {
            List<String> problems = Placeholders.problems(Util.fixNull(value));
            return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("; ", problems));
        }

        /** Sets one field on an otherwise valid row and reports what core says about the result. */
        private static FormValidation check(Consumer<WorkItemTemplate> field) {
            WorkItemTemplate row = new WorkItemTemplate("check", "check", "check");
            try {
                field.accept(row);
                List<String> problems = new ArrayList<>(TemplateChecks.problems(row.toTemplate()));
                return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("; ", problems));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
