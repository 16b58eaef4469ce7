package io.jenkins.plugins.adoworkitems.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.adoworkitems.config.VisibleConfiguration;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;
import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import io.jenkins.plugins.adoworkitems.credentials.AdoLogin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The current state of a build's open work items, read from Azure DevOps when the page is shown, so that an item a
 * person closed since shows as closed. Read as each template's connection, in batches of 200, at most
 * {@link #MAX_ITEMS} items; kept by the build's action for {@link #FRESH} (docs/jenkins.md, "The build page").
 */
public final class LiveState {
    static final int MAX_ITEMS = 1_000;
    static final Duration FRESH = Duration.ofMinutes(3);

    /** One item as Azure DevOps has it now. */
    public record Item(String state, String assignedTo, Instant created) {
    }

    private final Map<Integer, Item> items;
    private final Instant readAt;
    private final String problem;

    private LiveState(Map<Integer, Item> items, Instant readAt, String problem) {
        this.items = Map.copyOf(items);
        this.readAt = readAt;
        this.problem = problem;
    }

    /** @param job whose folders' templates and connections count, or null for the global ones alone */
    static LiveState read(List<WorkItemRow> rows, @CheckForNull hudson.model.Item job) {
        Map<String, Set<Integer>> byTemplate = new LinkedHashMap<>();
        rows.stream().filter(row -> row.getId() > 0).limit(MAX_ITEMS).forEach(row ->
                byTemplate.computeIfAbsent(row.getTemplate(), key -> new TreeSet<>()).add(row.getId()));
        Map<Integer, Item> found = new HashMap<>();
        List<String> problems = new ArrayList<>();
        byTemplate.forEach((template, ids) -> {
            try {
                for (WorkItem item : client(template, job).workItems(ids)) {
                    found.put(item.id(), new Item(item.state(), item.person("System.AssignedTo"),
                            instant(item.field("System.CreatedDate"))));
                }
            } catch (AdoException | AuthenticationException | IllegalArgumentException e) {
                problems.add(template + ": " + e.getMessage());
            }
        });
        return new LiveState(found, Instant.now(), String.join("; ", problems));
    }

    /**
     * The template's connection, signed in with the connection's own credential: the administrator's choice, read
     * with the system's authority as a build's sync is.
     */
    private static AdoClient client(String templateName, @CheckForNull hudson.model.Item job)
            throws AuthenticationException {
        VisibleConfiguration configuration = VisibleConfiguration.of(job);
        WorkItemTemplate template = configuration.template(templateName).orElseThrow(() ->
                new IllegalArgumentException("the template is no longer configured"));
        VisibleConfiguration.Scoped scoped = configuration.connectionFor(template.toTemplate());
        AdoLogin login = scoped.login();
        Redactor redactor = Redactor.of(login.credentials());
        try {
            return scoped.connection().client(login);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(redactor.redact(e.getMessage()), e);
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    boolean isFresh() {
        return Duration.between(readAt, Instant.now()).compareTo(FRESH) < 0;
    }

    public Optional<Item> item(int id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The state now, or the state the build left, for the page. */
    public String stateOf(WorkItemRow row) {
        return item(row.getId()).map(Item::state).orElse(row.getState());
    }

    public String assignedTo(WorkItemRow row) {
        return item(row.getId()).map(Item::assignedTo).orElse("");
    }

    /** How long the item has existed, in days, or empty when unknown. */
    public String age(WorkItemRow row) {
        return item(row.getId()).map(Item::created).map(created ->
                Duration.between(created, Instant.now()).toDays() + " d").orElse("");
    }

    public Instant getReadAt() {
        return readAt;
    }

    /** When the states were read, for people: {@code 2026-12-04 19:09 UTC}. */
    public String getReadAtText() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(readAt.atZone(java.time.ZoneOffset.UTC));
    }

    /** Why some states could not be read (then the stored ones are shown), or empty. */
    public String getProblem() {
        return problem;
    }

    public int getCount() {
        return items.size();
    }
}
