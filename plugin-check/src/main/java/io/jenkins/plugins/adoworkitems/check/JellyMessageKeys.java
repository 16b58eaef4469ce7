package io.jenkins.plugins.adoworkitems.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every {@code ${%…}} expression of a Jelly view the way Stapler's {@code InternationalizedStringExpression}
 * does and reports the ones it cannot read as the label they look like.
 *
 * <p>Stapler takes everything after {@code %} up to the first {@code (} as the message key and the rest as
 * comma-separated argument expressions up to a closing {@code )}. So {@code ${%Trusted certificates (PEM)}} looks up
 * the key "Trusted certificates " with an argument {@code PEM}, {@code ${%Directory (tenant) id}} fails with
 * "missing ')' at the end", and {@code ${%Allow (for test servers)}} fails to create an expression, which cuts off
 * the rest of the page, Save button included. Only the plugin's own views are read, so the argument grammar accepted
 * here is deliberately narrow: references, method calls and literals.
 */
public final class JellyMessageKeys {

    private static final Pattern ARGUMENT = Pattern.compile(
            "[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*|\\([^()]*\\)|\\[[^\\[\\]]*\\])*|'[^']*'|\"[^\"]*\"|-?\\d+(\\.\\d+)?");

    private JellyMessageKeys() {
    }

    /** A {@code ${%…}} expression Stapler would not read as intended, with its 1-based line and column. */
    public record Problem(Path file, int line, int column, String expression, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": ${" + expression + "}: " + reason;
        }
    }

    /** Every problem in every {@code .jelly} file under {@code root}, in file order. */
    public static List<Problem> checkTree(Path root) throws IOException {
        List<Problem> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList()) {
                problems.addAll(check(file));
            }
        }
        return problems;
    }

    public static List<Problem> check(Path file) throws IOException {
        return check(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<Problem> check(Path file, String xml) {
        List<Problem> problems = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if (xml.startsWith("<!--", i)) {
                // Jelly never evaluates comments; skip them, counting their lines.
                int end = xml.indexOf("-->", i + 4);
                int stop = end < 0 ? xml.length() : end + 3;
                for (int j = i; j < stop; j++) {
                    if (xml.charAt(j) == '\n') {
                        line++;
                        lineStart = j + 1;
                    }
                }
                i = stop - 1;
            } else if (xml.startsWith("${%", i)) {
                int end = expressionEnd(xml, i + 2);
                String expression = unescapeXml(xml.substring(i + 2, end < 0 ? xml.length() : end));
                int column = i - lineStart + 1;
                if (end < 0) {
                    problems.add(new Problem(file, line, column, expression, "no closing '}'"));
                    break;
                }
                int at = line;
                problem(expression).ifPresent(reason -> problems.add(new Problem(file, at, column, expression, reason)));
                i = end;
            }
        }
        return problems;
    }

    /** Like Jelly's expression scanner: the first {@code '}'} outside a quoted string ends the expression. */
    private static int expressionEnd(String xml, int from) {
        char quote = 0;
        for (int i = from; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why Stapler would not read {@code %key} or {@code %key(arguments)} as intended, if it would not.
     *
     * @param expression the text between {@code ${} and {@code }}, starting with {@code %}
     */
    static Optional<String> problem(String expression) {
        String text = expression.substring(1);
        int open = text.indexOf('(');
        String key = open < 0 ? text : text.substring(0, open);
        if (key.isBlank()) {
            return Optional.of("empty message key");
        }
        if (open < 0) {
            return Optional.empty();
        }
        String rest = text.substring(open + 1);
        while (!rest.isEmpty()) {
            int length = argumentLength(rest);
            if (length < 0) {
                return Optional.of("missing ')' at the end (Stapler reads \"(...)\" after a key as arguments)");
            }
            String argument = rest.substring(0, length).trim();
            if (!ARGUMENT.matcher(argument).matches()) {
                return Optional.of("\"" + argument + "\" is not an argument expression (Stapler reads \"(...)\" after a"
                        + " key as arguments); write the label without parentheses");
            }
            rest = rest.substring(length + 1);
        }
        if (Character.isWhitespace(key.charAt(key.length() - 1))) {
            return Optional.of("Stapler reads \"(...)\" after a key as arguments, so the key looked up is \"" + key
                    + "\"; write the label without parentheses");
        }
        return Optional.empty();
    }

    /** Stapler's argument tokenizer: the length of the next argument of {@code "arg,arg)"}, or -1 with no ')'. */
    private static int argumentLength(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',' -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                case '(', '{', '[' -> depth++;
                case ')' -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                case '}', ']' -> depth--;
                case '"', '\'' -> {
                    int close = text.indexOf(c, i + 1);
                    if (close < 0) {
                        return -1;
                    }
                    i = close;
                }
                default -> {
                }
            }
        }
        return -1;
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
