package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTest {
    private static Finding finding(String tool, String rule, Severity severity, String path, String cwe) {
        return Finding.builder().tool(new Tool(tool, "")).severity(severity)
                .rule(new Rule(rule, "", "", "", "", "", List.of(), cwe.isEmpty() ? List.of() : List.of(cwe)))
                .location(Location.of(path, 1)).build();
    }

    @Test
    void everyCriterionMustMatch() {
        Routing routing = new Routing(List.of("codeql"), List.of("js/*"), Severity.MEDIUM, Severity.HIGH,
                List.of("src/**"), List.of("79"));
        assertThat(routing.matches(finding("CodeQL", "js/xss", Severity.HIGH, "src/a/b.js", "CWE-79"))).isTrue();
        assertThat(routing.matches(finding("Semgrep", "js/xss", Severity.HIGH, "src/a/b.js", "CWE-79"))).isFalse();
        assertThat(routing.matches(finding("CodeQL", "py/xss", Severity.HIGH, "src/a/b.js", "CWE-79"))).isFalse();
        assertThat(routing.matches(finding("CodeQL", "js/xss", Severity.CRITICAL, "src/a/b.js", "CWE-79"))).isFalse();
        assertThat(routing.matches(finding("CodeQL", "js/xss", Severity.LOW, "src/a/b.js", "CWE-79"))).isFalse();
        assertThat(routing.matches(finding("CodeQL", "js/xss", Severity.HIGH, "test/b.js", "CWE-79"))).isFalse();
        assertThat(routing.matches(finding("CodeQL", "js/xss", Severity.HIGH, "src/a/b.js", "CWE-89"))).isFalse();
        assertThat(Routing.ANY.matches(finding("x", "y", Severity.INFO, "", ""))).isTrue();
    }

    @Test
    void rejectsWhatIsNotACwe() {
        assertThatThrownBy(() -> new Routing(null, null, null, null, null, List.of("XSS")))
                .hasMessageContaining("Not a CWE id: 'XSS'");
    }
}
