package io.jenkins.plugins.adoworkitems.core.parse;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats we read. {@link #id()} is what users write to override detection. */
public enum ReportFormat {
    SARIF("sarif", "SARIF 2.1.0"),
    TRIVY("trivy", "Trivy JSON"),
    GRYPE("grype", "Grype JSON"),
    DEPENDENCY_CHECK("dependency-check", "OWASP Dependency-Check JSON or XML"),
    SNYK("snyk", "Snyk CLI JSON"),
    ZAP("zap", "OWASP ZAP JSON or XML"),
    SEMGREP("semgrep", "Semgrep JSON"),
    GITLEAKS("gitleaks", "Gitleaks JSON (v7 and v8)"),
    NPM_AUDIT("npm-audit", "npm audit JSON (v7+)"),
    GITLAB("gitlab", "GitLab security report JSON");

    private final String id;
    private final String displayName;

    ReportFormat(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The format with this id, case-insensitive; the error lists the valid ids. */
    public static ReportFormat fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown report format '" + id + "': use one of "
                        + Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "))));
    }
}
