package io.jenkins.plugins.adoworkitems.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks of a template that need no Azure DevOps: placeholders and field reference names. Checks against the
 * project's process (does the type have the field, is the value allowed) belong to connection validation.
 */
public final class TemplateChecks {
    /** Azure DevOps field reference names: {@code System.Title}, {@code Custom.Team}, {@code My.Field_1}. */
    private static final Pattern REFERENCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+");

    private TemplateChecks() {
    }

    public static List<String> problems(Template template) {
        List<String> problems = placeholderProblems(template);
        template.fields().keySet().forEach(field -> {
            if (!REFERENCE_NAME.matcher(field).matches()) {
                problems.add("fields: '" + field + "' is not a field reference name such as Custom.Team");
            }
        });
        if (!template.fingerprintField().isEmpty() && !REFERENCE_NAME.matcher(template.fingerprintField()).matches()) {
            problems.add("fingerprintField: '" + template.fingerprintField() + "' is not a field reference name");
        }
        return problems;
    }

    /** Placeholders of the title, the description and the extra fields that cannot be rendered. */
    public static List<String> placeholderProblems(Template template) {
        List<String> problems = new ArrayList<>();
        Placeholders.problems(template.title()).forEach(p -> problems.add("title: " + p));
        Placeholders.problems(template.description()).forEach(p -> problems.add("description: " + p));
        template.fields().forEach((field, value) ->
                Placeholders.problems(value).forEach(p -> problems.add("fields." + field + ": " + p)));
        return problems;
    }
}
