package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Tells a report's format from its content, never from its file name. */
public final class FormatDetector {
    /** Enough for every format's distinguishing keys, which sit near the top or repeat in every entry. */
    static final int HEAD_BYTES = 64 * 1024;

    private final List<ReportParser> parsers;

    public FormatDetector(List<ReportParser> parsers) {
        this.parsers = List.copyOf(parsers);
    }

    public ReportParser detect(ReportInput input) throws ReportException {
        String head = head(input);
        if (head.isBlank()) {
            throw new ReportException(input.name(), "", "the file is empty");
        }
        return parsers.stream().filter(parser -> parser.recognises(head)).findFirst()
                .orElseThrow(() -> new ReportException(input.name(), "",
                        "unknown report format: the content matches none of "
                                + String.join(", ", parsers.stream().map(p -> p.format().id()).toList())
                                + "; name the format explicitly if the file is one of them"));
    }

    /** The first bytes, decoded leniently: a broken byte must not hide the format, the parser reports it. */
    static String head(ReportInput input) throws ReportException {
        try (InputStream stream = input.open()) {
            byte[] bytes = stream.readNBytes(HEAD_BYTES);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString()
                    // Editors and PowerShell's Out-File write a byte order mark; the JSON and XML readers skip it.
                    .replaceFirst("^\uFEFF", "");
        } catch (IOException e) {
            throw ReportException.unreadable(input, e);
        }
    }
}
