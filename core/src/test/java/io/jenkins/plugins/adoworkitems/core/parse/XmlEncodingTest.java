package io.jenkins.plugins.adoworkitems.core.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link XmlReports} decodes a report: by its byte order mark, else its XML declaration, else as UTF-8; and
 * bytes invalid in that encoding are a clean error that the JDK's parser does not also print on stderr.
 */
class XmlEncodingTest {
    @TempDir
    Path dir;

    private ReportInput write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return new ReportInput(name, file);
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static XmlReports.Element read(ReportInput input) throws ReportException {
        return XmlReports.readTree(input, ParseOptions.DEFAULTS, Set.of());
    }

    /** Runs {@code action} with System.err captured and returns what it printed there. */
    private static String stderrOf(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void invalidUtf8IsACleanErrorWithItsPositionAndNothingOnStderr() throws Exception {
        ReportInput input = write("bad-utf8.xml", concat(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n  <a>ab",
                StandardCharsets.US_ASCII), new byte[] {(byte) 0xff, (byte) 0xfe}, bytes("</a>\n</r>\n",
                StandardCharsets.US_ASCII)));
        String stderr = stderrOf(() -> assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad-utf8.xml");
                    assertThat(e.position()).isEqualTo("line 3, column 8");
                    assertThat(e.reason()).startsWith("invalid UTF-8");
                }));
        assertThat(stderr).isEmpty();
    }

    @Test
    void aTruncatedMultiByteCharacterInAnAttributeIsAlsoClean() throws Exception {
        ReportInput input = write("cut-char.xml", concat(bytes("<r a=\"", StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xc3}, bytes("\">x</r>", StandardCharsets.US_ASCII)));
        String stderr = stderrOf(() -> assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).isEqualTo("line 1, column 7");
                    assertThat(e.reason()).startsWith("invalid UTF-8");
                }));
        assertThat(stderr).isEmpty();
    }

    @Test
    void aZapReportWithInvalidUtf8FailsThroughTheReaderWithoutPrinting() throws Exception {
        ReportInput input = write("zap.xml", concat(bytes("<?xml version=\"1.0\"?><OWASPZAPReport version=\"2.9.0\">"
                + "<site name=\"https://example.com\"><alerts><alertitem><alert>", StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x80}, bytes("</alert></alertitem></alerts></site></OWASPZAPReport>",
                StandardCharsets.US_ASCII)));
        String stderr = stderrOf(() -> assertThatThrownBy(() -> new FindingsReader()
                .read(input, Optional.of(ReportFormat.ZAP)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.reason()).startsWith("invalid UTF-8")));
        assertThat(stderr).isEmpty();
    }

    @Test
    void readsTheEncodingFromTheByteOrderMarkOrTheDeclaration() throws Exception {
        String text = "<r>café ✓</r>";
        XmlReports.Element utf8Bom = read(write("bom8.xml", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                bytes("<?xml version=\"1.0\"?>\n" + text, StandardCharsets.UTF_8))));
        XmlReports.Element utf16 = read(write("bom16.xml",
                bytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + text, StandardCharsets.UTF_16)));
        XmlReports.Element utf16le = read(write("le16.xml",
                bytes("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>\n" + text, StandardCharsets.UTF_16LE)));
        XmlReports.Element undeclared = read(write("plain.xml", bytes(text, StandardCharsets.UTF_8)));
        assertThat(utf8Bom.text()).isEqualTo("café ✓");
        assertThat(utf16.text()).isEqualTo("café ✓");
        assertThat(utf16le.text()).isEqualTo("café ✓");
        assertThat(undeclared.text()).isEqualTo("café ✓");

        XmlReports.Element latin1 = read(write("latin1.xml", bytes("<?xml version='1.0' encoding='ISO-8859-1'?>\n"
                + "<r>café</r>", StandardCharsets.ISO_8859_1)));
        assertThat(latin1.text()).isEqualTo("café");
    }

    @Test
    void anEncodingTheRuntimeCannotReadIsAClearError() throws Exception {
        ReportInput input = write("odd.xml", bytes("<?xml version=\"1.0\" encoding=\"X-NO-SUCH-ENCODING\"?>\n<r/>",
                StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> read(input))
                .isInstanceOfSatisfying(ReportException.class, e -> {
                    assertThat(e.position()).isEqualTo("line 1");
                    assertThat(e.reason()).contains("'X-NO-SUCH-ENCODING'");
                });
    }
}
