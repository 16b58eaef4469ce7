package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each run's {@code results} array lies in a SARIF file, cut into pieces of whole results that can be parsed
 * on their own ({@link ParallelResults}), and the run's metadata fields after the array. One walk over the bytes
 * ({@link ByteScanner}) finds them on its own thread, {@link #walk}, and says each as it finds it, so that pieces are
 * parsed while it walks on; the readers wait here for what it has not found yet. It walks much faster than they
 * parse, and never waits for them.
 */
final class ResultsLayout {
    /** {@link #cut}: the run's array ended before that cut. */
    static final long NONE = -1;
    /** {@link #cut}: not found yet. */
    static final long NOT_YET = -2;

    /** One run's results array as far as the walk has got. */
    private static final class Run {
        /** The offsets of the array's {@code [}, of the commas where it is cut, and, once ended, of its {@code ]}. */
        final List<Long> cuts = new ArrayList<>();
        boolean ended;
        List<RunTail.Field> after = List.of();
    }

    /** The file's bytes are not laid out as the walk expects; the parser reads them in one pass. */
    static final class NotLaidOut extends IOException {
        private static final long serialVersionUID = 1L;

        NotLaidOut() {
            super("the log is not laid out as expected for reading on threads");
        }
    }

    private final Map<Integer, Run> runs = new HashMap<>();
    private final TreeMap<Long, Run> byStart = new TreeMap<>();
    private boolean finished;
    private boolean failed;

    /**
     * Walks the file from its start, saying what it finds as it goes; when the bytes are not as this expects (another
     * encoding than UTF-8, something that is not a SARIF log's shape, a key with escapes...) it stops and says so.
     *
     * @param pieceBytes about how many bytes of results each piece holds; a piece is a whole number of results
     */
    void walk(FileChannel channel, long pieceBytes) {
        boolean laidOut = false;
        try {
            log(new ByteScanner(channel, 0), pieceBytes);
            laidOut = true;
        } catch (NotAsExpected | IOException | RuntimeException e) {
            // failed below; whoever waits learns it and reads the log in one pass
        } finally {
            finish(!laidOut);
        }
    }

    /** Whether the walk stopped on bytes it did not expect. */
    synchronized boolean failed() {
        return failed;
    }

    /** Whether the walk found run {@code runIndex}'s results array; asked once the pass reached it. */
    synchronized boolean covers(int runIndex) {
        return runs.containsKey(runIndex);
    }

    /**
     * The offset of the {@code [} of the first results array at or after {@code offset}; -1 when none is, or when the
     * walk stopped before finding one: the pass then reads what follows itself.
     */
    synchronized long nextResults(long offset) throws IOException {
        while (true) {
            Long start = byStart.ceilingKey(offset);
            if (start != null) {
                return start;
            }
            if (finished) {
                return -1;
            }
            await();
        }
    }

    /** The offset of the {@code ]} of the results array whose {@code [} is at {@code start}. */
    synchronized long endOfResults(long start) throws IOException {
        Run run = byStart.get(start);
        while (!run.ended) {
            awaitUnfinished();
        }
        return run.cuts.get(run.cuts.size() - 1);
    }

    /**
     * Cut {@code index} of run {@code runIndex}'s results (0 is its {@code [}, the last its {@code ]}): its offset,
     * {@link #NONE} when the array has fewer, or, when {@code wait} is false, {@link #NOT_YET} when not found yet.
     */
    synchronized long cut(int runIndex, int index, boolean wait) throws IOException {
        Run run = runs.get(runIndex);
        while (true) {
            if (index < run.cuts.size()) {
                return run.cuts.get(index);
            }
            if (run.ended) {
                return NONE;
            }
            if (!wait) {
                return NOT_YET;
            }
            awaitUnfinished();
        }
    }

    /** Run {@code runIndex}'s metadata fields after its results array. */
    synchronized List<RunTail.Field> after(int runIndex) throws IOException {
        Run run = runs.get(runIndex);
        while (!run.ended) {
            awaitUnfinished();
        }
        return run.after;
    }

    /** Waits for the walk to say more; what it has not said once it stopped, it never will. */
    private void awaitUnfinished() throws IOException {
        if (finished) {
            throw new NotLaidOut();
        }
        await();
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the layout of the results");
        }
    }

    private synchronized void started(int runIndex, long start) {
        Run run = new Run();
        run.cuts.add(start);
        runs.put(runIndex, run);
        byStart.put(start, run);
        notifyAll();
    }

    private synchronized void cutAt(int runIndex, long offset) {
        runs.get(runIndex).cuts.add(offset);
        notifyAll();
    }

    private synchronized void ended(int runIndex, long end, List<RunTail.Field> after) {
        Run run = runs.get(runIndex);
        run.cuts.add(end);
        run.after = List.copyOf(after);
        run.ended = true;
        notifyAll();
    }

    private synchronized void finish(boolean notLaidOut) {
        finished = true;
        failed = notLaidOut;
        notifyAll();
    }

    private void log(ByteScanner scanner, long pieceBytes) throws IOException, NotAsExpected {
        int first = scanner.nextNonSpace();
        if (first == 0xEF) {
            // Jackson reads UTF-8 with a byte order mark; other encodings start otherwise and are not walked.
            expect(scanner.next() == 0xBB && scanner.next() == 0xBF);
            first = scanner.nextNonSpace();
        }
        expect(first == '{');
        boolean seenRuns = false;
        for (String key = nextKey(scanner, true); !key.isEmpty(); key = nextKey(scanner, false)) {
            int value = scanner.nextNonSpace();
            if ("runs".equals(key) && value == '[') {
                expect(!seenRuns);
                seenRuns = true;
                runs(scanner, pieceBytes);
            } else {
                expect(scanner.skipValue(value));
            }
        }
    }

    /** After the runs' {@code [}: to just past its {@code ]}. */
    private void runs(ByteScanner scanner, long pieceBytes) throws IOException, NotAsExpected {
        int b = scanner.nextNonSpace();
        for (int index = 0; b != ']'; index++) {
            if (index > 0) {
                expect(b == ',');
                b = scanner.nextNonSpace();
            }
            expect(b == '{');
            run(scanner, index, pieceBytes);
            b = scanner.nextNonSpace();
        }
    }

    /** After a run's <code>{</code>: to just past its <code>}</code>. */
    private void run(ByteScanner scanner, int index, long pieceBytes) throws IOException, NotAsExpected {
        for (String key = nextKey(scanner, true); !key.isEmpty(); key = nextKey(scanner, false)) {
            int value = scanner.nextNonSpace();
            if ("results".equals(key) && value == '[') {
                started(index, scanner.offset() - 1);
                expect(scanner.skipContainer(pieceBytes, offset -> cutAt(index, offset)));
                long end = scanner.offset() - 1;
                List<RunTail.Field> after = RunTail.fieldsUntilEnd(scanner);
                expect(after != null);
                ended(index, end, after);
                return;
            }
            expect(scanner.skipValue(value));
        }
    }

    /**
     * The next key of an object, the scanner being just after its <code>{</code> ({@code first}) or after a value:
     * the key, the scanner past its colon; "" at the object's end, the scanner past it.
     */
    private static String nextKey(ByteScanner scanner, boolean first) throws IOException, NotAsExpected {
        int b = scanner.nextNonSpace();
        if (b == '}') {
            return "";
        }
        if (!first) {
            expect(b == ',');
            b = scanner.nextNonSpace();
        }
        expect(b == '"');
        String key = scanner.key();
        expect(key != null && !key.isEmpty() && scanner.nextNonSpace() == ':');
        return key;
    }

    private static void expect(boolean asExpected) throws NotAsExpected {
        if (!asExpected) {
            throw new NotAsExpected();
        }
    }

    /** The bytes are not as expected. Control flow only, so without a stack trace. */
    private static final class NotAsExpected extends Exception {
        private static final long serialVersionUID = 1L;

        NotAsExpected() {
            super(null, null, false, false);
        }
    }
}
