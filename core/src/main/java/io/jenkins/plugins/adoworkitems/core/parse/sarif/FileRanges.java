package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Some byte ranges of a file, read one after another as one stream. Reads stop at the end of a range, so a parser
 * asks for the next range's bytes only when it needs them. Positional reads leave the channel's own position
 * alone, so that several of these can share one channel across threads.
 */
final class FileRanges extends PositionalInput {
    /** A range of bytes: from {@code from}, up to but not including {@code to}. */
    record Range(long from, long to) {
    }

    private final FileChannel channel;
    private final List<Range> ranges;
    private int range;
    private long position;

    FileRanges(FileChannel channel, List<Range> ranges) {
        this.channel = channel;
        this.ranges = List.copyOf(ranges);
        this.position = ranges.isEmpty() ? 0 : ranges.get(0).from();
    }

    @Override
    int readSome(byte[] into, int offset, int length) throws IOException {
        while (range < ranges.size() && position >= ranges.get(range).to()) {
            range++;
            if (range < ranges.size()) {
                position = ranges.get(range).from();
            }
        }
        if (range == ranges.size()) {
            return -1;
        }
        int wanted = (int) Math.min(length, ranges.get(range).to() - position);
        int read = channel.read(ByteBuffer.wrap(into, offset, wanted), position);
        if (read > 0) {
            position += read;
        }
        return read;
    }
}
