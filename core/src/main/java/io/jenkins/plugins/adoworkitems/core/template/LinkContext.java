package io.jenkins.plugins.adoworkitems.core.template;

import java.io.Serializable;

/**
 * Links the caller knows and the scan does not.
 *
 * @param buildUrl the CI build that ran the scan; empty when unknown
 * @param buildName how to show it, e.g. {@code my-job #42}
 * @param sourceBrowseUrl where source files can be viewed: either a prefix ({@code https://github.com/o/r/blob/main})
 *                        to which {@code /path#Lline} is appended, or a pattern with {@code {path}} and {@code {line}}
 *                        ({@code https://dev.azure.com/o/p/_git/r?path=/{path}&line={line}}); empty for no links
 */
public record LinkContext(String buildUrl, String buildName, String sourceBrowseUrl) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final LinkContext NONE = new LinkContext("", "", "");

    public LinkContext {
        buildUrl = buildUrl == null ? "" : buildUrl;
        buildName = buildName == null ? "" : buildName;
        sourceBrowseUrl = sourceBrowseUrl == null ? "" : sourceBrowseUrl;
    }

    /** The URL of a source line, or empty. */
    public String sourceUrl(String path, int line) {
        if (sourceBrowseUrl.isEmpty() || path.isEmpty() || path.contains("://")) {
            return "";
        }
        String encodedPath = java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8)
                .replace("%2F", "/").replace("+", "%20");
        if (sourceBrowseUrl.contains("{path}")) {
            return sourceBrowseUrl.replace("{path}", encodedPath).replace("{line}", line > 0 ? Integer.toString(line) : "1");
        }
        String base = sourceBrowseUrl.endsWith("/") ? sourceBrowseUrl.substring(0, sourceBrowseUrl.length() - 1) : sourceBrowseUrl;
        return base + "/" + encodedPath + (line > 0 ? "#L" + line : "");
    }
}
