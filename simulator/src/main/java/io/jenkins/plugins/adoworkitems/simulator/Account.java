package io.jenkins.plugins.adoworkitems.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization or collection and everything in it. Work item ids are unique per account, as in ADO.
 * All reads and writes of its work items hold this object's monitor, so every save is atomic.
 */
final class Account {
    private final SimulatorConfig.Account config;
    private final String url;
    private final List<ProjectState> projects = new ArrayList<>();
    private final Map<Integer, WorkItem> workItems = new LinkedHashMap<>();
    private int nextId = 1;
    private int nextCommentId = 1;
    private Instant lastChange = Instant.EPOCH;

    Account(SimulatorConfig.Account config, String url) {
        this.config = config;
        this.url = url;
    }

    String name() {
        return config.name();
    }

    /** The organization or collection URL clients use as their base. */
    String url() {
        return url;
    }

    boolean isServer() {
        return config.isServer();
    }

    ServerVersion server() {
        return config.server();
    }

    ApiVersion maxApiVersion() {
        return isServer() ? config.server().max() : new ApiVersion(7, 1, false, 0);
    }

    void addProject(ProjectState project) {
        projects.add(project);
    }

    List<ProjectState> projects() {
        return List.copyOf(projects);
    }

    Optional<ProjectState> project(String nameOrId) {
        return projects.stream().filter(p -> p.matches(nameOrId)).findFirst();
    }

    synchronized WorkItem workItem(int id) {
        return workItems.get(id);
    }

    synchronized List<WorkItem> workItems() {
        return List.copyOf(workItems.values());
    }

    synchronized WorkItem newWorkItem() {
        WorkItem item = new WorkItem(nextId++);
        workItems.put(item.id(), item);
        return item;
    }

    synchronized int nextCommentId() {
        return nextCommentId++;
    }

    /** Strictly increasing change times, as ADO guarantees ChangedDate grows with every revision. */
    synchronized Instant now() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!now.isAfter(lastChange)) {
            now = lastChange.plusMillis(1);
        }
        lastChange = now;
        return now;
    }
}
