package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds report files by Ant-style patterns, as Jenkins users write them: {@code reports/**}{@code /*.sarif},
 * several patterns separated by commas. {@code **} matches any number of directories, {@code *} and
 * {@code ?} stay within one path segment. Matching is on paths relative to the base directory with
 * forward slashes; results are sorted so that runs are repeatable.
 */
public final class ReportFiles {
    private final List<Pattern> patterns;

    public ReportFiles(String antPatterns) {
        this.patterns = Arrays.stream(antPatterns.split(","))
                .map(String::trim).filter(pattern -> !pattern.isEmpty())
                .map(ReportFiles::antPattern).toList();
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("No file pattern given");
        }
    }

    /**
     * Regular files under {@code base} whose relative path matches any pattern, sorted by path. A match that is a
     * symbolic link out of {@code base} is listed but refuses to open ({@link ReportInput#confined}), so it becomes
     * a problem of the run instead of silently vanishing or being read.
     */
    public List<ReportInput> find(Path base) throws IOException {
        List<ReportInput> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String relative = base.relativize(file).toString().replace('\\', '/');
                if (matches(relative)) {
                    found.add(new ReportInput(relative, file, base));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return found;
    }

    public boolean matches(String relativePath) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(relativePath).matches());
    }

    /** The regular expression for one Ant-style pattern, matched against forward-slash relative paths. */
    public static Pattern antPattern(String antPattern) {
        String pattern = antPattern.replace('\\', '/');
        if (pattern.endsWith("/")) {
            pattern = pattern + "**";
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
