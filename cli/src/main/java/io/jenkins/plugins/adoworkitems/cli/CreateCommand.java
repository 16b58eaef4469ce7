package io.jenkins.plugins.adoworkitems.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.sync.CreatedItem;
import io.jenkins.plugins.adoworkitems.core.sync.SingleItem;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** One work item from given fields, outside any scan: what the plugin's single mode does, for any CI. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create one work item from a title and fields (not from scan reports). With --dedup-key there "
                + "is at most one open item per key: while it is open, a call comments on it instead of creating "
                + "another; once it is closed, a call creates a new one.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ado-workitems create --org-url https://dev.azure.com/acme --project Ops --type Task \\",
            "      --title 'Deploy of web 1.4.2 failed' --description 'See the job log.' --priority 2 \\",
            "      --field Microsoft.VSTS.Common.Activity=Deployment --dedup-key deploy-web-prod",
            "",
            "Exit codes: 0 created or found open, 2 bad input, 3 credentials or scope, 5 Azure DevOps unreachable."})
final class CreateCommand implements Callable<Integer> {
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    @ParentCommand
    AdoWorkItemsCli root;

    @Mixin
    TemplateOptions templates;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--title", required = true, paramLabel = "TEXT", description = "The work item's title.")
    String title;

    @Option(names = "--description", paramLabel = "TEXT", description = "Plain text, shown as written (escaped).")
    String description;

    @Option(names = "--description-html", paramLabel = "HTML", description = "HTML, used as given.")
    String descriptionHtml;

    @Option(names = "--priority", paramLabel = "1-4", description = "Microsoft.VSTS.Common.Priority, 1 (highest) to 4.")
    Integer priority;

    @Option(names = "--field", paramLabel = "NAME=VALUE",
            description = "A field by reference name (repeatable), e.g. Microsoft.VSTS.Common.Activity=Deployment.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--dedup-key", paramLabel = "KEY",
            description = "Keep at most one open item for this key (and template).")
    String dedupKey = "";

    @Option(names = "--json", description = "Print {\"id\", \"url\", \"created\"} as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws AdoException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (description != null && descriptionHtml != null) {
            throw CommandFailure.badInput("Give --description or --description-html, not both");
        }
        fields.forEach((name, value) -> {
            if (LINE_BREAK.matcher(name + value).find()) {
                throw CommandFailure.badInput("--field " + name + ": a field value is one line");
            }
        });
        TemplateOptions.Chosen chosen = templates.choose();
        if (chosen.templates().size() != 1) {
            throw CommandFailure.badInput("create uses one template: name it with --template (the file has "
                    + chosen.templates().size() + ")");
        }
        Template template = chosen.templates().get(0);
        AdoClient client = Connected.client(root, connection, chosen, err);
        String html = descriptionHtml != null ? descriptionHtml : description == null ? "" : SingleItem.textAsHtml(description);
        CreatedItem item;
        try {
            item = SingleItem.create(client, template, title, html, priority, fields, dedupKey);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput(e.getMessage());
        }
        if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode().put("id", item.id()).put("url", item.url())
                    .put("created", item.created());
            out.println(node);
        } else {
            out.println((item.created() ? "Created #" : "Already open, commented on #") + item.id() + " " + item.url());
        }
        out.flush();
        return ExitCode.OK;
    }
}
