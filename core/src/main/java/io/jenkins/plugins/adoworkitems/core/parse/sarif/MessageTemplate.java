package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.util.List;

/**
 * SARIF message strings: {@code {0}}, {@code {1}}… are replaced by the message's arguments and {@code {{}} /
 * {@code }}} stand for single braces (SARIF 2.1.0 §3.11.5). A placeholder without an argument stays as written,
 * so that a tool's mistake remains visible instead of silently dropping text.
 */
final class MessageTemplate {
    private MessageTemplate() {
    }

    static String format(String template, List<String> arguments) {
        if (template.indexOf('{') < 0 && template.indexOf('}') < 0) {
            return template;
        }
        StringBuilder text = new StringBuilder(template.length() + 16);
        int length = template.length();
        int i = 0;
        while (i < length) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < length && template.charAt(i + 1) == '{') {
                text.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < length && template.charAt(i + 1) == '}') {
                text.append('}');
                i += 2;
            } else if (c == '{') {
                int end = placeholderEnd(template, i + 1);
                if (end > 0) {
                    int index = parseIndex(template, i + 1, end);
                    if (index >= 0 && index < arguments.size()) {
                        text.append(arguments.get(index));
                    } else {
                        text.append(template, i, end + 1);
                    }
                    i = end + 1;
                } else {
                    text.append(c);
                    i++;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }

    /** Index of the closing brace of {@code {digits}}, or -1 when {@code from} does not start one. */
    private static int placeholderEnd(String template, int from) {
        int i = from;
        while (i < template.length() && Character.isDigit(template.charAt(i)) && i - from < 9) {
            i++;
        }
        return i > from && i < template.length() && template.charAt(i) == '}' ? i : -1;
    }

    private static int parseIndex(String template, int from, int end) {
        int value = 0;
        for (int i = from; i < end; i++) {
            int digit = Character.digit(template.charAt(i), 10);
            if (digit < 0) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
