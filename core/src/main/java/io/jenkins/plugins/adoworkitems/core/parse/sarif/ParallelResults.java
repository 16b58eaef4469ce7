package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.JsonReports;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads a run's results on several threads: each piece of the results array ({@link ResultsLayout}) is parsed on
 * its own as soon as the layout walk has found it, and the pieces' outcomes are handed on in file order, so that the
 * findings, counts and warnings are those of a read in one pass. A few pieces are read ahead at most, so memory stays
 * bounded however large the file.
 *
 * <p>It never reports a malformed file itself: any failure in a piece ends this way of reading with
 * {@link NotRead}, and the caller reads the file in one pass instead, which reports the error where it is.
 */
final class ParallelResults {
    /** Outcomes of one result, in file order: how the counting rules screen it, and its finding when it is one. */
    record Outcome(RunReader.Screen screen, long identity, Finding finding) {
    }

    /** Takes each outcome in file order. */
    interface Outcomes {
        void accept(Outcome outcome);
    }

    /** A piece could not be read; the caller reads the file in one pass instead. */
    static final class NotRead extends Exception {
        private static final long serialVersionUID = 1L;

        NotRead(Throwable cause) {
            super(cause);
        }
    }

    /** In a piece the results array is the outermost value; in the log it is inside the log, runs and a run. */
    static final int DEPTH_OF_RESULTS = 3;

    private final FileChannel channel;
    private final ResultsLayout layout;
    private final ExecutorService pool;
    private final int ahead;
    private final JsonFactory pieces;
    private final boolean includeSuppressed;

    /** @param ahead how many pieces are read before their turn at most (the bound on memory) */
    ParallelResults(FileChannel channel, ResultsLayout layout, ParseOptions options, ExecutorService pool, int ahead) {
        this.channel = channel;
        this.layout = layout;
        this.pool = pool;
        this.ahead = ahead;
        this.pieces = JsonReports.factory(new ParseOptions(options.includeSuppressed(),
                options.maxNestingDepth() - DEPTH_OF_RESULTS, options.maxStringLength(), options.maxTreeBytes()));
        this.includeSuppressed = options.includeSuppressed();
    }

    /** Whether the layout has run {@code runIndex}'s results; the main pass then skips their bytes. */
    boolean covers(int runIndex) {
        return layout.covers(runIndex);
    }

    /**
     * Reads run {@code runIndex}'s results with its metadata, handing their outcomes on in order: pieces are given to
     * the threads as the layout finds them, a few ahead at most, and waited for in turn.
     */
    void read(int runIndex, RunMetadata run, Outcomes outcomes) throws NotRead {
        Deque<Future<List<Outcome>>> pending = new ArrayDeque<>();
        try {
            long from = layout.cut(runIndex, 0, true);
            int next = 1;
            boolean more = true;
            while (more || !pending.isEmpty()) {
                while (more && pending.size() < ahead) {
                    long to = layout.cut(runIndex, next, pending.isEmpty());
                    if (to == ResultsLayout.NOT_YET) {
                        break;
                    }
                    if (to == ResultsLayout.NONE) {
                        more = false;
                        break;
                    }
                    long start = from + 1;
                    pending.add(pool.submit(() -> piece(start, to, run)));
                    from = to;
                    next++;
                }
                if (!pending.isEmpty()) {
                    pending.remove().get().forEach(outcomes::accept);
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new NotRead(e.getCause());
        } catch (IOException e) {
            throw new NotRead(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotRead(e);
        } finally {
            pending.forEach(later -> later.cancel(false));
        }
    }

    /** The outcomes of the results between two cuts, parsed as an array of their own. */
    private List<Outcome> piece(long from, long to, RunMetadata run) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        // Warnings are the pass's, for the findings it keeps (RunReader#parallelResults); this piece's are dropped.
        ParseSummary.Counter ignored = new ParseSummary.Counter();
        try (JsonParser parser = pieces.createParser(array(from, to))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("a piece of results is not an array");
            }
            ResultReader results = new ResultReader(parser, run);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new IOException("a result is not an object");
                }
                SarifResult result = results.read();
                RunReader.Screen screen = RunReader.screen(result, includeSuppressed);
                outcomes.add(new Outcome(screen, results.identity(),
                        screen == RunReader.Screen.FINDING ? ResultConverter.convert(result, run, ignored) : null));
            }
            if (parser.nextToken() != null) {
                throw new IOException("more than whole results in a piece");
            }
        }
        return outcomes;
    }

    private InputStream array(long from, long to) {
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(new byte[] {'['}),
                new FileRange(channel, from, to),
                new ByteArrayInputStream(new byte[] {']'}))));
    }

    /** The log without its results arrays' contents: what the main pass reads, each results array now empty. */
    InputStream withoutResults(long size) {
        return new WithoutResults(size);
    }

    /** The run's metadata fields after its results, as the layout found them. */
    List<RunTail.Field> after(int runIndex) throws IOException {
        return layout.after(runIndex);
    }

    /**
     * The log's bytes up to and including each results array's {@code [}, then from its {@code ]} on. It asks for the
     * {@code ]} only once the pass reads past the {@code [}, which is after the array's pieces were handed on.
     */
    private final class WithoutResults extends PositionalInput {
        private final long size;
        private long position;
        /** The offset of the {@code [} last read, while the bytes after it are still to be skipped; else -1. */
        private long skipAfter = -1;

        WithoutResults(long size) {
            this.size = size;
        }

        @Override
        int readSome(byte[] into, int offset, int length) throws IOException {
            if (skipAfter >= 0) {
                position = layout.endOfResults(skipAfter);
                skipAfter = -1;
            }
            long next = layout.nextResults(position);
            long limit = next < 0 ? size : next + 1;
            if (position >= limit) {
                return -1;
            }
            int read = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, limit - position)), position);
            if (read <= 0) {
                return -1;
            }
            position += read;
            if (position == limit && next >= 0) {
                skipAfter = next;
            }
            return read;
        }
    }
}
