package io.jenkins.plugins.adoworkitems.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

import java.util.ArrayList;
import java.util.List;

/**
 * A folder's own connections and templates, for the jobs inside it (and in its sub-folders): a team configures its
 * corner without administering Jenkins. Names hide the same names of outer folders and of the global configuration
 * ({@link VisibleConfiguration}); a connection here signs in with this folder's credentials.
 */
public class AdoWorkItemsFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {
    private List<Connection> connections = new ArrayList<>();
    private List<WorkItemTemplate> templates = new ArrayList<>();

    @DataBoundConstructor
    public AdoWorkItemsFolderProperty() {
    }

    public List<Connection> getConnections() {
        return connections == null ? List.of() : List.copyOf(connections);
    }

    @DataBoundSetter
    public void setConnections(List<Connection> connections) {
        this.connections = new ArrayList<>(connections == null ? List.of() : connections);
    }

    public List<WorkItemTemplate> getTemplates() {
        return templates == null ? List.of() : List.copyOf(templates);
    }

    @DataBoundSetter
    public void setTemplates(List<WorkItemTemplate> templates) {
        this.templates = new ArrayList<>(templates == null ? List.of() : templates);
    }

    @Extension
    @Symbol("azureDevOpsWorkItems")
    public static class DescriptorImpl extends AbstractFolderPropertyDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FolderProperty_DisplayName();
        }

        /**
         * Nothing is kept for a folder without connections or templates. Plain HTTP and private addresses let a
         * connection send a credential in clear text or reach hosts inside the network (cloud metadata among them)
         * from the controller: a folder's configurer may keep what an administrator set, not turn them on.
         */
        @Override
        public AbstractFolderProperty<?> newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            AdoWorkItemsFolderProperty property = (AdoWorkItemsFolderProperty) super.newInstance(req, formData);
            if (property == null || property.getConnections().isEmpty() && property.getTemplates().isEmpty()) {
                return null;
            }
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                AbstractFolder<?> folder = req == null ? null : req.findAncestorObject(AbstractFolder.class);
                AdoWorkItemsFolderProperty before = folder == null ? null
                        : folder.getProperties().get(AdoWorkItemsFolderProperty.class);
                for (Connection connection : property.getConnections()) {
                    if ((connection.isAllowHttp() || connection.isAllowPrivateAddresses())
                            && !sameReach(before, connection)) {
                        throw new FormException(Messages.Connection_PrivateAddressesNeedAdministrator(
                                connection.getName()), "connections");
                    }
                }
            }
            return property;
        }

        /** Whether the saved connection of that name already reached as far (an administrator allowed it). */
        private static boolean sameReach(AdoWorkItemsFolderProperty before, Connection connection) {
            return before != null && before.getConnections().stream().anyMatch(saved ->
                    saved.getName().equals(connection.getName()) && saved.getUrl().equals(connection.getUrl())
                            && (saved.isAllowHttp() || !connection.isAllowHttp())
                            && (saved.isAllowPrivateAddresses() || !connection.isAllowPrivateAddresses()));
        }
    }
}
