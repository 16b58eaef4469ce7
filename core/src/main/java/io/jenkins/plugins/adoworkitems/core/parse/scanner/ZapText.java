package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** ZAP writes descriptions, solutions and references as HTML; work items want plain text. */
final class ZapText {
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|li|div|ul|ol|h[1-6])>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li(\\s[^>]*)?>");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>|<!--.*?-->", Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");
    private static final Map<String, String> NAMED = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"",
            "apos", "'", "nbsp", " ");
    private static final int EXCERPT = 200;

    private ZapText() {
    }

    /** Tags removed, paragraphs and line breaks as new lines, entities decoded once, blank lines dropped. */
    static String htmlToText(String html) {
        String text = BREAK.matcher(html).replaceAll("\n");
        text = LIST_ITEM.matcher(text).replaceAll("- ");
        text = TAG.matcher(text).replaceAll("");
        text = unescape(text);
        return Arrays.stream(text.split("\n")).map(line -> line.strip().replaceAll("[ \\t\\x0B\\f\\r]+", " "))
                .filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }

    /**
     * Decodes HTML character references in one pass, so that {@code &amp;lt;} becomes {@code &lt;} and not
     * {@code <}; unknown names stay as written.
     */
    static String unescape(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String entity = matcher.group(1);
            String replacement;
            if (entity.startsWith("#")) {
                boolean hex = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X');
                int codePoint = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
                replacement = Character.isValidCodePoint(codePoint) && codePoint != 0
                        ? new String(Character.toChars(codePoint)) : matcher.group();
            } else {
                replacement = NAMED.getOrDefault(entity.toLowerCase(java.util.Locale.ROOT), matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The first http(s) URL in a text. */
    static Optional<String> firstUrl(String text) {
        Matcher matcher = URL.matcher(text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /** White space collapsed and cut to a readable length: evidence can be a whole HTML page. */
    static String excerpt(String text) {
        String collapsed = text.strip().replaceAll("\\s+", " ");
        if (collapsed.length() <= EXCERPT) {
            return collapsed;
        }
        int end = EXCERPT;
        if (Character.isHighSurrogate(collapsed.charAt(end - 1))) {
            end--;
        }
        return collapsed.substring(0, end) + "…";
    }
}
