package io.jenkins.plugins.adoworkitems.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The two plain-text shapes our forms use for lists, so a row stays a handful of text boxes that read the same in
 * the UI, in JCasC YAML and in config.xml: comma-separated values, and {@code name=value} lines.
 */
public final class TextLists {
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private TextLists() {
    }

    /** {@code "a, b,,c"} to {@code [a, b, c]}. */
    public static List<String> commaSeparated(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    /**
     * One {@code name=value} per line; blank lines and lines starting with {@code #} are ignored. The value may
     * contain {@code =} (only the first one splits).
     *
     * @throws IllegalArgumentException naming the line when a line has no {@code =} or no name
     */
    public static Map<String, String> nameValueLines(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null) {
            return values;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                // Not quoting the line: a form check's value may be a stored secret that Stapler decrypted on the way in.
                throw new IllegalArgumentException("line " + (i + 1) + ": expected name=value");
            }
            values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
        return values;
    }

    /**
     * The inverse of {@link #nameValueLines}, for values that arrive as a map (a Pipeline script's {@code fields}).
     * Values often come from the environment ({@code env.CHANGE_TITLE} is a pull request's title), so a line break
     * in a value, or a line break or {@code =} in a name, would set another field: refused.
     *
     * @throws IllegalArgumentException naming the field
     */
    public static String toLines(Map<?, ?> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            String name = String.valueOf(key);
            String line = String.valueOf(value);
            if (name.trim().isEmpty() || name.indexOf('=') >= 0 || LINE_BREAK.matcher(name).find()) {
                throw new IllegalArgumentException("fields: '" + LINE_BREAK.matcher(name).replaceAll(" ")
                        + "' is not a field name");
            }
            if (LINE_BREAK.matcher(line).find()) {
                throw new IllegalArgumentException("fields: the value of " + name
                        + " contains a line break; a field value is one line");
            }
            text.append(name).append('=').append(line).append('\n');
        });
        return text.toString();
    }
}
