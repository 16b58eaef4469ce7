package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML reading shared by the parsers of XML reports, hardened the way the JDK does not do by default: a report
 * with a DOCTYPE is refused outright, so no external entity (XXE), external DTD or entity expansion (billion
 * laughs) is ever processed; nesting and size are limited by {@link ParseOptions}; every failure is a
 * {@link ReportException} naming the file, line and column.
 *
 * <p>Reports are read into a small immutable {@link Element} tree rather than a DOM: it is all the parsers
 * need, it is cheap, and elements a parser must not keep (ZAP's HTTP bodies, which may hold cookies) can be
 * dropped while reading.
 */
public final class XmlReports {
    /** How much of the file's start is read to find its encoding: the byte order mark and the XML declaration. */
    private static final int ENCODING_HEAD = 1024;
    private static final Pattern DECLARED_ENCODING = Pattern.compile(
            "\\A<\\?xml\\s[^>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private XmlReports() {
    }

    /**
     * An XML element: its namespace URI and local name, attributes by local name, its own character data
     * (entities resolved, surrounding white space stripped) and child elements in document order.
     *
     * @param line where the element starts, 1-based, for messages
     */
    public record Element(String namespace, String name, Map<String, String> attributes, String text,
                          List<Element> children, int line) {
        public Element {
            attributes = Map.copyOf(attributes);
            children = List.copyOf(children);
        }

        /** The first child with this local name. */
        public Optional<Element> child(String childName) {
            return children.stream().filter(child -> child.name.equals(childName)).findFirst();
        }

        /** The children with this local name. */
        public List<Element> children(String childName) {
            return children.stream().filter(child -> child.name.equals(childName)).toList();
        }

        /** Text of the first child with this local name, or empty. */
        public String childText(String childName) {
            return child(childName).map(Element::text).orElse("");
        }

        /** The attribute's value, or empty. */
        public String attribute(String attributeName) {
            return attributes.getOrDefault(attributeName, "");
        }

        /** Every element below this one with this local name, depth first in document order. */
        public List<Element> descendants(String descendantName) {
            List<Element> found = new ArrayList<>();
            collect(descendantName, found::add);
            return found;
        }

        private void collect(String descendantName, Consumer<Element> into) {
            for (Element child : children) {
                if (child.name.equals(descendantName)) {
                    into.accept(child);
                }
                child.collect(descendantName, into);
            }
        }

        /**
         * The element's content as one string, independent of attribute order and line numbers, so that
         * identical report entries compare equal (see {@link DuplicateFilter}).
         */
        public String canonical() {
            StringBuilder out = new StringBuilder();
            appendCanonical(out);
            return out.toString();
        }

        private void appendCanonical(StringBuilder out) {
            out.append('<').append(name);
            new TreeMap<>(attributes).forEach((key, value) -> out.append(' ').append(key).append('=')
                    .append(value.length()).append(':').append(value));
            out.append('>').append(text.length()).append(':').append(text);
            children.forEach(child -> child.appendCanonical(out));
            out.append("</>");
        }
    }

    /**
     * Reads a whole report under {@code options}' limits. The content of elements named in {@code dropped}
     * is checked for well-formedness but not kept.
     */
    public static Element readTree(ReportInput input, ParseOptions options, Set<String> dropped)
            throws ReportException {
        input.checkTreeSize(options);
        try (InputStream stream = input.open()) {
            XMLStreamReader reader = factory().createXMLStreamReader(decoded(input, stream));
            try {
                return new TreeBuilder(input, options, dropped, reader).read();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw error(input, e);
        } catch (InvalidEncoding e) {
            throw e.error(input);
        } catch (IOException e) {
            throw ReportException.unreadable(input, e);
        }
    }

    /**
     * The report as characters, decoded here rather than by the parser. For bytes that are not valid in the
     * encoding, the JDK's parser prints "[Fatal Error] :-1:-1: …" on stderr before it throws, and StAX has no way
     * to give it an error handler; our decoder throws {@link InvalidEncoding} instead, and nothing is printed.
     * The encoding is the byte order mark's, else the XML declaration's, else UTF-8, as XML 1.0 (appendix F) says.
     */
    private static Reader decoded(ReportInput input, InputStream stream) throws IOException, ReportException {
        stream.mark(ENCODING_HEAD);
        byte[] head = stream.readNBytes(ENCODING_HEAD);
        stream.reset();
        Charset charset;
        if (startsWith(head, 0xef, 0xbb, 0xbf)) {
            stream.skipNBytes(3);
            charset = StandardCharsets.UTF_8;
        } else if (startsWith(head, 0xfe, 0xff) || startsWith(head, 0xff, 0xfe)) {
            charset = StandardCharsets.UTF_16; // its decoder reads the byte order mark
        } else if (startsWith(head, 0x00, '<', 0x00, '?')) {
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(head, '<', 0x00, '?', 0x00)) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declaredEncoding(input, new String(head, StandardCharsets.ISO_8859_1));
        }
        return new DecodingReader(stream, charset);
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static Charset declaredEncoding(ReportInput input, String head) throws ReportException {
        Matcher declaration = DECLARED_ENCODING.matcher(head);
        if (!declaration.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = declaration.group(1);
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ReportException(input.name(), "line 1", "the XML declaration names the encoding '" + name
                    + "', which this Java runtime cannot read");
        }
    }

    /**
     * Decodes strictly, counting lines, so that bytes the decoder refuses are named by position. Its own loop
     * rather than an InputStreamReader, which drops the characters decoded before a bad byte and so its position.
     */
    private static final class DecodingReader extends Reader {
        private final InputStream stream;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 13).flip();
        private boolean endOfInput;
        private boolean flushed;
        private int line = 1;
        private int column = 1;

        DecodingReader(InputStream stream, Charset charset) {
            this.stream = stream;
            this.decoder = charset.newDecoder(); // reports malformed and unmappable input
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            while (true) {
                CoderResult result = decoder.decode(bytes, out, endOfInput);
                if (result.isError()) {
                    if (out.position() > offset) {
                        break; // hand on what came before; the next call fails at the bad bytes
                    }
                    throw new InvalidEncoding(decoder.charset().name(), "line " + line + ", column " + column);
                }
                if (result.isOverflow() || out.position() > offset) {
                    break;
                }
                if (endOfInput) {
                    decoder.flush(out);
                    flushed = true;
                    break;
                }
                fill();
            }
            int read = out.position() - offset;
            for (int i = offset; i < offset + read; i++) {
                if (buffer[i] == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return read == 0 && flushed ? -1 : read;
        }

        private void fill() throws IOException {
            bytes.compact();
            int read = stream.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * Bytes that are not valid in the report's encoding. Not a {@link java.io.CharConversionException}: the JDK's
     * parser reports that kind on stderr.
     */
    private static final class InvalidEncoding extends IOException {
        private static final long serialVersionUID = 1L;
        private final String encoding;
        private final String position;

        InvalidEncoding(String encoding, String position) {
            super("invalid " + encoding + " at " + position);
            this.encoding = encoding;
            this.position = position;
        }

        ReportException error(ReportInput input) {
            return new ReportException(input.name(), position, "invalid " + encoding + ": bytes that are not valid "
                    + encoding, this);
        }
    }

    /**
     * Whether the report's first character other than white space or a byte order mark is {@code <}, for
     * formats that come as XML or JSON.
     */
    public static boolean isXml(ReportInput input) throws ReportException {
        try (InputStream stream = input.open()) {
            byte[] head = stream.readNBytes(4096);
            for (int i = 0; i < head.length; i++) {
                int b = head[i] & 0xff;
                boolean bom = i < 3 && (b == 0xef || b == 0xbb || b == 0xbf);
                if (!bom && !Character.isWhitespace(b)) {
                    return b == '<';
                }
            }
            return false;
        } catch (IOException e) {
            throw ReportException.unreadable(input, e);
        }
    }


    /**
     * The JDK's own StAX implementation, so that another one on the classpath cannot change the hardening.
     * DTD support and external entities are off and every external access is forbidden; a DOCTYPE is
     * refused before anything in it is used (see {@link TreeBuilder}), so these settings are a second line.
     */
    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are never loaded");
        });
        return factory;
    }

    /**
     * The shape of an XML report for format detection: its root element's namespace and local name, read with the
     * same hardening as {@link #readTree}. Nothing after the root's start tag is read; a DOCTYPE before it is
     * refused as the reader refuses it.
     */
    static ReportShape rootShape(ReportInput input) throws ReportException {
        try (InputStream stream = input.open()) {
            XMLStreamReader reader = factory().createXMLStreamReader(decoded(input, stream));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw doctypeRefused(input, reader);
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String namespace = reader.getNamespaceURI();
                        return ReportShape.xml(namespace == null ? "" : namespace, reader.getLocalName());
                    }
                }
                throw new ReportException(input.name(), "", "the file is empty, expected an XML document");
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw error(input, e);
        } catch (InvalidEncoding e) {
            throw e.error(input);
        } catch (IOException e) {
            throw ReportException.unreadable(input, e);
        }
    }

    private static ReportException doctypeRefused(ReportInput input, XMLStreamReader reader) {
        return new ReportException(input.name(), position(reader.getLocation()),
                "the file declares a DOCTYPE; reports never need one, and it could define external or "
                        + "expanding entities (XXE), so it is refused");
    }

    /** Builds the tree with an explicit stack, so that nesting costs heap we limit, not the thread's stack. */
    private static final class TreeBuilder {
        private final ReportInput input;
        private final ParseOptions options;
        private final Set<String> dropped;
        private final XMLStreamReader reader;

        TreeBuilder(ReportInput input, ParseOptions options, Set<String> dropped, XMLStreamReader reader) {
            this.input = input;
            this.options = options;
            this.dropped = dropped;
            this.reader = reader;
        }

        Element read() throws XMLStreamException, ReportException {
            List<Open> stack = new ArrayList<>();
            Element root = null;
            int droppedDepth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw doctypeRefused(input, reader);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new ReportException(input.name(),
                            position(reader.getLocation()), "the entity reference &" + reader.getLocalName()
                                    + "; is not one of XML's predefined entities; refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= options.maxNestingDepth()) {
                            throw new ReportException(input.name(), position(reader.getLocation()),
                                    "the document exceeds a safety limit: elements nest deeper than "
                                            + options.maxNestingDepth() + " levels");
                        }
                        if (droppedDepth > 0 || dropped.contains(reader.getLocalName())) {
                            droppedDepth++;
                        }
                        stack.add(new Open(reader, droppedDepth > 0));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty() && droppedDepth == 0) {
                            stack.get(stack.size() - 1).text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Open open = stack.remove(stack.size() - 1);
                        if (droppedDepth > 0) {
                            droppedDepth--;
                        }
                        Element element = open.close();
                        if (stack.isEmpty()) {
                            root = element;
                        } else {
                            stack.get(stack.size() - 1).children.add(element);
                        }
                    }
                    default -> {
                        // comments, processing instructions and the document's start and end carry no data
                    }
                }
            }
            if (root == null) {
                throw new ReportException(input.name(), "", "the file is empty, expected an XML document");
            }
            return root;
        }
    }

    /** An element being read. */
    private static final class Open {
        private final String namespace;
        private final String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final StringBuilder text = new StringBuilder();
        private final List<Element> children = new ArrayList<>();
        private final int line;

        Open(XMLStreamReader reader, boolean drop) {
            this.namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
            this.name = reader.getLocalName();
            this.line = reader.getLocation() == null ? 0 : reader.getLocation().getLineNumber();
            if (!drop) {
                for (int i = 0; i < reader.getAttributeCount(); i++) {
                    attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                }
            }
        }

        Element close() {
            return new Element(namespace, name, attributes, text.toString().strip(), children, line);
        }
    }

    /** Turns a StAX failure into a clear error without the parser's own "ParseError at …" preamble. */
    static ReportException error(ReportInput input, XMLStreamException e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 8; depth++) {
            if (cause instanceof InvalidEncoding invalid) {
                return invalid.error(input);
            }
            cause = cause instanceof XMLStreamException stax && stax.getNestedException() != null
                    ? stax.getNestedException() : cause.getCause();
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        int cut = message.indexOf("Message: ");
        String detail = (cut >= 0 ? message.substring(cut + "Message: ".length()) : message).strip();
        String reason;
        if (detail.contains("must start and end within the same entity") || detail.contains("Premature end of file")
                || detail.contains("end of file")) {
            reason = "unexpected end of input: the file is truncated or incomplete";
        } else if (detail.contains("Content is not allowed in prolog")) {
            reason = "not an XML document: " + detail;
        } else if (detail.contains("external resources are never loaded")) {
            reason = "the document refers to an external resource, which is never loaded; refused";
        } else {
            reason = detail.isEmpty() ? "malformed XML" : "malformed XML: " + detail;
        }
        return new ReportException(input.name(), position(e.getLocation()), reason, e);
    }

    /** {@code line 3, column 17}, or empty when the parser does not know. */
    static String position(Location location) {
        if (location == null || location.getLineNumber() <= 0) {
            return "";
        }
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }
}
