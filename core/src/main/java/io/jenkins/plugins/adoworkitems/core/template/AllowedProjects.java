package io.jenkins.plugins.adoworkitems.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the jobs of a connection may write: projects ({@code Web}) or area paths with everything below them
 * ({@code Web\Payments}). An administrator sets it on a connection so that a team's jobs cannot point a template
 * or a step's {@code project:} at another team's board. Names compare as Azure DevOps compares them, ignoring case.
 * Empty: no limit.
 *
 * @param entries one project or area path each, as written
 */
public record AllowedProjects(List<String> entries) {
    public static final AllowedProjects ANY = new AllowedProjects(List.of());
    private static final String AREA_FIELD = "System.AreaPath";
    private static final String PROJECT_FIELD = "System.TeamProject";

    public AllowedProjects {
        entries = List.copyOf(entries);
    }

    /**
     * One entry per line; blank lines and {@code #} comments are ignored, a leading or trailing backslash is not
     * part of a path.
     *
     * @throws IllegalArgumentException naming the line that is not a project or area path
     */
    public static AllowedProjects parse(String lines) {
        List<String> entries = new ArrayList<>();
        int number = 0;
        for (String line : (lines == null ? "" : lines).split("\\R")) {
            number++;
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            entry = trimBackslashes(entry);
            if (entry.isEmpty() || entry.contains("\\\\") || entry.contains("$")) {
                throw new IllegalArgumentException("line " + number + ": '" + line.strip()
                        + "' is not a project or an area path (Project or Project\\Area\\Path)");
            }
            entries.add(entry);
        }
        return new AllowedProjects(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Why {@code template} may not write here, or empty when it may: its project and area path (the project's root
     * area when it names none), and an area or project its extra fields set, must lie within an entry. A field
     * computed per finding (a placeholder) cannot be checked before writing, so it is refused.
     *
     * @param extraFields fields set on top of the template's, e.g. a single item's; may be empty
     */
    public Optional<String> problem(Template template, Map<String, String> extraFields) {
        if (isEmpty()) {
            return Optional.empty();
        }
        String project = template.project();
        String area = template.areaPath().isEmpty() ? project : template.areaPath();
        for (Map<String, String> fields : List.of(template.fields(), extraFields)) {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                if (field.getKey().equalsIgnoreCase(AREA_FIELD)) {
                    area = field.getValue().strip();
                } else if (field.getKey().equalsIgnoreCase(PROJECT_FIELD)) {
                    project = field.getValue().strip();
                }
            }
        }
        if (project.contains("$") || area.contains("$")) {
            return Optional.of("template " + template.name() + " computes its project or area path per finding ("
                    + (area.contains("$") ? area : project) + "), which an allow-list cannot check before writing");
        }
        if (!within(project, area)) {
            return Optional.of("template " + template.name() + " writes to project " + project
                    + (area.equalsIgnoreCase(project) ? "" : ", area path " + area)
                    + ", outside what the connection allows: " + String.join(", ", entries));
        }
        return Optional.empty();
    }

    /** Whether {@code path} of {@code project} is an entry or below one. */
    private boolean within(String project, String path) {
        String lowerPath = trimBackslashes(path).toLowerCase(Locale.ROOT);
        if (!lowerPath.equals(project.toLowerCase(Locale.ROOT))
                && !lowerPath.startsWith(project.toLowerCase(Locale.ROOT) + "\\")) {
            return false; // an area path always starts with its own project
        }
        for (String entry : entries) {
            String lowerEntry = entry.toLowerCase(Locale.ROOT);
            if (lowerPath.equals(lowerEntry) || lowerPath.startsWith(lowerEntry + "\\")) {
                return true;
            }
        }
        return false;
    }

    private static String trimBackslashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '\\') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '\\') {
            end--;
        }
        return path.substring(start, end).strip();
    }
}
