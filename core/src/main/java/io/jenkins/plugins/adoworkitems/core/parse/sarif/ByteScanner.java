package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Walks a JSON file's bytes, telling strings from structure and nothing more: several times faster than
 * tokens, and used only to find where things are. It validates nothing; callers take any unexpected byte (a
 * key with escapes, a byte out of place, the end of the file) as "not as expected" and let a real parser read
 * that part, so a malformed file is always reported by the parser, with its line and column.
 */
final class ByteScanner {
    /** Longest key {@link #key} reads; metadata keys are short, and a longer one is not one we look for. */
    private static final int MAX_KEY = 64;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private final byte[] bytes = buffer.array();
    /** File offset of {@code bytes[0]}. */
    private long base;
    private int position;
    private int limit;

    ByteScanner(FileChannel channel, long offset) {
        this.channel = channel;
        this.base = offset;
    }

    /** The file offset of the next byte {@link #next} returns. */
    long offset() {
        return base + position;
    }

    /** After an opening quote: the key up to its closing quote; null when it has escapes or is too long. */
    String key() throws IOException {
        StringBuilder name = new StringBuilder();
        int b;
        while ((b = next()) != '"') {
            if (b == '\\' || b < 0 || name.length() > MAX_KEY) {
                return null;
            }
            name.append((char) b);
        }
        return name.toString();
    }

    /** Steps over the value whose first byte was {@code first}; false when the bytes end first. */
    boolean skipValue(int first) throws IOException {
        if (first == '"') {
            return skipString();
        }
        if (first == '{' || first == '[') {
            return skipContainer(Long.MAX_VALUE, null);
        }
        if (first < 0) {
            return false;
        }
        while (true) {
            int b = next();
            if (b < 0) {
                return false;
            }
            if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                position--;
                return true;
            }
        }
    }

    /** Offsets of the commas between an array's elements, at most one per {@code every} bytes. */
    interface Commas {
        void at(long offset);
    }

    /**
     * After an opening bracket: to just past its closing one. When {@code commas} is given, reports a comma
     * between the container's own elements once at least {@code every} bytes have passed since the last one
     * reported (or since the bracket). The hot loop, as most of a log is results: inside a string it only looks
     * for the closing quote, and a backslash makes it step over the next byte, also when that byte is in the next
     * buffer.
     */
    boolean skipContainer(long every, Commas commas) throws IOException {
        int depth = 1;
        boolean inString = false;
        int skip = 0;
        long next = commas == null ? Long.MAX_VALUE : offset() + every;
        while (position < limit || fill()) {
            byte[] data = bytes;
            int end = limit;
            int i = position + skip;
            skip = 0;
            while (i < end) {
                if (inString) {
                    byte b;
                    do {
                        b = data[i++];
                    } while (b != '"' && b != '\\' && i < end);
                    if (b == '"') {
                        inString = false;
                    } else if (b == '\\') {
                        i++;
                    }
                } else {
                    byte b = data[i++];
                    if (b <= ' ') {
                        // most bytes between strings are indentation
                        continue;
                    }
                    if (b == '"') {
                        inString = true;
                    } else if (b == '{' || b == '[') {
                        depth++;
                    } else if ((b == '}' || b == ']') && --depth == 0) {
                        position = i;
                        return true;
                    } else if (b == ',' && depth == 1 && base + i > next) {
                        commas.at(base + i - 1);
                        next = base + i + every;
                    }
                }
            }
            skip = i - end;
            position = end;
        }
        return false;
    }

    /** After an opening quote: to just past the closing one. */
    boolean skipString() throws IOException {
        int b;
        while ((b = next()) != '"') {
            if (b < 0 || b == '\\' && next() < 0) {
                return false;
            }
        }
        return true;
    }

    int nextNonSpace() throws IOException {
        int b;
        do {
            b = next();
        } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
        return b;
    }

    /** The next byte, or -1 at the end of the file. */
    int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return bytes[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        base += limit;
        buffer.clear();
        int read;
        do {
            read = channel.read(buffer, base);
        } while (read == 0);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}
