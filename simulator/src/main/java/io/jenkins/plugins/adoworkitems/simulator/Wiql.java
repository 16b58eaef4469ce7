package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The WIQL subset an integration needs: {@code SELECT fields FROM WorkItems [WHERE …] [ORDER BY …]} with =, <>,
 * <, >, <=, >=, [NOT] IN (…), [NOT] CONTAINS, [NOT] UNDER, AND, OR, NOT, parentheses, @project, @me, strings
 * in single quotes ('' escapes a quote) and numbers. A tokenizer plus a recursive-descent parser.
 */
final class Wiql {
    /** What a query sees of a work item: a field value (computed ones included) and its project. */
    interface Row {
        JsonNode value(String referenceName);

        /**
         * The item's tags, lower case and trimmed, for {@code [System.Tags] CONTAINS}. A row may keep them: a sync's
         * fingerprint query has hundreds of such clauses, each tried on every item of the project.
         */
        default Set<String> tags() {
            return tagSet(value("System.Tags"));
        }
    }

    static Set<String> tagSet(JsonNode tags) {
        Set<String> set = new HashSet<>();
        for (String tag : text(tags).toLowerCase(Locale.ROOT).split(";")) {
            set.add(tag.trim());
        }
        return set;
    }

    record Sort(String field, boolean descending) {
    }

    record Query(List<String> columns, Predicate<Row> where, List<Sort> orderBy) {
        Comparator<Row> comparator() {
            Comparator<Row> c = (a, b) -> 0;
            for (Sort s : orderBy) {
                Comparator<Row> one = (a, b) -> compareValues(a.value(s.field()), b.value(s.field()));
                c = c.thenComparing(s.descending() ? one.reversed() : one);
            }
            return c.thenComparing((a, b) -> Integer.compare(a.value("System.Id").asInt(), b.value("System.Id").asInt()));
        }
    }

    private enum Kind { WORD, FIELD, STRING, NUMBER, MACRO, SYMBOL, END }

    private record Token(Kind kind, String text, int position) {
    }

    private final List<Token> tokens;
    private final String projectName;
    private final IdentityRef me;
    private int pos;

    private Wiql(String text, String projectName, IdentityRef me) {
        this.tokens = tokenize(text);
        this.projectName = projectName;
        this.me = me;
    }

    static Query parse(String text, String projectName, IdentityRef me) {
        return new Wiql(text, projectName, me).query();
    }

    private Query query() {
        expectWord("SELECT");
        List<String> columns = new ArrayList<>();
        do {
            columns.add(field());
        } while (acceptSymbol(","));
        expectWord("FROM");
        Token source = next();
        if (!source.text().equalsIgnoreCase("WorkItems")) {
            throw syntax("Only FROM WorkItems is supported; link queries (WorkItemLinks) are not", source);
        }
        Predicate<Row> where = row -> true;
        if (acceptWord("WHERE")) {
            where = or();
        }
        List<Sort> order = new ArrayList<>();
        if (acceptWord("ORDER")) {
            expectWord("BY");
            do {
                String f = field();
                boolean desc = false;
                if (acceptWord("DESC")) {
                    desc = true;
                } else {
                    acceptWord("ASC");
                }
                order.add(new Sort(f, desc));
            } while (acceptSymbol(","));
        }
        if (peek().kind() != Kind.END) {
            throw syntax("Expecting end of string", peek());
        }
        return new Query(columns, where, order);
    }

    private Predicate<Row> or() {
        Predicate<Row> left = and();
        while (acceptWord("OR")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Row> and() {
        Predicate<Row> left = factor();
        while (acceptWord("AND")) {
            left = left.and(factor());
        }
        return left;
    }

    private Predicate<Row> factor() {
        if (acceptWord("NOT")) {
            return factor().negate();
        }
        if (acceptSymbol("(")) {
            Predicate<Row> inner = or();
            expectSymbol(")");
            return inner;
        }
        return comparison();
    }

    private Predicate<Row> comparison() {
        String field = field();
        boolean not = acceptWord("NOT");
        Token op = next();
        Predicate<Row> p;
        String o = op.text().toUpperCase(Locale.ROOT);
        if (op.kind() == Kind.WORD && o.equals("IN")) {
            expectSymbol("(");
            List<String> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (acceptSymbol(","));
            expectSymbol(")");
            p = row -> values.stream().anyMatch(v -> equalsValue(field, row.value(field), v));
        } else if (op.kind() == Kind.WORD && o.equals("CONTAINS")) {
            acceptWord("WORDS");
            String v = literal();
            String tag = v.trim().toLowerCase(Locale.ROOT);
            p = field.equals("System.Tags") ? row -> row.tags().contains(tag) : row -> contains(field, row.value(field), v);
        } else if (op.kind() == Kind.WORD && o.equals("UNDER")) {
            String v = literal();
            p = row -> {
                String actual = text(row.value(field));
                return actual.equalsIgnoreCase(v) || actual.toLowerCase(Locale.ROOT).startsWith(v.toLowerCase(Locale.ROOT) + "\\");
            };
        } else if (!not && op.kind() == Kind.SYMBOL && List.of("=", "<>", "!=", "<", ">", "<=", ">=").contains(op.text())) {
            String v = literal();
            p = switch (op.text()) {
                case "=" -> row -> equalsValue(field, row.value(field), v);
                case "<>", "!=" -> row -> !equalsValue(field, row.value(field), v);
                case "<" -> row -> row.value(field) != null && compareLiteral(row.value(field), v) < 0;
                case ">" -> row -> row.value(field) != null && compareLiteral(row.value(field), v) > 0;
                case "<=" -> row -> row.value(field) != null && compareLiteral(row.value(field), v) <= 0;
                default -> row -> row.value(field) != null && compareLiteral(row.value(field), v) >= 0;
            };
        } else {
            throw syntax("Expecting comparison operator", op);
        }
        return not ? p.negate() : p;
    }

    private String field() {
        Token t = next();
        if (t.kind() != Kind.FIELD && t.kind() != Kind.WORD) {
            throw syntax("Expecting field name", t);
        }
        FieldDef f = ProcessTemplates.field(t.text());
        if (f == null) {
            throw AdoException.witServer(400, "TF51005: The query references a field that does not exist. The error is caused by «" + t.text() + "».", "WorkItemTrackingQueryException");
        }
        return f.referenceName();
    }

    private String literal() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
            case NUMBER:
                return t.text();
            case MACRO:
                String m = t.text().toLowerCase(Locale.ROOT);
                if (m.equals("@project")) {
                    if (projectName == null) {
                        throw AdoException.witServer(400, "TF51011: The @project macro requires a project in the request URL.", "WorkItemTrackingQueryException");
                    }
                    return projectName;
                }
                if (m.equals("@me")) {
                    return me.uniqueName();
                }
                throw syntax("The macro " + t.text() + " is not supported by the simulator", t);
            default:
                throw syntax("Expecting a value", t);
        }
    }

