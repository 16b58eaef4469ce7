package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.IOException;
import java.io.InputStream;

/** A stream of a file's bytes read at positions of its own ({@link FileRange}, the pass without results). */
abstract class PositionalInput extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] into, int offset, int length) throws IOException {
        return length == 0 ? 0 : readSome(into, offset, length);
    }

    /** Reads at least one byte and at most {@code length}; -1 at the end. */
    abstract int readSome(byte[] into, int offset, int length) throws IOException;
}
