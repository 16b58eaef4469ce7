package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.core.template.TemplateChecks;
import io.jenkins.plugins.adoworkitems.core.template.TemplateException;
import io.jenkins.plugins.adoworkitems.core.template.TemplateFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The templates of a run: from a templates file ({@code --templates}, optionally narrowed with {@code --template}),
 * or one quick template from flags. One run talks to one Azure DevOps target, so the chosen templates must share
 * their connection.
 */
final class TemplateOptions {
    static final String QUICK = "cli";

    @Option(names = "--templates", paramLabel = "FILE", description = "A templates file (YAML or JSON), see docs/cli.md.")
    Path file;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Use only this template of the file (repeatable; default: all of them, in order).")
    List<String> names = new ArrayList<>();

    @Option(names = "--project", paramLabel = "PROJECT", description = "Quick template: the project.")
    String project;

    @Option(names = "--type", paramLabel = "TYPE", description = "Quick template: the work item type (default: Bug).")
    String type;

    @Option(names = "--area", paramLabel = "PATH", description = "Quick template: the area path.")
    String area;

    @Option(names = "--iteration", paramLabel = "PATH", description = "Quick template: the iteration path.")
    String iteration;

    @Option(names = "--tags", paramLabel = "TAG", split = ",", description = "Quick template: tags to add, e.g. security,trivy.")
    List<String> tags;

    @Option(names = "--threshold", paramLabel = "SEVERITY",
            description = "Quick template: skip findings below this severity (critical, high, medium, low, info).")
    String threshold;

    @Option(names = "--assigned-to", paramLabel = "USER", description = "Quick template: assign new items to this user.")
    String assignedTo;

    @Option(names = "--group-by", paramLabel = "GROUPING",
            description = "Quick template: one item per finding (default), rule, package or file.")
    String groupBy;

    @Option(names = "--max-new", paramLabel = "N", description = "Quick template: create at most N items per run (0: no cap).")
    Integer maxNew;

    /** The templates, and the connection the file gives them, if any. */
    record Chosen(List<Template> templates, Optional<TemplateFile.Connection> connection) {
        Optional<String> url() {
            return connection.map(TemplateFile.Connection::url);
        }

        Optional<String> apiVersion() {
            return connection.map(TemplateFile.Connection::apiVersion);
        }
    }

    Chosen choose() {
        if (file != null) {
            if (hasQuickFlags()) {
                throw CommandFailure.badInput("Use either --templates FILE or the quick template flags (--project, "
                        + "--type, …), not both.");
            }
            return fromFile();
        }
        if (!names.isEmpty()) {
            throw CommandFailure.badInput("--template NAME picks a template of a file: add --templates FILE.");
        }
        return new Chosen(List.of(quick()), Optional.empty());
    }

    private boolean hasQuickFlags() {
        return project != null || type != null || area != null || iteration != null || tags != null || threshold != null
                || assignedTo != null || groupBy != null || maxNew != null;
    }

    private Template quick() {
        if (project == null || project.isBlank()) {
            throw CommandFailure.badInput("Which project? Pass --project NAME (with --type, --area, … as needed) or "
                    + "--templates FILE.");
        }
        try {
            Template template = new Template(QUICK, "", project, type == null ? "Bug" : type, area, iteration, tags,
                    assignedTo, threshold == null ? null : Severity.parse(threshold), null, "", "", Map.of(), Routing.ANY,
                    groupBy == null ? Grouping.FINDING : Grouping.parse(groupBy), maxNew == null ? 0 : maxNew, false, "", null, false);
            List<String> problems = TemplateChecks.problems(template);
            if (!problems.isEmpty()) {
                throw CommandFailure.badInput(String.join("; ", problems));
            }
            return template;
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
    }

    private Chosen fromFile() {
        TemplateFile.Contents contents;
        try {
            contents = TemplateFile.read(file);
        } catch (TemplateException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
        List<Template> templates = new ArrayList<>();
        try {
            if (names.isEmpty()) {
                templates.addAll(contents.templates());
            } else {
                for (String name : new LinkedHashSet<>(names)) {
                    templates.add(contents.template(name));
                }
            }
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput(file + ": " + e.getMessage());
        }
        Set<String> connections = new LinkedHashSet<>();
        templates.forEach(template -> connections.add(template.connection()));
        if (connections.size() > 1) {
            throw CommandFailure.badInput(file + ": the templates use different connections " + connections
                    + "; one run talks to one target, so pick templates of one connection with --template NAME.");
        }
        String connectionName = connections.iterator().next();
        Optional<TemplateFile.Connection> connection;
        if (connectionName.isEmpty()) {
            connection = contents.connections().size() == 1 ? Optional.of(contents.connections().get(0)) : Optional.empty();
        } else {
            connection = contents.connections().stream().filter(c -> c.name().equals(connectionName)).findFirst();
            if (connection.isEmpty()) {
                throw CommandFailure.badInput(file + ": no connection named '" + connectionName + "' in 'connections:'.");
            }
        }
        return new Chosen(templates, connection);
    }
}