    private static boolean equalsValue(String field, JsonNode actual, String expected) {
        if (actual == null || actual.isNull()) {
            return expected.isEmpty();
        }
        if (actual.isObject() && actual.has("uniqueName")) {
            return IdentityRef.parse(actual.get("displayName").asText() + " <" + actual.get("uniqueName").asText() + ">").matches(expected);
        }
        if (actual.isNumber()) {
            try {
                return Double.compare(actual.asDouble(), Double.parseDouble(expected)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return actual.asText().equalsIgnoreCase(expected);
    }

    /** On System.Tags CONTAINS matches a whole tag, as ADO does; elsewhere it is a case-insensitive substring. */
    private static boolean contains(String field, JsonNode actual, String expected) {
        String text = text(actual).toLowerCase(Locale.ROOT);
        if (field.equals("System.Tags")) {
            for (String tag : text.split(";")) {
                if (tag.trim().equals(expected.trim().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
        return text.contains(expected.toLowerCase(Locale.ROOT));
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        return v.isObject() && v.has("uniqueName") ? v.get("uniqueName").asText() : v.asText();
    }

    private static int compareLiteral(JsonNode actual, String literal) {
        if (actual.isNumber()) {
            try {
                return Double.compare(actual.asDouble(), Double.parseDouble(literal));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return text(actual).compareToIgnoreCase(literal);
    }

    static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return text(a).compareToIgnoreCase(text(b));
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean acceptWord(String word) {
        if (peek().kind() == Kind.WORD && peek().text().equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw syntax("Expecting " + word, peek());
        }
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw syntax("Expecting '" + symbol + "'", peek());
        }
    }

    private static AdoException syntax(String what, Token at) {
        String near = at.kind() == Kind.END ? "end of query" : at.text();
        return AdoException.witServer(400, "TF51006: The query statement is not valid. " + what + ". The error is caused by «" + near + "» at position " + (at.position() + 1) + ".",
                "WorkItemTrackingQueryException");
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                if (end < 0) {
                    throw syntax("Expecting ']'", new Token(Kind.SYMBOL, "[", i));
                }
                out.add(new Token(Kind.FIELD, s.substring(i + 1, end).trim(), i));
                i = end + 1;
            } else if (c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= s.length()) {
                        throw syntax("Unterminated string literal", new Token(Kind.STRING, s.substring(start, Math.min(s.length(), start + 20)), start));
                    }
                    char d = s.charAt(i);
                    if (d == c && i + 1 < s.length() && s.charAt(i + 1) == c) {
                        b.append(c);
                        i += 2;
                    } else if (d == c) {
                        i++;
                        break;
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                out.add(new Token(Kind.STRING, b.toString(), start));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
            } else if (c == '@' || Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
                String word = s.substring(start, i);
                out.add(new Token(c == '@' ? Kind.MACRO : Kind.WORD, word, start));
            } else if ("<>!=".indexOf(c) >= 0) {
                int start = i;
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("<>", "<=", ">=", "!=").contains(two)) {
                    out.add(new Token(Kind.SYMBOL, two, start));
                    i += 2;
                } else {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), start));
                    i++;
                }
            } else if ("(),".indexOf(c) >= 0) {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i++));
            } else {
                throw syntax("Unexpected character", new Token(Kind.SYMBOL, String.valueOf(c), i));
            }
        }
        out.add(new Token(Kind.END, "", s.length()));
        return out;
    }
}
