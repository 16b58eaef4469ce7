package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.finding.Tool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptionTest {
    private static final Template TEMPLATE = Template.of("t", "P", "Bug");

    private static Finding hostile() {
        return Finding.builder().tool(new Tool("Evil<script>", "1"))
                .rule(new Rule("r\"><img src=x onerror=alert(1)>", "<b>name</b>", "", "", "javascript:alert(1)", "", List.of(), List.of()))
                .severity(Severity.HIGH).message("<script>alert('x')</script> & more")
                .location(new Location("src/<x>.js", 3, 1, 3, 9, "eval(\"<i>\")", ""))
                .build();
    }

    @Test
    void everyScanValueIsEscapedAndUnsafeLinksAreDropped() {
        String html = Description.render(List.of(hostile()), TEMPLATE, LinkContext.NONE).html();
        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("javascript:")
                .doesNotContain("<b>name</b>").doesNotContain("<i>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
        assertThat(html).contains("src/&lt;x&gt;.js:3");
    }

    @Test
    void linksSourceIdentifiersAndBuild() {
        Finding finding = Finding.builder().tool(new Tool("Trivy", "0.50"))
                .rule(new Rule("CVE-2024-1234", "", "", "", "https://avd.aquasec.com/nvd/cve-2024-1234", "", List.of(), List.of("CWE-79")))
                .severity(Severity.CRITICAL).score(9.8)
                .asset(Asset.ofPackage("debian", "openssl", "3.0.1", "3.0.2", "app:1.0 (debian 12)"))
                .identifier(Identifier.of("CVE-2024-1234")).identifier(Identifier.of("GHSA-aaaa-bbbb-cccc"))
                .location(Location.of("src/a b.js", 7)).build();
        LinkContext links = new LinkContext("https://ci.example/job/x/42/", "x #42", "https://github.com/o/r/blob/main");
        Description description = Description.render(List.of(finding), TEMPLATE, links);
        assertThat(description.html())
                .contains("<a href=\"https://nvd.nist.gov/vuln/detail/CVE-2024-1234\">CVE-2024-1234</a>")
                .contains("<a href=\"https://github.com/advisories/GHSA-aaaa-bbbb-cccc\">")
                .contains("<a href=\"https://cwe.mitre.org/data/definitions/79.html\">CWE-79</a>")
                .contains("<a href=\"https://github.com/o/r/blob/main/src/a%20b.js#L7\">src/a b.js:7</a>")
                .contains("3.0.1 → 3.0.2")
                .contains("(score 9.8)")
                .contains("<a href=\"https://ci.example/job/x/42/\">x #42</a>")
                .contains("Fingerprint: " + finding.fingerprint().value());
        assertThat(Description.digestIn(description.html())).isEqualTo(description.digest());
    }

    @Test
    void digestIgnoresTheBuildButNotTheContent() {
        Finding finding = hostile();
        Description first = Description.render(List.of(finding), TEMPLATE, new LinkContext("https://ci/1", "", ""));
        Description second = Description.render(List.of(finding), TEMPLATE, new LinkContext("https://ci/2", "", ""));
        assertThat(first.html()).isNotEqualTo(second.html());
        assertThat(first.digest()).isEqualTo(second.digest());
        Finding moved = Finding.builder().tool(finding.tool()).rule(finding.rule()).severity(Severity.HIGH)
                .message(finding.message()).location(Location.of("src/<x>.js", 4)).build();
        assertThat(Description.render(List.of(moved), TEMPLATE, LinkContext.NONE).digest()).isNotEqualTo(first.digest());
    }

    @Test
    void customDescriptionEscapesValues() {
        Template custom = new Template("t", "", "P", "Bug", "", "", List.of(), "", Severity.INFO, null, "",
                "<p>Found ${rule.id} by ${tool.name}</p>", java.util.Map.of(), null, null, 0, false, "", null, false);
        String html = Description.render(List.of(hostile()), custom, LinkContext.NONE).html();
        assertThat(html).startsWith("<p>Found r&quot;&gt;&lt;img src=x onerror=alert(1)&gt; by Evil&lt;script&gt;</p>");
    }

    @Test
    void defaultTitles() {
        Finding pkg = Finding.builder().rule(Rule.of("CVE-2024-1234")).severity(Severity.HIGH)
                .asset(Asset.ofPackage("debian", "openssl", "3.0.1", "", "app (debian 12)").withImage("app")).build();
        assertThat(Placeholders.defaultTitle(pkg)).isEqualTo("[High] CVE-2024-1234 in openssl 3.0.1 (app)");
        Finding legacy = Finding.builder().rule(Rule.of("CVE-2020-1751")).severity(Severity.HIGH)
                .asset(Asset.ofPackage("debian", "libc6", "2.28-10", "", "debian (debian 10.8)")).build();
        assertThat(Placeholders.defaultTitle(legacy)).isEqualTo("[High] CVE-2020-1751 in libc6 2.28-10 (debian)");
        Finding code = Finding.builder().rule(new Rule("py/empty-except", "py/empty-except", "Empty except", "", "", "", List.of(), List.of()))
                .severity(Severity.MEDIUM).location(Location.of("good/db_init.py", 39)).build();
        assertThat(Placeholders.defaultTitle(code)).isEqualTo("[Medium] Empty except in good/db_init.py");
        Finding dast = Finding.builder().rule(new Rule("10038", "CSP Header Not Set", "", "", "", "", List.of(), List.of()))
                .severity(Severity.MEDIUM).asset(Asset.ofEndpoint("https://app/login", "GET", "")).build();
        assertThat(Placeholders.defaultTitle(dast)).isEqualTo("[Medium] CSP Header Not Set at https://app/login");
    }

    @Test
    void placeholdersRenderAndReportUnknownNames() {
        Finding finding = Finding.builder().tool(new Tool("Semgrep", "1.2")).rule(Rule.of("rule-1")).severity(Severity.LOW)
                .location(Location.of("a.py", 5)).property("confidence", "HIGH").build();
        assertThat(Placeholders.render("$${x} ${severity} ${rule.id} at ${location} (${property.confidence})", finding, s -> s))
                .isEqualTo("${x} Low rule-1 at a.py:5 (HIGH)");
        assertThat(Placeholders.problems("${nope} ${property.x} ${unclosed")).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("unknown placeholder ${nope}"))
                .anySatisfy(p -> assertThat(p).startsWith("unclosed placeholder at character"));
    }
}
