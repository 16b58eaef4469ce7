package io.jenkins.plugins.adoworkitems.sync;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.adoworkitems.build.WorkItemRow;
import io.jenkins.plugins.adoworkitems.build.WorkItemsAction;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.config.VisibleConfiguration;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportProblem;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.CreatedItem;
import io.jenkins.plugins.adoworkitems.core.sync.FindingFilter;
import io.jenkins.plugins.adoworkitems.core.sync.SingleItem;
import io.jenkins.plugins.adoworkitems.core.sync.ScanOrigin;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEngine;
import io.jenkins.plugins.adoworkitems.core.sync.SyncEntry;
import io.jenkins.plugins.adoworkitems.core.sync.SyncRequest;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import io.jenkins.plugins.adoworkitems.core.template.AllowedProjects;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import io.jenkins.plugins.adoworkitems.JenkinsProxy;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import io.jenkins.plugins.adoworkitems.credentials.AdoCredentials;
import io.jenkins.plugins.adoworkitems.credentials.AdoLogin;
import jenkins.model.Jenkins;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one code path of the Pipeline step and the freestyle post-build action: read reports on the agent, call
 * Azure DevOps from the controller, print a short summary, record the build action, return what happened.
 * User errors end as {@link AbortException} with the message and the fix, never a stack trace.
 */
public final class WorkItemSync {
    /** What the gate counts with "only new": items this build created or reopened. */
    private static final Set<Action> NEW = EnumSet.of(Action.CREATE, Action.REOPEN);
    private final Run<?, ?> run;
    private final TaskListener listener;
    /**
     * The secrets of this build (the credential, the URL's user info, the proxy password) as core's redactor knows
     * them; set once the credential is known, so every line printed after that, and every error, loses them.
     */
    private Redactor redactor = Redactor.none();

    public WorkItemSync(Run<?, ?> run, TaskListener listener) {
        this.run = run;
        this.listener = listener;
    }

    /**
     * What was scanned and for which build, from the build's environment: multibranch projects set BRANCH_NAME, and
     * CHANGE_ID for a pull request, whose sync then only plans unless the template allows it.
     *
     * @param target the step's scan target for reports that name none, as a person writes it, or empty
     */
    public static ScanOrigin origin(EnvVars env, String target) {
        return new ScanOrigin(target.isEmpty() ? "" : ScanTarget.parse(target), env.get("BRANCH_NAME", ""),
                env.get("CHANGE_ID", ""));
    }

    /**
     * What a scan did: the sync's result (null when no report was found) and, when the quality gate failed, the
     * result it set and why, for the Pipeline step to mark its stage.
     */
    public record Scan(SyncResult result, Result gate, String gateMessage) {
    }

