package io.jenkins.plugins.adoworkitems.config;

import hudson.Extension;
import hudson.model.listeners.SaveableListener;
import io.jenkins.plugins.adoworkitems.core.sync.SyncLocks;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Manage Jenkins » System » Azure DevOps Work Items: the connections and the templates builds refer to by name. */
@Extension
@Symbol("azureDevOpsWorkItems")
public class AdoWorkItemsConfiguration extends GlobalConfiguration {
    private List<Connection> connections = new ArrayList<>();
    private List<WorkItemTemplate> templates = new ArrayList<>();
    /** Serializes syncs of the same template across concurrent builds of this controller; never saved. */
    private final transient SyncLocks locks = new SyncLocks();

    public AdoWorkItemsConfiguration() {
        load();
    }

    public static AdoWorkItemsConfiguration get() {
        return GlobalConfiguration.all().getInstance(AdoWorkItemsConfiguration.class);
    }

    public List<Connection> getConnections() {
        return connections == null ? List.of() : List.copyOf(connections);
    }

    @DataBoundSetter
    public void setConnections(List<Connection> connections) {
        this.connections = new ArrayList<>(connections == null ? List.of() : connections);
        save();
    }

    public List<WorkItemTemplate> getTemplates() {
        return templates == null ? List.of() : List.copyOf(templates);
    }

    @DataBoundSetter
    public void setTemplates(List<WorkItemTemplate> templates) {
        this.templates = new ArrayList<>(templates == null ? List.of() : templates);
        save();
    }

    /**
     * Binds the form into new lists and swaps them in only when all of it bound and saved: a row that fails to bind
     * or a failed save leaves the running configuration as it was. A list whose last row was deleted is absent from
     * the form, so absent means empty.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<Connection> boundConnections;
        List<WorkItemTemplate> boundTemplates;
        try {
            boundConnections = req.bindJSONToList(Connection.class, json.opt("connections"));
            boundTemplates = req.bindJSONToList(WorkItemTemplate.class, json.opt("templates"));
        } catch (RuntimeException e) {
            throw new FormException(e, "connections");
        }
        List<Connection> previousConnections = connections;
        List<WorkItemTemplate> previousTemplates = templates;
        connections = new ArrayList<>(boundConnections);
        templates = new ArrayList<>(boundTemplates);
        // Not save(): Descriptor#save() logs a failed write and carries on, and this must know.
        try {
            getConfigFile().write(this);
        } catch (IOException e) {
            connections = previousConnections;
            templates = previousTemplates;
            throw new FormException(e, "connections");
        }
        SaveableListener.fireOnChange(this, getConfigFile());
        return true;
    }

    public Optional<WorkItemTemplate> template(String name) {
        return getTemplates().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    public Optional<Connection> connection(String name) {
        return getConnections().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** One per controller: the sync engine's locks must be shared by every build that runs here. */
    public SyncLocks locks() {
        return locks;
    }
}
