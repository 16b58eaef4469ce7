package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFiles;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which findings a template takes. Every non-empty criterion must match; within a list, any entry may match.
 * Empty routing takes everything.
 *
 * @param tools tool names, case-insensitive ({@code trivy}, {@code CodeQL})
 * @param rules rule id globs ({@code CVE-*}, {@code js/*})
 * @param minSeverity least severe severity taken, or null
 * @param maxSeverity most severe severity taken, or null
 * @param paths Ant-style globs on the primary location's path or the asset's target
 * @param cwes CWE ids ({@code CWE-79} or {@code 79})
 */
public record Routing(List<String> tools, List<String> rules, Severity minSeverity, Severity maxSeverity,
                      List<String> paths, List<String> cwes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Routing ANY = new Routing(List.of(), List.of(), null, null, List.of(), List.of());

    public Routing {
        tools = tools == null ? List.of() : List.copyOf(tools);
        rules = rules == null ? List.of() : List.copyOf(rules);
        paths = paths == null ? List.of() : List.copyOf(paths);
        cwes = cwes == null ? List.of() : cwes.stream().map(cwe -> Identifier.cwe(cwe)
                .orElseThrow(() -> new IllegalArgumentException("Not a CWE id: '" + cwe + "'"))).toList();
    }

    public boolean matches(Finding finding) {
        return matchesTool(finding) && matchesRule(finding) && matchesSeverity(finding.severity())
                && matchesPath(finding) && matchesCwe(finding);
    }

    private boolean matchesTool(Finding finding) {
        return tools.isEmpty() || tools.stream().anyMatch(tool -> tool.equalsIgnoreCase(finding.tool().name()));
    }

    private boolean matchesRule(Finding finding) {
        return rules.isEmpty() || rules.stream().anyMatch(glob -> ruleGlob(glob).matcher(finding.rule().id()).matches());
    }

    private boolean matchesSeverity(Severity severity) {
        return (minSeverity == null || severity.isAtLeast(minSeverity))
                && (maxSeverity == null || maxSeverity.isAtLeast(severity));
    }

    private boolean matchesPath(Finding finding) {
        if (paths.isEmpty()) {
            return true;
        }
        String path = finding.primaryLocation().path();
        String target = finding.asset().target();
        return paths.stream().map(ReportFiles::antPattern).anyMatch(pattern -> pattern.matcher(path).matches()
                || !target.isEmpty() && pattern.matcher(target).matches());
    }

    private boolean matchesCwe(Finding finding) {
        if (cwes.isEmpty()) {
            return true;
        }
        return finding.rule().cwes().stream().anyMatch(cwes::contains)
                || finding.identifiers().stream().anyMatch(id -> id.type().equals("CWE") && cwes.contains(id.value()));
    }

    /** {@code *} any characters, {@code ?} one character, case-insensitive; rule ids are not paths. */
    private static Pattern ruleGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
