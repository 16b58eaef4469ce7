package io.jenkins.plugins.adoworkitems.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test data: the project's own example reports (examples/ at the root, in every clone), and the shared test data
 * beside the clone (real scanner outputs and Microsoft's ADO specification), which only the project's CI has. Tests
 * that read the shared data are tagged {@code shared-data} and left out where it is absent (the root POM).
 */
public final class Samples {
    private Samples() {
    }

    public static Path shared() {
        String configured = System.getProperty("shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The shared test data is missing: expected ../shared beside the clone, looked at "
                    + dir.toAbsolutePath().normalize());
        }
        return dir.toAbsolutePath().normalize();
    }

    /** One of the project's example reports, e.g. {@code example("trivy-image.json")}. */
    public static Path example(String name) {
        return Path.of(System.getProperty("examples.dir", "../examples")).resolve(name).toAbsolutePath().normalize();
    }

    /** A file under ../shared/samples, e.g. {@code sample("trivy/kubernetes.json")}. */
    public static Path sample(String relative) {
        return shared().resolve("samples").resolve(relative);
    }
}
