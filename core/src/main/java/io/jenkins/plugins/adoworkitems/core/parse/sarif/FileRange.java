package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A range of a file's bytes as a stream: from {@code from}, up to but not including {@code to}. Positional reads leave
 * the channel's own position alone, so that several of these can share one channel across threads.
 */
final class FileRange extends PositionalInput {
    private final FileChannel channel;
    private final long to;
    private long position;

    FileRange(FileChannel channel, long from, long to) {
        this.channel = channel;
        this.position = from;
        this.to = to;
    }

    @Override
    int readSome(byte[] into, int offset, int length) throws IOException {
        if (position >= to) {
            return -1;
        }
        int read = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, to - position)), position);
        if (read > 0) {
            position += read;
        }
        return read;
    }
}
