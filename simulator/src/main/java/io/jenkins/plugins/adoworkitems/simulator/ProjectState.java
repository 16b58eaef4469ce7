package io.jenkins.plugins.adoworkitems.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A project with its process and its area and iteration trees (the root plus a few children). */
record ProjectState(String id, String name, Process process, List<String> areaPaths, List<String> iterationPaths) {
    static ProjectState create(String account, String name, Process process) {
        String id = UUID.nameUUIDFromBytes((account + "/" + name).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
        return new ProjectState(id, name, process,
                List.of(name, name + "\\Web", name + "\\API", name + "\\Security"),
                List.of(name, name + "\\Sprint 1", name + "\\Sprint 2", name + "\\Sprint 3"));
    }

    boolean matches(String nameOrId) {
        return name.equalsIgnoreCase(nameOrId) || id.equalsIgnoreCase(nameOrId);
    }

    /** The canonical spelling of a tree path (ADO matches case-insensitively), or empty when it does not exist. */
    Optional<String> treePath(List<String> tree, String path) {
        String wanted = path.replace('/', '\\').replaceAll("^\\\\+|\\\\+$", "");
        return tree.stream().filter(p -> p.equalsIgnoreCase(wanted)).findFirst();
    }

    Optional<WorkItemTypeDef> type(String name) {
        return Optional.ofNullable(ProcessTemplates.type(process, name));
    }
}