    /** Scan mode: report files to work items. */
    public Scan scan(FilePath workspace, ScanSettings settings, ScanOrigin origin)
            throws IOException, InterruptedException {
        if (settings.results().isEmpty()) {
            throw new AbortException(Messages.WorkItemSync_ResultsRequired());
        }
        VisibleConfiguration configuration = VisibleConfiguration.of(run.getParent());
        List<Template> templates = templates(configuration, settings);
        Connected connected = connect(configuration, templates, settings, Map.of());
        if (!settings.format().isEmpty()) {
            try {
                ReportFormat.fromId(settings.format());
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        ScreenedScan read = workspace.act(new ReportScanner(settings.results(), settings.format(),
                FindingFilter.of(templates, false)));
        for (ReportProblem problem : read.problems()) {
            print(Messages.WorkItemSync_Unreadable(problem.message()));
        }
        if (!read.problems().isEmpty()) {
            run.setResult(Result.UNSTABLE);
        }
        if (read.reports().isEmpty()) {
            print(Messages.WorkItemSync_NoReports(settings.results()));
            run.setResult(Result.UNSTABLE);
            return new Scan(null, null, "");
        }
        // A scan with an unreadable file is incomplete: the engine resolves nothing from it; say so.
        if (!read.problems().isEmpty() && templates.stream().anyMatch(Template::resolveFixed)) {
            print(Messages.WorkItemSync_NotResolving());
        }
        SyncRequest request = new SyncRequest(read, templates, links(), settings.dryRun(), false, origin);
        SyncResult result;
        try {
            // The plan and each batch reach the build log as they happen: a long sync is never silent.
            result = new SyncEngine(connected.client(), AdoWorkItemsConfiguration.get().locks())
                    .run(request, this::print);
        } catch (AdoException e) {
            throw new AbortException(redactor.redact(e.userMessage()));
        }
        summarize(templates, result, result.dryRun());
        action().add(result);
        return gate(settings, result);
    }

    /** Single mode: one work item from the step's own title and description. */
    public CreatedItem single(ScanSettings settings, String title, String descriptionHtml, Integer priority,
            Map<String, String> fields, String dedupKey) throws IOException {
        VisibleConfiguration configuration = VisibleConfiguration.of(run.getParent());
        List<Template> templates = templates(configuration, settings);
        if (templates.size() != 1) {
            throw new AbortException(Messages.WorkItemSync_SingleNeedsOneTemplate(
                    String.join(", ", templates.stream().map(Template::name).toList())));
        }
        Template template = templates.get(0);
        Connected connected = connect(configuration, templates, settings, fields);
        if (settings.dryRun()) {
            print(Messages.WorkItemSync_SingleDryRun(template.workItemType(), template.project(), title));
            return new CreatedItem(0, "");
        }
        try {
            CreatedItem item = SingleItem.create(connected.client(), template, title, descriptionHtml, priority,
                    fields, dedupKey);
            String link = HyperlinkNote.encodeTo(item.url(), "#" + item.id());
            print(item.created() ? Messages.WorkItemSync_SingleCreated(link, title)
                    : Messages.WorkItemSync_SingleFoundOpen(link, dedupKey));
            action().add(new WorkItemRow(item.created() ? "create" : "comment", template.name(), item.id(),
                    item.url(), "", "", title, ""));
            return item;
        } catch (AdoException e) {
            throw new AbortException(redactor.redact(e.userMessage()));
        } catch (IllegalArgumentException e) {
            // SingleItem refuses a blank title or a priority outside 1-4: the script's mistake, not a crash.
            throw new AbortException(e.getMessage());
        }
    }

    /** What the Pipeline step returns: created/updated/reopened/resolved/skipped/failed lists and the totals. */
    public static Map<String, Object> toMap(SyncResult result, boolean dryRun) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("created", items(result, Action.CREATE));
        map.put("updated", items(result, Action.UPDATE));
        map.put("reopened", items(result, Action.REOPEN));
        map.put("resolved", items(result, Action.RESOLVE));
        map.put("open", items(result == null ? List.of() : result.entries().stream()
                .filter(entry -> entry.action().leavesOpen()).toList()));
        map.put("skipped", skippedByReason(result));
        map.put("triaged", items(result == null ? List.of() : result.entries(Action.SKIP).stream()
                .filter(SyncEntry::triaged).toList()));
        map.put("failed", items(result, Action.FAILED));
        Map<Action, Integer> counted = result == null ? Map.of() : result.totals();
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            totals.put(action.name().toLowerCase(Locale.ROOT), counted.getOrDefault(action, 0));
        }
        map.put("totals", totals);
        map.put("dryRun", dryRun);
        return map;
    }

