package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.AbstractParserTest;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZapParserTest extends AbstractParserTest {

    @TempDir
    Path temp;

    @Override
    protected ReportParser parser() {
        return new ZapParser();
    }

    @Test
    void theSharedTestsCoverAllFiveSamples() {
        assertThat(samples()).hasSize(5);
    }

    @Test
    void aSiteWithoutAlertsHasNoFindings() throws ReportException {
        Report report = parse("zap/empty_2.9.0.xml");
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary().duplicates()).isZero();
        assertThat(report.summary().tools()).containsExactly("ZAP");
    }

    @Test
    void oneFindingPerAlertWithItsInstancesAsLocations() throws ReportException {
        Report report = parse("zap/some_2.9.0.xml");
        assertThat(report.findings()).hasSize(7);
        assertThat(report.findings()).extracting(Finding::severity).containsExactly(
                Severity.LOW, Severity.LOW, Severity.MEDIUM, Severity.LOW, Severity.INFO, Severity.LOW, Severity.LOW);
        assertThat(report.findings()).extracting(finding -> finding.locations().size())
                .containsExactly(3, 4, 1, 3, 4, 1, 1);

        Finding cookie = report.findings().get(0);
        assertThat(cookie.tool()).satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("ZAP");
            assertThat(tool.version()).isEqualTo("2.9.0");
        });
        assertThat(cookie.rule().id()).isEqualTo("10011");
        assertThat(cookie.rule().name()).isEqualTo("Cookie Without Secure Flag");
        assertThat(cookie.rule().cwes()).containsExactly("CWE-614");
        assertThat(cookie.identifier("CWE")).isEqualTo("CWE-614");
        assertThat(cookie.rule().helpUri())
                .isEqualTo("http://www.owasp.org/index.php/Testing_for_cookies_attributes_(OWASP-SM-002)");
        assertThat(cookie.rule().fullDescription()).isEqualTo("A cookie has been set without the secure flag, which "
                + "means that the cookie can be accessed via unencrypted connections.");
        assertThat(cookie.rule().helpText()).startsWith("Whenever a cookie contains sensitive information")
                .doesNotContain("<p>");
        assertThat(cookie.originalSeverity()).isEqualTo("Low (Medium)");
        assertThat(cookie.properties()).containsEntry("confidence", "Medium").containsEntry("wascId", "13");
        assertThat(cookie.locations()).containsExactly(
                new Location("https://mainsite.com", 0, 0, 0, 0, "", "GET, parameter opvc, evidence: Set-Cookie: opvc"),
                new Location("https://mainsite.com", 0, 0, 0, 0, "", "GET, parameter dmid, evidence: Set-Cookie: dmid"),
                new Location("https://mainsite.com", 0, 0, 0, 0, "",
                        "GET, parameter sitevisitscookie, evidence: Set-Cookie: sitevisitscookie"));
        assertThat(cookie.asset()).as("parameters differ between instances")
                .isEqualTo(Asset.ofEndpoint("https://mainsite.com", "GET", ""));
        assertThat(cookie.fingerprint().basis()).isEqualTo("endpoint");

        Finding wildcard = report.findings().get(2);
        assertThat(wildcard.asset()).isEqualTo(Asset.ofEndpoint("https://mainsite.com", "GET", "Content-Security-Policy"));
        assertThat(wildcard.rule().fullDescription()).isEqualTo("The following directives either allow wildcard "
                + "sources (or ancestors), are not defined, or are overly broadly defined:\nscript-src, script-src-elem, "
                + "script-src-attr, style-src, style-src-elem, style-src-attr, img-src, connect-src, frame-src, font-src, "
                + "media-src, object-src, manifest-src, worker-src, prefetch-src");
        assertThat(wildcard.locations().get(0).message()).endsWith("evidence: frame-ancestors 'self';");
    }

    @Test
    void aBaselineScanOfDvwa() throws ReportException {
        Report report = parse("zap/dvwa_baseline_dojo.xml");
        assertThat(report.findings()).hasSize(19);
        assertThat(report.findings().stream().mapToInt(finding -> finding.locations().size()).sum()).isEqualTo(124);
        assertThat(report.findings()).filteredOn(finding -> finding.severity() == Severity.MEDIUM).hasSize(4);
        assertThat(report.findings()).filteredOn(finding -> finding.rule().id().equals("10027")).hasSize(2)
                .extracting(finding -> finding.properties().get("confidence")).containsExactly("Medium", "Low");
        assertThat(report.findings()).extracting(finding -> finding.fingerprint().value()).doesNotHaveDuplicates();
        Finding tabnabbing = report.findings().get(2);
        assertThat(tabnabbing.rule().name()).isEqualTo("Reverse Tabnabbing");
        assertThat(tabnabbing.rule().cwes()).isEmpty();
        assertThat(tabnabbing.properties()).doesNotContainKey("wascId");
    }

    @Test
    void highRiskAlertsAndEscapedEvidence() throws ReportException {
        Report report = parse("zap/zap-results-first-scan.xml");
        assertThat(report.findings()).hasSize(15);
        assertThat(report.findings().stream().mapToInt(finding -> finding.locations().size()).sum()).isEqualTo(130);
        assertThat(report.findings()).filteredOn(finding -> finding.severity() == Severity.HIGH)
                .extracting(finding -> finding.rule().id()).containsExactly("40012", "40026", "40018", "10062");

        Finding xss = report.findings().get(9);
        assertThat(xss.rule().name()).isEqualTo("Cross Site Scripting (Reflected)");
        assertThat(xss.rule().cwes()).containsExactly("CWE-79");
        assertThat(xss.originalSeverity()).isEqualTo("High (Medium)");
        assertThat(xss.properties()).containsEntry("wascId", "8");
        assertThat(xss.rule().helpUri()).isEqualTo("http://projects.webappsec.org/Cross-Site-Scripting");
        assertThat(xss.asset()).isEqualTo(Asset.ofEndpoint("http://bodgeit.securecodebox-demo.svc:8080", "GET", "q"));
        assertThat(xss.locations()).singleElement().satisfies(location -> {
            assertThat(location.path()).isEqualTo("http://bodgeit.securecodebox-demo.svc:8080/bodgeit/search.jsp"
                    + "?q=%3C%2Ffont%3E%3Cscript%3Ealert%281%29%3B%3C%2Fscript%3E%3Cfont%3E");
            assertThat(location.message()).as("evidence is what the page contained, not HTML to strip")
                    .isEqualTo("GET, parameter q, evidence: </font><script>alert(1);</script><font>");
        });
    }

    @Test
    void requestAndResponseMessagesAreNeverKept() throws ReportException {
        Report report = parse("zap/zap_2.16.1_with_req_resp.xml");
        assertThat(report.findings()).hasSize(4);
        assertThat(report.findings()).extracting(Finding::severity).containsOnly(Severity.INFO);
        assertThat(report.findings()).extracting(finding -> finding.locations().size()).containsExactly(1, 5, 3, 4);
        for (Finding finding : report.findings()) {
            assertThat(finding.toString()).doesNotContain("[REDACTED]", "Set-Cookie", "authorization",
                    "\"passwordless_code\":\"string\"", "HTTP/1.1");
        }
        Finding authentication = report.findings().get(0);
        assertThat(authentication.tool().version()).isEqualTo("2.16.1");
        assertThat(authentication.rule().cwes()).as("cweid -1").isEmpty();
        assertThat(authentication.properties()).containsEntry("confidence", "Low").doesNotContainKey("wascId");
        assertThat(authentication.locations().get(0).message())
                .isEqualTo("POST, parameter user_identifier, evidence: passwordless_code");
        assertThat(authentication.rule().helpUri())
                .isEqualTo("https://www.zaproxy.org/docs/desktop/addons/authentication-helper/auth-req-id/");
    }

    @Test
    void htmlTextIsUnescapedOnceAndStripped() {
        assertThat(ZapText.htmlToText("<p>Use &lt;b&gt; &amp;amp; &quot;x&quot; &#39;y&#x27;</p><p>Second<br/>line</p>"))
                .isEqualTo("Use <b> &amp; \"x\" 'y'\nSecond\nline");
        assertThat(ZapText.htmlToText("<ul><li>one</li><li>two</li></ul> a < b")).isEqualTo("- one\n- two\na < b");
        assertThat(ZapText.excerpt("x".repeat(500))).hasSize(201).endsWith("…");
    }

    /**
     * A synthetic report in ZAP's traditional JSON form, as no real one is in the shared samples: the same
     * structure as the XML ({@code @programName}, {@code site[]} with {@code @name} and {@code alerts[]}), its
     * first alert taken from some_2.9.0.xml; the duplicate, the second site and the odd risk are invented.
     */
    private Path jsonReport() throws IOException {
        String cookie = """
                {
                  "pluginid": "10011", "alertRef": "10011",
                  "alert": "Cookie Without Secure Flag", "name": "Cookie Without Secure Flag",
                  "riskcode": "1", "confidence": "2", "riskdesc": "Low (Medium)",
                  "desc": "<p>A cookie has been set without the secure flag, which means that the cookie can be accessed via unencrypted connections.</p>",
                  "instances": [
                    {"uri": "https://mainsite.com", "method": "GET", "param": "opvc", "attack": "", "evidence": "Set-Cookie: opvc",
                     "requestheader": "GET / HTTP/1.1\\r\\nCookie: session=s3cr3t-cookie\\r\\n"},
                    {"uri": "https://mainsite.com/about", "method": "GET", "param": "opvc", "attack": "", "evidence": "Set-Cookie: opvc"}
                  ],
                  "count": "2",
                  "solution": "<p>Whenever a cookie contains sensitive information or is a session token, then it should always be passed using an encrypted channel.</p>",
                  "otherinfo": "",
                  "reference": "<p>http://www.owasp.org/index.php/Testing_for_cookies_attributes_(OWASP-SM-002)</p>",
                  "cweid": "614", "wascid": "13", "sourceid": "3"
                }""";
        String json = """
                {
                  "@programName": "ZAP",
                  "@version": "2.11.1",
                  "@generated": "Tue, 12 Apr 2022 20:57:30",
                  "site": [
                    {"@name": "https://mainsite.com", "@host": "mainsite.com", "@port": "443", "@ssl": "true",
                     "alerts": [COOKIE, COOKIE]},
                    {"@name": "https://api.mainsite.com", "@host": "api.mainsite.com", "@port": "443", "@ssl": "true",
                     "alerts": [
                       {"pluginid": "90001", "alert": "Odd", "name": "Odd", "riskcode": "7", "confidence": "4",
                        "riskdesc": "Dire (Confirmed)", "desc": "Tom &amp; Jerry", "instances": [], "cweid": "-1", "wascid": "-1"},
                       COOKIE
                     ]}
                  ]
                }
                """.replace("COOKIE", cookie);
        Path file = temp.resolve("zap-report.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void jsonReportIsDetectedAndReadLikeTheXml() throws Exception {
        Report report = new FindingsReader().read(ReportInput.of(jsonReport()), Optional.empty());
        assertThat(report.format()).isEqualTo(ReportFormat.ZAP);
        assertThat(report.findings()).hasSize(3);
        assertThat(report.summary().duplicates()).isEqualTo(1);
        Finding cookie = report.findings().get(0);
        assertThat(cookie.tool().version()).isEqualTo("2.11.1");
        assertThat(cookie.rule().id()).isEqualTo("10011");
        assertThat(cookie.severity()).isEqualTo(Severity.LOW);
        assertThat(cookie.rule().cwes()).containsExactly("CWE-614");
        assertThat(cookie.asset()).isEqualTo(Asset.ofEndpoint("https://mainsite.com", "GET", "opvc"));
        assertThat(cookie.locations()).extracting(Location::path)
                .containsExactly("https://mainsite.com", "https://mainsite.com/about");
        assertThat(cookie.toString()).doesNotContain("s3cr3t-cookie");
        assertThat(cookie.rule().fullDescription()).startsWith("A cookie has been set").doesNotContain("<p>");

        Finding odd = report.findings().get(1);
        assertThat(odd.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(odd.originalSeverity()).isEqualTo("Dire (Confirmed)");
        assertThat(odd.message()).isEqualTo("Tom & Jerry");
        assertThat(report.summary().warnings()).singleElement().asString().contains("'Dire (Confirmed)'");
        assertThat(odd.properties()).containsEntry("confidence", "Confirmed");
        assertThat(odd.asset()).isEqualTo(Asset.ofEndpoint("https://api.mainsite.com", "", ""));
        assertThat(report.findings().get(2).asset().url()).as("the same alert on another site is another finding")
                .isEqualTo("https://api.mainsite.com");
    }

    @Test
    void anUnknownRiskIsMediumWithOneWarningPerLabel() throws Exception {
        Path file = temp.resolve("odd.xml");
        Files.writeString(file, """
                <?xml version="1.0"?><OWASPZAPReport version="2.9.0" generated="now">
                <site name="https://a.example" host="a.example" port="443" ssl="true"><alerts>
                <alertitem><pluginid>1</pluginid><alert>One</alert><riskcode>9</riskcode><riskdesc>Dire (Low)</riskdesc></alertitem>
                <alertitem><pluginid>2</pluginid><alert>Two</alert><riskcode>9</riskcode><riskdesc>Dire (Low)</riskdesc></alertitem>
                <alertitem><pluginid>3</pluginid><alert>Three</alert><riskcode></riskcode><riskdesc>High (Low)</riskdesc></alertitem>
                </alerts></site></OWASPZAPReport>
                """);
        Report report = new FindingsReader().read(ReportInput.of(file), Optional.empty());
        assertThat(report.findings()).extracting(Finding::severity)
                .containsExactly(Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH);
        assertThat(report.summary().warnings()).singleElement().asString().contains("'Dire (Low)'");
    }

    @Test
    void anotherXmlDocumentIsRefusedClearly() {
        Path dc = Samples.sample("dependency-check/single_vuln.xml");
        assertThatThrownBy(() -> new FindingsReader().read(new ReportInput("dc.xml", dc), Optional.of(ReportFormat.ZAP)))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("dc.xml");
                    assertThat(e.position()).isEqualTo("line 2");
                    assertThat(e.reason()).isEqualTo("not a ZAP XML report: the root element is <analysis>, "
                            + "expected <OWASPZAPReport>");
                });
    }

    @Test
    void aJsonFileOfAnotherShapeIsRefusedClearly() throws Exception {
        Path other = temp.resolve("other.json");
        Files.writeString(other, "[1, 2, 3]");
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(other), Optional.of(ReportFormat.ZAP)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason())
                        .startsWith("not a ZAP JSON report"));
    }

    @Test
    void malformedXmlNamesLineAndColumn() throws Exception {
        String xml = Files.readString(Samples.sample("zap/some_2.9.0.xml"));
        Path broken = temp.resolve("broken.xml");
        Files.writeString(broken, xml.replaceFirst("</alert>", "</alrt>"));
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(broken), Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).matches("line 4, column \\d+");
                    assertThat(e.reason()).startsWith("malformed XML");
                });
    }

    @Test
    void billionLaughsInAZapReportIsRefused() throws Exception {
        Path laughs = temp.resolve("laughs.xml");
        StringBuilder dtd = new StringBuilder("<!DOCTYPE OWASPZAPReport [<!ENTITY a \"aaaaaaaaaa\">");
        for (char c = 'b'; c <= 'k'; c++) {
            dtd.append("<!ENTITY ").append(c).append(" \"").append(("&" + (char) (c - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Files.writeString(laughs, "<?xml version=\"1.0\"?>" + dtd + "<OWASPZAPReport version=\"2.9.0\"><site name=\"&k;\">"
                + "<alerts/></site></OWASPZAPReport>");
        assertThatThrownBy(() -> new FindingsReader().read(ReportInput.of(laughs), Optional.empty()))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).contains("DOCTYPE"));
    }
}
