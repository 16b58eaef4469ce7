package io.jenkins.plugins.adoworkitems.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test data beside the clone: real scanner outputs and Microsoft's ADO specification. */
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

    /** A file under ../shared/samples, e.g. {@code sample("trivy/kubernetes.json")}. */
    public static Path sample(String relative) {
        return shared().resolve("samples").resolve(relative);
    }
}
