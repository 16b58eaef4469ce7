package io.jenkins.plugins.adoworkitems.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.ItemGroup;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.credentials.AdoCredentials;
import io.jenkins.plugins.adoworkitems.credentials.AdoLogin;
import jenkins.model.Jenkins;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The connections and templates a job (or a folder's own form) sees: those of its folders, the innermost first,
 * then the global ones; a name defined nearer hides the same name further out. Each connection keeps the item group
 * it is defined in, whose credentials it signs in with: a folder's connection never reaches System-scoped or other
 * folders' credentials.
 */
public final class VisibleConfiguration {
    /** A connection and where it is defined: {@link Jenkins} for the global ones, else its folder. */
    public record Scoped(Connection connection, ItemGroup<?> context) {
        /**
         * Signs in with the connection's own credential, looked up where the connection is defined, for what its
         * configurers do outside a build (Validate template, the build page's live state).
         */
        public AdoLogin login() throws AuthenticationException {
            return AdoCredentials.forAdministrator(connection.getCredentialsId(), context, connection.getUrl());
        }
    }

    private final List<Scoped> connections;
    private final List<WorkItemTemplate> templates;

    private VisibleConfiguration(List<Scoped> connections, List<WorkItemTemplate> templates) {
        this.connections = List.copyOf(connections);
        this.templates = List.copyOf(templates);
    }

    /** @param item a job, or a folder (whose own property counts); null for the global configuration alone */
    public static VisibleConfiguration of(@CheckForNull Item item) {
        List<Scoped> connections = new ArrayList<>();
        List<WorkItemTemplate> templates = new ArrayList<>();
        Set<String> connectionNames = new HashSet<>();
        Set<String> templateNames = new HashSet<>();
        Object level = item instanceof AbstractFolder<?> ? item : item == null ? null : item.getParent();
        while (level instanceof AbstractFolder<?> folder) {
            AdoWorkItemsFolderProperty property = folder.getProperties().get(AdoWorkItemsFolderProperty.class);
            if (property != null) {
                add(property.getConnections(), folder, property.getTemplates(), connections, templates,
                        connectionNames, templateNames);
            }
            level = folder.getParent();
        }
        AdoWorkItemsConfiguration global = AdoWorkItemsConfiguration.get();
        add(global.getConnections(), Jenkins.get(), global.getTemplates(), connections, templates, connectionNames,
                templateNames);
        return new VisibleConfiguration(connections, templates);
    }

    private static void add(List<Connection> levelConnections, ItemGroup<?> context,
            List<WorkItemTemplate> levelTemplates, List<Scoped> connections, List<WorkItemTemplate> templates,
            Set<String> connectionNames, Set<String> templateNames) {
        for (Connection connection : levelConnections) {
            if (connectionNames.add(connection.getName())) {
                connections.add(new Scoped(connection, context));
            }
        }
        for (WorkItemTemplate template : levelTemplates) {
            if (templateNames.add(template.getName())) {
                templates.add(template);
            }
        }
    }

    /** Innermost folder's first, in the order each level lists them; the global ones last. */
    public List<WorkItemTemplate> templates() {
        return templates;
    }

    public List<Scoped> connections() {
        return connections;
    }

    public Optional<WorkItemTemplate> template(String name) {
        return templates.stream().filter(template -> template.getName().equals(name)).findFirst();
    }

    public Optional<Scoped> connection(String name) {
        return connections.stream().filter(scoped -> scoped.connection().getName().equals(name)).findFirst();
    }

    /**
     * The connection a template names, or the only visible connection when it names none.
     *
     * @throws IllegalArgumentException saying which connections there are
     */
    public Scoped connectionFor(Template template) {
        if (template.connection().isEmpty()) {
            if (connections.size() == 1) {
                return connections.get(0);
            }
            throw new IllegalArgumentException(Messages.Configuration_ConnectionAmbiguous(template.name(),
                    connectionNames()));
        }
        return connection(template.connection()).orElseThrow(() -> new IllegalArgumentException(
                Messages.Configuration_ConnectionUnknown(template.connection(), connectionNames())));
    }

    public String templateNames() {
        return String.join(", ", templates.stream().map(WorkItemTemplate::getName).toList());
    }

    private String connectionNames() {
        return String.join(", ", connections.stream().map(scoped -> scoped.connection().getName()).toList());
    }
}
