package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.parse.ReportFiles;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns the report arguments users type into files: a file is itself, a directory means every file below
 * it, anything else is an Ant-style pattern relative to the base directory ({@code reports/**}{@code /*.sarif}).
 */
final class ReportArguments {
    private ReportArguments() {
    }

    static List<ReportInput> resolve(List<String> arguments, Path base) throws IOException {
        LinkedHashSet<Path> seen = new LinkedHashSet<>();
        List<ReportInput> inputs = new ArrayList<>();
        for (String argument : arguments) {
            Path path = base.resolve(argument);
            List<ReportInput> found;
            if (Files.isRegularFile(path)) {
                found = List.of(new ReportInput(argument, path));
            } else if (Files.isDirectory(path)) {
                found = new ReportFiles("**").find(path).stream()
                        .map(input -> new ReportInput(displayName(base, input.path()), input.path(), input.confined()))
                        .toList();
            } else {
                found = new ReportFiles(argument).find(base);
                if (found.isEmpty()) {
                    throw new IOException("no file matches '" + argument + "' under " + base);
                }
            }
            for (ReportInput input : found) {
                if (seen.add(input.path().toAbsolutePath().normalize())) {
                    inputs.add(input);
                }
            }
        }
        return inputs;
    }

    /** Relative to the base directory when below it, so messages show the path the user thinks in. */
    private static String displayName(Path base, Path file) {
        Path absoluteBase = base.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        return absoluteFile.startsWith(absoluteBase) ? absoluteBase.relativize(absoluteFile).toString() : absoluteFile.toString();
    }
}
