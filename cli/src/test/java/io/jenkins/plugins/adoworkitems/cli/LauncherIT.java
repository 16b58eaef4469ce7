package io.jenkins.plugins.adoworkitems.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script, bin/ado-workitems: its class-data-sharing archive is made once in the cache directory and
 * used afterwards, and wherever that fails the CLI runs as without it, with the same output and nothing more; its JVM
 * options for a short-lived process give way to the user's.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the launcher is a POSIX shell script")
class LauncherIT {
    @TempDir
    Path temp;

    private final String[] findings = {"findings", CliProcess.example("trivy-image.json").toString(),
            CliProcess.example("codeql-webapp.sarif").toString(), "--summary", "--json"};

    @Test
    void theFirstRunMakesTheArchiveAndLaterRunsUseItWithTheSameOutput() throws Exception {
        Path cache = temp.resolve("cache");
        CliProcess.Result plain = launch(Map.of("ADO_WORKITEMS_CDS", "off", "ADO_WORKITEMS_CACHE_DIR", cache.toString()), findings);
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(cache).doesNotExist();

        CliProcess.Result first = launch(Map.of("ADO_WORKITEMS_CACHE_DIR", cache.toString()), findings);
        assertThat(archives(cache)).singleElement().satisfies(archive -> assertThat(Files.size(archive)).isPositive());
        CliProcess.Result second = launch(Map.of("ADO_WORKITEMS_CACHE_DIR", cache.toString()), findings);
        CliProcess.Result withLogging = launch(Map.of("ADO_WORKITEMS_CACHE_DIR", cache.toString(),
                "ADO_WORKITEMS_JAVA_OPTS", "-Xlog:class+load=info:file=" + temp.resolve("classes.log")), findings);

        for (CliProcess.Result run : List.of(first, second)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).isEqualTo(plain.out());
            assertThat(run.err()).isEqualTo(plain.err());
        }
        assertThat(withLogging.exitCode()).as(withLogging.toString()).isZero();
        assertThat(Files.readString(temp.resolve("classes.log"))).as("classes came from the archive")
                .contains("FindingsCommand source: shared objects file (top)");
        assertThat(Files.list(cache)).as("no partial archive left behind").allMatch(file -> file.toString().endsWith(".jsa"));
    }

    /** A file where the cache directory should be: not even root can create the directory. */
    @Test
    void aCacheDirectoryThatCannotBeMadeLeavesTheOutputAsItIs() throws Exception {
        Path blocker = Files.writeString(temp.resolve("not-a-directory"), "x");
        Map<String, String> unwritable = Map.of("ADO_WORKITEMS_CACHE_DIR", blocker.resolve("ado-workitems").toString());

        CliProcess.Result plain = launch(Map.of("ADO_WORKITEMS_CDS", "off"), findings);
        CliProcess.Result run = launch(unwritable, findings);
        CliProcess.Result failing = launch(unwritable, "findings", temp.resolve("missing.sarif").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(plain.out());
        assertThat(run.err()).isEqualTo(plain.err());
        assertThat(failing.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(failing.out()).isEmpty();
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }

    /** An archive this java cannot use (another jar's, say) is ignored without a word. */
    @Test
    void anArchiveThatDoesNotFitIsIgnoredQuietly() throws Exception {
        Path cache = temp.resolve("cache");
        launch(Map.of("ADO_WORKITEMS_CACHE_DIR", cache.toString()), findings);
        Path archive = archives(cache).get(0);
        Path other = temp.resolve("other.jar");
        Files.copy(CliProcess.jar(), other);
        // Same name (size and minute), other file: the JVM sees the jar changed since the archive was made.
        assertThat(other.toFile().setLastModified(CliProcess.jar().toFile().lastModified() + 1)).isTrue();

        CliProcess.Result plain = launch(Map.of("ADO_WORKITEMS_CDS", "off"), findings);
        Map<String, String> env = new HashMap<>(Map.of("ADO_WORKITEMS_CACHE_DIR", cache.toString(),
                "ADO_WORKITEMS_JAR", other.toString()));
        launch(env, findings);
        for (Path made : archives(cache)) {
            if (!made.equals(archive)) {
                Files.copy(archive, made, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        CliProcess.Result run = launch(env, findings);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(plain.out());
        assertThat(run.err()).isEqualTo(plain.err());
    }

    /**
     * A command runs with C1 only and the serial collector (docs/performance.md, "The CLI"); a collector the user names
     * replaces ours, where both would stop the JVM ("Conflicting collector combinations").
     */
    @Test
    void aCommandRunsWithC1AndTheSerialCollectorUnlessTheUserNamesACollector() throws Exception {
        Path ours = temp.resolve("ours.log");
        Path theirs = temp.resolve("theirs.log");

        CliProcess.Result defaults = launch(Map.of("ADO_WORKITEMS_CDS", "off",
                "ADO_WORKITEMS_JAVA_OPTS", "-XX:+PrintFlagsFinal -Xlog:gc:file=" + ours), findings);
        CliProcess.Result chosen = launch(Map.of("ADO_WORKITEMS_CDS", "off",
                "ADO_WORKITEMS_JAVA_OPTS", "-XX:+UseParallelGC -Xlog:gc:file=" + theirs), findings);

        assertThat(defaults.exitCode()).as(defaults.toString()).isZero();
        assertThat(defaults.out()).containsPattern("TieredStopAtLevel += 1 ").contains("\"findings\"");
        assertThat(Files.readString(ours)).contains("Using Serial");
        assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
        assertThat(Files.readString(theirs)).contains("Using Parallel");
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.getFileName().toString().matches("cds-.*\\.jsa")).sorted().toList();
        }
    }

    private CliProcess.Result launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", Path.of("bin", "ado-workitems").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", temp.resolve("home").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("ADO_WORKITEMS_JAR", CliProcess.jar().toAbsolutePath().toString());
        env.putAll(environment);
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not finish in 120 s: " + command);
        }
        return new CliProcess.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
