package io.jenkins.plugins.adoworkitems.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the shaded jar as a user would: a separate JVM with its own environment, stdout and stderr. */
final class CliProcess {
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliProcess() {
    }

    /**
     * What a started {@code simulator} process printed before "Press Ctrl-C", the line that says it is serving.
     * The stream stays open: closing it would break the process's later output.
     */
    static String banner(Process simulator) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null && !line.startsWith("Press Ctrl-C"); line = lines.readLine()) {
            seen.append(line).append('\n');
        }
        return seen.toString();
    }

    /** The first group of {@code regex} in {@code text}, or null. */
    static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("cli.jar", "target/ado-workitems.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the *IT tests run after 'package' (mvn verify)");
        }
        return jar;
    }

    /** One of the project's own example reports (examples/ at the root), which every clone has. */
    static Path example(String name) {
        return Path.of(System.getProperty("examples.dir", "../examples"), name).toAbsolutePath();
    }

    static Path sample(String name) {
        return Path.of(System.getProperty("shared.dir", "../../shared"), "samples", name).toAbsolutePath();
    }

    static ProcessBuilder builder(Map<String, String> environment, Path directory, String... args) {
        return builder(List.of(), environment, directory, args);
    }

    /** @param jvmOptions options for the CLI's JVM, e.g. {@code -Xmx64m} */
    static ProcessBuilder builder(List<String> jvmOptions, Map<String, String> environment, Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        // Only what the test gives: a developer's own AZURE_DEVOPS_EXT_PAT must not leak into a test.
        Map<String, String> env = builder.environment();
        Map<String, String> keep = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "TMPDIR", "LANG")) {
            if (env.containsKey(name)) {
                keep.put(name, env.get(name));
            }
        }
        env.clear();
        env.putAll(keep);
        env.putAll(environment);
        return builder;
    }

    static Result run(Map<String, String> environment, Path directory, String... args) throws IOException, InterruptedException {
        return run(List.of(), environment, directory, args);
    }

    static Result run(List<String> jvmOptions, Map<String, String> environment, Path directory, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = builder(jvmOptions, environment, directory, args);
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("ado-workitems " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS
                        + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
