package io.jenkins.plugins.adoworkitems.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.config.Choices;
import io.jenkins.plugins.adoworkitems.config.TextLists;
import io.jenkins.plugins.adoworkitems.core.sync.CreatedItem;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import io.jenkins.plugins.adoworkitems.credentials.AdoCredentials;
import io.jenkins.plugins.adoworkitems.sync.ScanSettings;
import io.jenkins.plugins.adoworkitems.sync.WorkItemSync;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code createAdoWorkItem}: with {@code results}, syncs the findings of report files into work items (scan mode);
 * with {@code title}, creates one work item (single mode). Returns a map the script can read.
 */
public class CreateAdoWorkItemStep extends Step {
    private final String template;
    private String templates = "";
    private String results = "";
    private String format = "";
    private boolean dryRun;
    private String failOn = "";
    private Boolean resolveFixed;
    private String connection = "";
    private String credentialsId = "";
    private String project = "";
    private String type = "";
    private String area = "";
    private String iteration = "";
    private String tags = "";
    private String threshold = "";
    private String target = "";
    private String qualityGate = "";
    private boolean qualityGateNewOnly;
    private String title = "";
    private String description = "";
    private int priority;
    private String fields = "";
    private String dedupKey = "";

    @DataBoundConstructor
    public CreateAdoWorkItemStep(String template) {
        this.template = Util.fixNull(template).trim();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    ScanSettings settings() {
        return new ScanSettings(results, template, templates, format, dryRun, failOn, resolveFixed, connection, credentialsId,
                project, type, area, iteration, tags, threshold, target, qualityGate,
                qualityGateNewOnly);
    }

    public String getTemplate() {
        return template;
    }

    public String getTemplates() {
        return templates;
    }

    /**
     * More templates after {@code template}, comma-separated; each finding goes to the first whose routing takes it.
     * {@code *} adds every template the job sees. A Pipeline may pass a list (see the step's descriptor).
     */
    @DataBoundSetter
    public void setTemplates(String templates) {
        this.templates = Util.fixNull(templates).trim();
    }

    public String getResults() {
        return results;
    }

    /** Ant-style patterns of report files in the workspace, comma-separated. */
    @DataBoundSetter
    public void setResults(String results) {
        this.results = Util.fixNull(results).trim();
    }

    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        this.format = Util.fixNull(format).trim();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = Util.fixNull(failOn).trim();
    }

    /** Null: as the template says. */
    @CheckForNull
    public Boolean getResolveFixed() {
        return resolveFixed;
    }

    @DataBoundSetter
    public void setResolveFixed(@CheckForNull Boolean resolveFixed) {
        this.resolveFixed = resolveFixed;
    }

    public String getConnection() {
        return connection;
    }

    @DataBoundSetter
    public void setConnection(String connection) {
        this.connection = Util.fixNull(connection).trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixNull(credentialsId).trim();
    }

    public String getProject() {
        return project;
    }

    @DataBoundSetter
    public void setProject(String project) {
        this.project = Util.fixNull(project).trim();
    }

    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(String type) {
        this.type = Util.fixNull(type).trim();
    }

    public String getArea() {
        return area;
    }

    @DataBoundSetter
    public void setArea(String area) {
        this.area = Util.fixNull(area).trim();
    }

    public String getIteration() {
        return iteration;
    }

