package io.jenkins.plugins.adoworkitems.core.parse;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlReportsTest {
    private static final String SECRET = "TOP-SECRET-LINE-7f3a";

    @TempDir
    Path dir;

    private ReportInput write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new ReportInput(name, file);
    }

    private XmlReports.Element read(ReportInput input) throws ReportException {
        return XmlReports.readTree(input, ParseOptions.DEFAULTS, Set.of());
    }

    @Test
    void readsNamespacesAttributesTextAndChildren() throws Exception {
        XmlReports.Element root = read(write("ok.xml", """
                <?xml version="1.0"?>
                <report xmlns="urn:example" version="2">
                  <item kind="a">one &amp; &lt;two&gt; &#233;</item>
                  <item kind="b"><![CDATA[<p>raw</p>]]></item>
                  <!-- a comment -->
                </report>
                """));
        assertThat(root.namespace()).isEqualTo("urn:example");
        assertThat(root.name()).isEqualTo("report");
        assertThat(root.attribute("version")).isEqualTo("2");
        assertThat(root.children("item")).extracting(XmlReports.Element::text)
                .containsExactly("one & <two> é", "<p>raw</p>");
        assertThat(root.children("item").get(1).attribute("kind")).isEqualTo("b");
        assertThat(root.children("item").get(0).line()).isEqualTo(3);
        assertThat(root.descendants("item")).hasSize(2);
        assertThat(root.childText("missing")).isEmpty();
    }

    @Test
    void dropsTheContentOfNamedElementsWhileReading() throws Exception {
        XmlReports.Element root = XmlReports.readTree(write("drop.xml",
                "<r><keep>k</keep><body><cookie>session=abc</cookie>Set-Cookie: x</body></r>"),
                ParseOptions.DEFAULTS, Set.of("body"));
        assertThat(root.canonical()).doesNotContain("session=abc").doesNotContain("Set-Cookie").contains("k");
    }

    @Test
    void canonicalTextIgnoresAttributeOrderButNotContent() throws Exception {
        XmlReports.Element one = read(write("a.xml", "<r a=\"1\" b=\"2\"><c>x</c></r>"));
        XmlReports.Element two = read(write("b.xml", "<r b=\"2\" a=\"1\">\n  <c>x</c>\n</r>"));
        XmlReports.Element other = read(write("c.xml", "<r b=\"2\" a=\"1\"><c>y</c></r>"));
        assertThat(one.canonical()).isEqualTo(two.canonical()).isNotEqualTo(other.canonical());
    }

    @Test
    void refusesAnExternalEntityToALocalFileWithoutLeakingIt() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        ReportInput input = write("xxe.xml", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<r>&xxe;</r>\n");
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("xxe.xml");
                    assertThat(e.position()).startsWith("line 2");
                    assertThat(e.reason()).contains("DOCTYPE").contains("refused");
                })
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(stackTraceText(e)).doesNotContain(SECRET));
    }

    @Test
    void refusesEntityExpansion() throws Exception {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
        laughs.append("<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"");
            laughs.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<lolz>&lol9;</lolz>\n");
        ReportInput input = write("laughs.xml", laughs.toString());
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).contains("DOCTYPE"))
                .hasMessageNotContaining("lollol");
    }

    @Test
    void neverFetchesAnExternalDtdOrParameterEntity() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + SECRET + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ReportInput external = write("dtd.xml", "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE r SYSTEM \"" + base + "/evil.dtd\">\n<r>&leak;</r>\n");
            ReportInput parameter = write("param.xml", "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]>\n<r>&leak;</r>\n");
            for (ReportInput input : new ReportInput[] {external, parameter}) {
                assertThatThrownBy(() -> read(input)).as(input.name())
                        .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).contains("DOCTYPE"))
                        .hasMessageNotContaining(SECRET);
            }
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void refusesAnEntityThatNoDtdDeclares() throws Exception {
        ReportInput input = write("undeclared.xml", "<r>\n  &nope;\n</r>");
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).startsWith("line 2");
                    assertThat(e.reason()).contains("nope");
                });
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws Exception {
        ParseOptions tenLevels = new ParseOptions(false, 10, 1024, 1024 * 1024);
        String ten = "<a>".repeat(10) + "</a>".repeat(10);
        assertThat(XmlReports.readTree(write("ten.xml", ten), tenLevels, Set.of()).name()).isEqualTo("a");
        ReportInput eleven = write("eleven.xml", "<a>".repeat(11) + "</a>".repeat(11));
        assertThatThrownBy(() -> XmlReports.readTree(eleven, tenLevels, Set.of()))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.reason()).contains("deeper than 10");
                    assertThat(e.position()).startsWith("line 1, column");
                });
    }

    @Test
    void aHugelyNestedDocumentFailsCleanlyUnderTheDefaults() throws Exception {
        int depth = 200_000;
        ReportInput deep = write("deep.xml", "<a>".repeat(depth) + "</a>".repeat(depth));
        assertThatThrownBy(() -> read(deep))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason())
                        .contains("deeper than " + ParseOptions.DEFAULTS.maxNestingDepth()));
    }

    @Test
    void malformedXmlNamesLineAndColumn() throws Exception {
        ReportInput input = write("bad.xml", "<r>\n  <a>text</b>\n</r>\n");
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.xml");
                    assertThat(e.position()).matches("line 2, column \\d+");
                    assertThat(e.reason()).startsWith("malformed XML: ").doesNotContain("ParseError");
                });
    }

    @Test
    void aTruncatedFileSaysSo() throws Exception {
        ReportInput input = write("cut.xml", "<?xml version=\"1.0\"?>\n<r>\n  <a>text</a>\n  <b>te");
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).startsWith("line 4");
                    assertThat(e.reason()).contains("truncated");
                });
    }

    @Test
    void aFileThatIsNotXmlSaysSo() throws Exception {
        ReportInput input = write("report.json", "{\"site\": []}\n");
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).isEqualTo("line 1, column 1");
                    assertThat(e.reason()).startsWith("not an XML document");
                });
    }

    @Test
    void anEmptyFileSaysSo() throws Exception {
        ReportInput input = write("empty.xml", "");
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).isNotBlank());
    }

    @Test
    void refusesFilesLargerThanTheTreeLimit() throws Exception {
        ReportInput input = write("big.xml", "<r>" + "x".repeat(2000) + "</r>");
        assertThatThrownBy(() -> XmlReports.readTree(input, new ParseOptions(false, 10, 1024, 1000), Set.of()))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason())
                        .contains("2007 bytes").contains("1000"));
    }

    private static String stackTraceText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
