package io.jenkins.plugins.adoworkitems.core.finding;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden values, cross-checked with an independent SHA-256 of the documented strings: these strings are the
 * identity of users' work items. If a test here fails, the change would duplicate every tracked finding; add a new scheme instead (docs/fingerprints.md).
 */
class FingerprintsTest {
    private static final Tool TRIVY = new Tool("Trivy", "0.50.1");
    private static final Tool CODEQL = new Tool("CodeQL", "2.15.0");

    @Test
    void packageFindingGolden() {
        Fingerprint fingerprint = Fingerprints.of(TRIVY, Rule.of("CVE-2020-15999"),
                Asset.ofPackage("alpine", "freetype", "2.9.1-r2", "2.9.1-r3", "teamdojo:latest (alpine 3.9.4)"),
                List.of(), "", Map.of());
        assertThat(fingerprint.basis()).isEqualTo("package");
        assertThat(fingerprint.value()).isEqualTo(Fingerprints.hash(List.of("package", "trivy", "CVE-2020-15999",
                "alpine", "freetype", "2.9.1-r2", "teamdojo")));
        assertThat(fingerprint.value()).isEqualTo("dcdc8fcf9d74d342935a0c5ed56a0cd6");
    }

    @Test
    void toolFingerprintGolden() {
        Fingerprint fingerprint = Fingerprints.of(CODEQL, Rule.of("js/xss"), Asset.NONE,
                List.of(Location.of("src/app.js", 12)), "XSS",
                Map.of("primaryLocationLineHash", "39fa2ee980eb94b0:1"));
        assertThat(fingerprint.basis()).isEqualTo("tool:primaryLocationLineHash");
        assertThat(fingerprint.value()).isEqualTo("de6b8c90ea1ad29eb22b9e8f5571f276");
    }

    @Test
    void hashOfPartsGolden() {
        assertThat(Fingerprints.hash(List.of("line", "semgrep", "rule", "a.py", "3")))
                .isEqualTo("2458e8d7fd413b9665bffe0639b76bd7");
    }

    @Test
    void imageTagAndDigestDoNotSplitATarget() {
        assertThat(Fingerprints.normaliseTarget("registry.example/app:build-41 (debian 12.4)"))
                .isEqualTo("registry.example/app");
        assertThat(Fingerprints.normaliseTarget("registry.example:5000/app@sha256:abc")).isEqualTo("registry.example:5000/app");
        assertThat(Fingerprints.normaliseTarget("./frontend/package-lock.json")).isEqualTo("frontend/package-lock.json");
    }

    @Test
    void pathsAreNormalised() {
        assertThat(Fingerprints.normalisePath("file:///src\\main\\App.java")).isEqualTo("src/main/App.java");
        assertThat(Fingerprints.normalisePath("./src/App.java")).isEqualTo("src/App.java");
    }

    @Test
    void snippetWhitespaceDoesNotMatter() {
        Location compact = new Location("a.js", 3, 1, 3, 20, "eval(x)", "");
        Location spaced = new Location("a.js", 30, 1, 30, 20, "  eval(x)\n", "");
        assertThat(Fingerprints.of(CODEQL, Rule.of("r"), Asset.NONE, List.of(compact), "", Map.of()))
                .isEqualTo(Fingerprints.of(CODEQL, Rule.of("r"), Asset.NONE, List.of(spaced), "", Map.of()));
    }

    @Test
    void toolNameCaseDoesNotMatter() {
        assertThat(Fingerprints.of(new Tool("TRIVY", "1"), Rule.of("CVE-1"), Asset.ofPackage("npm", "a", "1", "", "x"),
                List.of(), "", Map.of()))
                .isEqualTo(Fingerprints.of(new Tool("trivy", "2"), Rule.of("CVE-1"), Asset.ofPackage("NPM", "a", "1", "", "x"),
                        List.of(), "", Map.of()));
    }

    @Test
    void rejectsNonHexValues() {
        assertThatThrownBy(() -> new Fingerprint("abc' OR 1=1", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
