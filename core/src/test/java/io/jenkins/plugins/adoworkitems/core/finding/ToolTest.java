package io.jenkins.plugins.adoworkitems.core.finding;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolTest {
    /** The spellings docs/formats.md promises; the test fails if one is dropped or respelled. */
    private static final List<String> KNOWN = List.of("Trivy", "Grype", "Semgrep", "CodeQL", "Snyk", "Dependency-Check",
            "Gitleaks", "ZAP", "npm audit", "GitLab");

    @Test
    void aKnownScannerHasOneSpellingWhateverTheReportWrote() {
        assertThat(new Tool("semgrep", "1.50.0").name()).isEqualTo("Semgrep");
        assertThat(new Tool("dependency-check", "6.1.2").name()).isEqualTo("Dependency-Check");
        assertThat(new Tool(" CODEQL ", "").name()).isEqualTo("CodeQL");
        assertThat(new Tool("NPM Audit", "").name()).isEqualTo("npm audit");
    }

    @Test
    void anyOtherNameStaysAsGiven() {
        assertThat(new Tool("nodejsscan", "").name()).isEqualTo("nodejsscan");
        assertThat(new Tool("Semgrep OSS", "").name()).isEqualTo("Semgrep OSS");
        assertThat(new Tool(null, null)).isEqualTo(new Tool("", ""));
        assertThat(Tool.displayName(null)).isEmpty();
    }

    @Test
    void theDisplayNameRoundTripsThroughTheNormalisedName() {
        for (String name : KNOWN) {
            String normalised = Fingerprints.normaliseName(name);
            assertThat(normalised).as(name).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
            assertThat(Tool.displayName(normalised)).isEqualTo(name);
            assertThat(Tool.displayName(name)).isEqualTo(name);
        }
    }

    @Test
    void theSpellingNeverChangesAFingerprint() {
        // Identity is the lower-case name: items made before the spelling was fixed keep matching.
        Fingerprint spelled = Fingerprints.of(new Tool("Semgrep", ""), Rule.of("python.flask.xss"), Asset.NONE,
                List.of(new Location("app.py", 3, 1, 3, 9, "return  x", "")), "", Map.of());
        assertThat(spelled.value()).isEqualTo(Fingerprints.hash(List.of("snippet", "semgrep", "python.flask.xss", "app.py",
                "return x")));
    }
}
