package io.jenkins.plugins.adoworkitems.core.template;

import java.net.URI;
import java.util.Locale;

/** HTML for Azure DevOps rich-text fields. Every value from a scan result goes through {@link #escape}. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** The URL when it is an absolute http(s) URL, else empty: no {@code javascript:}, {@code data:} or relative links. */
    public static String safeUrl(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toASCIIString() : "";
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    /** A link when the URL is safe, else the escaped text alone. */
    public static String link(String url, String text) {
        String safe = safeUrl(url);
        return safe.isEmpty() ? escape(text) : "<a href=\"" + escape(safe) + "\">" + escape(text) + "</a>";
    }

    /** At most {@code max} characters, marking the cut so readers know text is missing. */
    public static String bound(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + " … [truncated]";
    }
}
