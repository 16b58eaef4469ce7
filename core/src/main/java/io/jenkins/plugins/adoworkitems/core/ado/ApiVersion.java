package io.jenkins.plugins.adoworkitems.core.ado;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A REST api-version such as {@code 7.1} (without any {@code -preview.N} suffix). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    public static final ApiVersion V5_0 = new ApiVersion(5, 0);
    public static final ApiVersion V6_0 = new ApiVersion(6, 0);
    public static final ApiVersion V7_0 = new ApiVersion(7, 0);
    public static final ApiVersion V7_1 = new ApiVersion(7, 1);
    /** The versions this client is written for: Server 2019, 2020, 2022, 2022.1+/Services. */
    public static final List<ApiVersion> SUPPORTED = List.of(V5_0, V6_0, V7_0, V7_1);

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)(?:-preview(?:\\.\\d+)?)?");

    public static ApiVersion parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not an Azure DevOps api-version (expected e.g. 7.1): " + text);
        }
        return new ApiVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** The newest supported version not above {@code max}, or the oldest supported one. */
    public static ApiVersion bestSupportedUpTo(ApiVersion max) {
        ApiVersion best = V5_0;
        for (ApiVersion candidate : SUPPORTED) {
            if (candidate.compareTo(max) <= 0) {
                best = candidate;
            }
        }
        return best;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    public ApiVersion min(ApiVersion other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
