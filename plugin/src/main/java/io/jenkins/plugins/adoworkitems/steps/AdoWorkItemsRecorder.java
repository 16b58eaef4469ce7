package io.jenkins.plugins.adoworkitems.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.config.Choices;
import io.jenkins.plugins.adoworkitems.credentials.AdoCredentials;
import io.jenkins.plugins.adoworkitems.sync.ScanSettings;
import io.jenkins.plugins.adoworkitems.sync.WorkItemSync;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.io.IOException;

/** The freestyle post-build action: scan mode of {@code createAdoWorkItem}, through the same {@link WorkItemSync}. */
public class AdoWorkItemsRecorder extends Recorder implements SimpleBuildStep {
    private final String template;
    private String templates = "";
    private final String results;
    private String format = "";
    private boolean dryRun;
    private String failOn = "";
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

    @DataBoundConstructor
    public AdoWorkItemsRecorder(String template, String results) {
        this.template = Util.fixNull(template).trim();
        this.results = Util.fixNull(results).trim();
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        // Resolving fixed findings follows the template: the form has no tri-state control that keeps "as the template
        // says" apart from "no", and a setter the form cannot show would be lost whenever the job is saved.
        ScanSettings settings = new ScanSettings(env.expand(results), template, templates, format, dryRun, failOn, null,
                connection, credentialsId, project, type, area, iteration, tags, threshold, env.expand(target),
                qualityGate, qualityGateNewOnly);
        new WorkItemSync(run, listener).scan(workspace, settings, WorkItemSync.origin(env, settings.target()));
    }

    /** Each build only reads its own files and writes to Azure DevOps; no ordering with other builds is needed. */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
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

    @Extension
    @Symbol("adoWorkItems")
    public static class DescriptorImpl extends BuildStepDescriptor<Publisher> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.AdoWorkItemsRecorder_DisplayName();
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
        public FormValidation doCheckResults(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormAccess.canConfigure(item) || Util.fixEmptyAndTrim(value) != null) {
                return FormValidation.ok();
            }
            return FormValidation.error(Messages.ScanChoices_ResultsRequired());
        }
    }
}
