package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each run's {@code results} array lies in a SARIF file, cut into pieces of whole results that can be
 * parsed on their own ({@link ParallelResults}), and the run's metadata fields after the array. Found by one
 * walk over the bytes ({@link ByteScanner}) before the parse.
 *
 * @param runs by run index, for the runs that have a results array
 */
record ResultsLayout(Map<Integer, RunResults> runs) {
    ResultsLayout {
        runs = Map.copyOf(runs);
    }

    /**
     * One run's results array.
     *
     * @param cuts the offsets of the array's {@code [}, of the commas where it is cut, and of its {@code ]}: piece
     *             {@code i} is the bytes strictly between cuts {@code i} and {@code i + 1}
     * @param after the run's metadata fields after the array, as {@link RunTail} reads them
     */
    record RunResults(List<Long> cuts, List<RunTail.Field> after) {
        RunResults {
            cuts = List.copyOf(cuts);
            after = List.copyOf(after);
        }

        long start() {
            return cuts.get(0);
        }

        long end() {
            return cuts.get(cuts.size() - 1);
        }

        int pieces() {
            return cuts.size() - 1;
        }
    }

    /**
     * Walks the file from its start; null when its bytes are not as this expects (another encoding than UTF-8,
     * something that is not a SARIF log's shape, a key with escapes, no results at all...): the parser then reads
     * the file in one pass, as it reads any file, and reports what is wrong.
     *
     * @param pieceBytes about how many bytes of results each piece holds; a piece is a whole number of results
     */
    static ResultsLayout scan(FileChannel channel, long pieceBytes) throws IOException {
        try {
            Map<Integer, RunResults> runs = log(new ByteScanner(channel, 0), pieceBytes);
            return runs.isEmpty() ? null : new ResultsLayout(runs);
        } catch (NotAsExpected e) {
            return null;
        }
    }

    private static Map<Integer, RunResults> log(ByteScanner scanner, long pieceBytes)
            throws IOException, NotAsExpected {
        int first = scanner.nextNonSpace();
        if (first == 0xEF) {
            // Jackson reads UTF-8 with a byte order mark; other encodings start otherwise and are not walked.
            expect(scanner.next() == 0xBB && scanner.next() == 0xBF);
            first = scanner.nextNonSpace();
        }
        expect(first == '{');
        Map<Integer, RunResults> runs = null;
        for (String key = nextKey(scanner, true); !key.isEmpty(); key = nextKey(scanner, false)) {
            int value = scanner.nextNonSpace();
            if ("runs".equals(key) && value == '[') {
                expect(runs == null);
                runs = runs(scanner, pieceBytes);
            } else {
                expect(scanner.skipValue(value));
            }
        }
        return runs == null ? Map.of() : runs;
    }

    /** After the runs' {@code [}: to just past its {@code ]}. */
    private static Map<Integer, RunResults> runs(ByteScanner scanner, long pieceBytes)
            throws IOException, NotAsExpected {
        Map<Integer, RunResults> runs = new HashMap<>();
        int b = scanner.nextNonSpace();
        for (int index = 0; b != ']'; index++) {
            if (index > 0) {
                expect(b == ',');
                b = scanner.nextNonSpace();
            }
            expect(b == '{');
            RunResults run = run(scanner, pieceBytes);
            if (run != null) {
                runs.put(index, run);
            }
            b = scanner.nextNonSpace();
        }
        return runs;
    }

    /** After a run's <code>{</code>: to just past its <code>}</code>; its results, or null when it has none. */
    private static RunResults run(ByteScanner scanner, long pieceBytes) throws IOException, NotAsExpected {
        for (String key = nextKey(scanner, true); !key.isEmpty(); key = nextKey(scanner, false)) {
            int value = scanner.nextNonSpace();
            if ("results".equals(key) && value == '[') {
                List<Long> cuts = new ArrayList<>();
                cuts.add(scanner.offset() - 1);
                expect(scanner.skipContainer(pieceBytes, cuts::add));
                cuts.add(scanner.offset() - 1);
                List<RunTail.Field> after = RunTail.fieldsUntilEnd(scanner);
                expect(after != null);
                return new RunResults(cuts, after);
            }
            expect(scanner.skipValue(value));
        }
        return null;
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

    /** The bytes are not as expected; the parser will read them. Control flow only, so without a stack trace. */
    private static final class NotAsExpected extends Exception {
        private static final long serialVersionUID = 1L;

        NotAsExpected() {
            super(null, null, false, false);
        }
    }
}
