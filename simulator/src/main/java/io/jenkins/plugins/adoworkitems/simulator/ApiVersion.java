package io.jenkins.plugins.adoworkitems.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An api-version such as {@code 7.1}, {@code 7.1-preview} or {@code 7.1-preview.4} (resource version 4). */
record ApiVersion(int major, int minor, boolean preview, int resourceVersion) implements Comparable<ApiVersion> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)(?:-preview(?:\\.(\\d+))?)?", Pattern.CASE_INSENSITIVE);

    static ApiVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        boolean preview = text.toLowerCase(java.util.Locale.ROOT).contains("preview");
        int resource = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), preview, resource);
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    String number() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return number() + (preview ? "-preview" + (resourceVersion > 0 ? "." + resourceVersion : "") : "");
    }
}