    @DataBoundSetter
    public void setIteration(String iteration) {
        this.iteration = Util.fixNull(iteration).trim();
    }

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = Util.fixNull(tags).trim();
    }

    public String getThreshold() {
        return threshold;
    }

    @DataBoundSetter
    public void setThreshold(String threshold) {
        this.threshold = Util.fixNull(threshold).trim();
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = Util.fixNull(target).trim();
    }

    public String getQualityGate() {
        return qualityGate;
    }

    /** {@code failure} (the default) or {@code unstable}: what the build becomes when failOn's gate fails. */
    @DataBoundSetter
    public void setQualityGate(String qualityGate) {
        this.qualityGate = Util.fixNull(qualityGate).trim();
    }

    public boolean isQualityGateNewOnly() {
        return qualityGateNewOnly;
    }

    @DataBoundSetter
    public void setQualityGateNewOnly(boolean qualityGateNewOnly) {
        this.qualityGateNewOnly = qualityGateNewOnly;
    }

    public String getTitle() {
        return title;
    }

    /** Single mode: the work item's title. */
    @DataBoundSetter
    public void setTitle(String title) {
        this.title = Util.fixNull(title).trim();
    }

    public String getDescription() {
        return description;
    }

    /** Single mode: the HTML description, written by the Pipeline's author (not escaped). */
    @DataBoundSetter
    public void setDescription(String description) {
        this.description = Util.fixNull(description);
    }

    public int getPriority() {
        return priority;
    }

    /** Single mode: 1 to 4, or 0 to leave the field to Azure DevOps. */
    @DataBoundSetter
    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getFields() {
        return fields;
    }

    /** Single mode: {@code Reference.Name=value} lines; a script may pass a map instead (see the descriptor). */
    @DataBoundSetter
    public void setFields(String fields) {
        this.fields = Util.fixNull(fields).trim();
    }

    public String getDedupKey() {
        return dedupKey;
    }

    /** Single mode: at most one open item per key and template; while it is open a call comments on it. */
    @DataBoundSetter
    public void setDedupKey(String dedupKey) {
        this.dedupKey = Util.fixNull(dedupKey).trim();
    }

    static class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient CreateAdoWorkItemStep step;

        Execution(CreateAdoWorkItemStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            WorkItemSync sync = new WorkItemSync(getContext().get(Run.class), getContext().get(TaskListener.class));
            ScanSettings settings = step.settings();
            if (!step.title.isEmpty()) {
                if (!step.results.isEmpty()) {
                    throw new AbortException(Messages.CreateAdoWorkItemStep_ResultsOrTitle());
                }
                Map<String, String> fieldValues;
                try {
                    fieldValues = TextLists.nameValueLines(step.fields);
                } catch (IllegalArgumentException e) {
                    throw new AbortException("fields: " + e.getMessage());
                }
                CreatedItem item = sync.single(settings, step.title, step.description,
                        step.priority == 0 ? null : step.priority, fieldValues, step.dedupKey);
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("id", item.id());
                created.put("url", item.url());
                created.put("created", item.created());
                return created;
            }
            FilePath workspace = getContext().get(FilePath.class);
            if (workspace == null) {
                throw new AbortException(Messages.CreateAdoWorkItemStep_NeedsNode());
            }
            EnvVars env = getContext().get(EnvVars.class);
            WorkItemSync.Scan scan = sync.scan(workspace, settings,
                    WorkItemSync.origin(env == null ? new EnvVars() : env, settings.target()));
            if (scan.gate() != null) {
                // As junit's step does: the stage shows the gate, not only the build.
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(scan.gate()).withMessage(scan.gateMessage()));
                }
            }
            SyncResult result = scan.result();
            return WorkItemSync.toMap(result, result == null ? settings.dryRun() : result.dryRun());
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // No FilePath: single mode needs no workspace; scan mode asks for one and says so without it.
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "createAdoWorkItem";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.CreateAdoWorkItemStep_DisplayName();
        }

        /**
         * Lets scripts write {@code fields: ['System.AreaPath': 'x']} and {@code templates: ['secrets', 'deps']}:
         * structs would take a map for an object and a list for an array.
         */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            Map<String, Object> copy = new HashMap<>(arguments);
            if (arguments.get("fields") instanceof Map<?, ?> map) {
                copy.put("fields", TextLists.toLines(map));
            }
            if (arguments.get("templates") instanceof List<?> list) {
                copy.put("templates", String.join(", ", list.stream().map(String::valueOf).toList()));
            }
            return copy;
        }

        @POST
        public ListBoxModel doFillTemplateItems(@AncestorInPath Item item, @QueryParameter String template) {
            return FormAccess.canConfigure(item) ? ScanChoices.templates(item, template) : Choices.currentOnly(template);
        }

        @POST
        public ListBoxModel doFillConnectionItems(@AncestorInPath Item item, @QueryParameter String connection) {
            return FormAccess.canConfigure(item) ? ScanChoices.connections(item, connection) : Choices.currentOnly(connection);
        }

        @POST
        public ListBoxModel doFillFormatItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? ScanChoices.formats() : Choices.none();
        }

        @POST
        public ListBoxModel doFillFailOnItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? Choices.severities(Messages.CreateAdoWorkItemStep_NeverFail())
                    : Choices.none();
        }

        @POST
        public ListBoxModel doFillQualityGateItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? ScanChoices.qualityGates() : Choices.none();
        }

        @POST
        public ListBoxModel doFillThresholdItems(@AncestorInPath Item item) {
            return FormAccess.canConfigure(item) ? ScanChoices.severities() : Choices.none();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                @QueryParameter String template, @QueryParameter String connection) {
            return FormAccess.canListCredentials(item)
                    ? AdoCredentials.items(item, credentialsId, ScanChoices.url(item, template, connection))
                    : AdoCredentials.currentOnly(credentialsId);
        }

        @POST
        public FormValidation doCheckFields(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item)) {
                return FormValidation.ok();
            }
            try {
                TextLists.nameValueLines(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