    /** Skipped findings counted by reason ({@code below_threshold: 12, triaged: 2}), not listed one by one. */
    private static Map<String, Integer> skippedByReason(SyncResult result) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (result != null) {
            result.skipped().forEach((reason, count) -> {
                if (count > 0) {
                    counts.put(reason.name().toLowerCase(Locale.ROOT), count);
                }
            });
        }
        return counts;
    }

    private static List<Map<String, Object>> items(SyncResult result, Action action) {
        return items(result == null ? List.of() : result.entries(action));
    }

    private static List<Map<String, Object>> items(List<SyncEntry> entries) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (SyncEntry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", entry.workItemId());
            item.put("url", entry.url());
            item.put("title", entry.title());
            item.put("severity", entry.severity() == null ? "" : entry.severity().label());
            item.put("state", entry.state());
            item.put("fingerprint", entry.fingerprint());
            item.put("detail", entry.detail());
            items.add(item);
        }
        return items;
    }

    /**
     * The templates this call names, as the job sees them (its folders' first, then the global ones), each with the
     * call's overrides; {@code *} adds every visible template (of the call's connection, when it names one).
     */
    private static List<Template> templates(VisibleConfiguration configuration, ScanSettings settings)
            throws AbortException {
        List<String> names = settings.templateNames();
        if (names.isEmpty()) {
            throw new AbortException(Messages.WorkItemSync_TemplateRequired());
        }
        List<WorkItemTemplate> rows = new ArrayList<>();
        for (String name : names) {
            if (name.equals("*")) {
                configuration.templates().stream()
                        .filter(row -> settings.connection().isEmpty() || row.getConnection().equals(settings.connection()))
                        .filter(row -> !rows.contains(row)).forEach(rows::add);
                continue;
            }
            WorkItemTemplate row = configuration.template(name).orElseThrow(() -> new AbortException(
                    Messages.WorkItemSync_UnknownTemplate(name, configuration.templateNames())));
            if (!rows.contains(row)) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new AbortException(Messages.WorkItemSync_NoTemplateOfConnection(settings.connection(),
                    configuration.templateNames()));
        }
        List<Template> templates = new ArrayList<>();
        for (WorkItemTemplate row : rows) {
            try {
                templates.add(settings.applyTo(row.toTemplate()));
            } catch (IllegalArgumentException e) {
                throw new AbortException(Messages.WorkItemSync_BadTemplate(row.getName(), e.getMessage()));
            }
        }
        return templates;
    }

    /** The one connection of a call, signed in. */
    private record Connected(Connection connection, AdoClient client) {
    }

    /**
     * Signs in through the connection the templates share, after checking that each writes only where that
     * connection allows: nothing is read or written before that.
     *
     * @param extraFields fields a single item sets on top of its template's
     */
    private Connected connect(VisibleConfiguration configuration, List<Template> templates, ScanSettings settings,
            Map<String, String> extraFields) throws AbortException {
        VisibleConfiguration.Scoped scoped = null;
        Connection connection;
        try {
            for (Template template : templates) {
                VisibleConfiguration.Scoped next = configuration.connectionFor(template);
                if (scoped != null && !next.equals(scoped)) {
                    throw new AbortException(Messages.WorkItemSync_SeveralConnections(templates.get(0).name(),
                            scoped.connection().getName(), template.name(), next.connection().getName()));
                }
                scoped = next;
            }
            connection = scoped.connection();
            connection.target();
            AllowedProjects allowed = connection.allowedProjects();
            for (Template template : templates) {
                Optional<String> problem = allowed.problem(template, extraFields);
                if (problem.isPresent()) {
                    throw new AbortException(Messages.WorkItemSync_NotAllowed(connection.getName(), problem.get()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        // The connection's own credential is its configurer's choice, resolved with the system's authority where
        // the connection is defined; a step's credentialsId is the job's, resolved as the build.
        AdoLogin login;
        if (!settings.credentialsId().isEmpty()) {
            login = AdoCredentials.forRun(settings.credentialsId(), run, connection.getUrl());
        } else if (connection.getCredentialsId().isEmpty()) {
            throw new AbortException(Messages.WorkItemSync_NoCredentials(connection.getName()));
        } else {
            login = AdoCredentials.forConnection(connection.getCredentialsId(), scoped.context(), run,
                    connection.getUrl());
        }
        redactor = Redactor.of(login.credentials()).withUrl(connection.getUrl()).withSecret(JenkinsProxy.password());
        try {
            return new Connected(connection, connection.client(login));
        } catch (IllegalArgumentException e) {
            // The connection's trusted certificates are not PEM: the administrator's fix, named in the message.
            throw new AbortException(redactor.redact(e.getMessage()));
        }
    }

    private void print(String line) {
        listener.getLogger().println(redactor.redact(line));
    }

    private LinkContext links() {
        String root = Jenkins.get().getRootUrl();
        return new LinkContext(root == null ? "" : root + run.getUrl(), run.getFullDisplayName(), "");
    }

    private void summarize(List<Template> templates, SyncResult result, boolean dryRun) {
        String which = templates.size() == 1
                ? Messages.WorkItemSync_OneTemplate(templates.get(0).name(), templates.get(0).project())
                : Messages.WorkItemSync_Templates(String.join(", ", templates.stream().map(template ->
                        Messages.WorkItemSync_TemplateInProject(template.name(), template.project())).toList()));
        print(Messages.WorkItemSync_Summary(which, count(result, Action.CREATE),
                count(result, Action.UPDATE), count(result, Action.REOPEN), count(result, Action.RESOLVE),
                count(result, Action.SKIP), count(result, Action.FAILED), dryRun ? Messages.WorkItemSync_DryRun() : "",
                result.entries(Action.SKIP).stream().filter(SyncEntry::triaged).count()));
        for (SyncEntry entry : result.entries()) {
            switch (entry.action()) {
                case CREATE, UPDATE, REOPEN, RESOLVE -> print("  " + entry.action().name().toLowerCase(Locale.ROOT)
                        + " " + (entry.url() == null || entry.url().isEmpty() ? "#" + entry.workItemId()
                        : HyperlinkNote.encodeTo(entry.url(), "#" + entry.workItemId()))
                        + " " + entry.title());
                case FAILED -> print("  failed " + entry.title() + ": " + entry.errorCode() + ": "
                        + entry.errorMessage());
                default -> {
                    // No-ops, comments and skips are counted above and listed on the build page.
                }
            }
        }
        if (count(result, Action.FAILED) > 0) {
            run.setResult(Result.UNSTABLE);
        }
    }

    private static int count(SyncResult result, Action action) {
        return result.totals().getOrDefault(action, 0);
    }

    /** The build's one action; parallel branches of a Pipeline that sync at once get the same one. */
    private WorkItemsAction action() {
        synchronized (run) {
            WorkItemsAction action = run.getAction(WorkItemsAction.class);
            if (action == null) {
                action = new WorkItemsAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /**
     * The quality gate: when work items for findings at or above {@code failOn} are open after the sync (or, with
     * "only new", were created or reopened by it), the build becomes failed or unstable. Items a person triaged
     * (SKIP) and findings below the template's threshold never count.
     */
    private Scan gate(ScanSettings settings, SyncResult result) throws AbortException {
        if (settings.failOn().isEmpty()) {
            return new Scan(result, null, "");
        }
        Severity least;
        try {
            least = Severity.parse(settings.failOn());
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        Result gate = switch (settings.qualityGate()) {
            case "", "failure" -> Result.FAILURE;
            case "unstable" -> Result.UNSTABLE;
            default -> throw new AbortException(Messages.WorkItemSync_BadQualityGate(settings.qualityGate()));
        };
        long count = result.entries().stream().filter(entry -> settings.qualityGateNewOnly()
                        ? NEW.contains(entry.action()) : entry.action().leavesOpen())
                .filter(entry -> entry.severity() != null && entry.severity().isAtLeast(least)).count();
        if (count == 0) {
            return new Scan(result, null, "");
        }
        String message = settings.qualityGateNewOnly()
                ? Messages.WorkItemSync_FailOnNew(count, least.label(), gate.toString())
                : Messages.WorkItemSync_FailOn(count, least.label(), gate.toString());
        listener.getLogger().println(message);
        run.setResult(gate);
        return new Scan(result, gate, message);
    }
}
