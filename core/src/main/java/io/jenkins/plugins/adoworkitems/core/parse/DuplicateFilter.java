package io.jenkins.plugins.adoworkitems.core.parse;

/**
 * Remembers which report entries were seen, to count identical entries as one finding. Keeps 64-bit hashes
 * in an open-addressing table (8 bytes an entry), so that a report with a million results stays cheap.
 */
public final class DuplicateFilter {
    private long[] table = new long[1024];
    private int size;
    private boolean seenZero;

    /** Whether {@code canonicalText} (e.g. a JSON node's {@code toString()}) is seen for the first time. */
    public boolean firstTime(CharSequence canonicalText) {
        return firstTime(hash(canonicalText));
    }

    /** Whether this hash is seen for the first time. */
    public boolean firstTime(long hash) {
        if (hash == 0) {
            boolean first = !seenZero;
            seenZero = true;
            return first;
        }
        if (size * 2 >= table.length) {
            grow();
        }
        return insert(table, hash);
    }

    private boolean insert(long[] into, long hash) {
        int mask = into.length - 1;
        int slot = (int) (mix(hash) & mask);
        while (into[slot] != 0) {
            if (into[slot] == hash) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        into[slot] = hash;
        if (into == table) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long value : table) {
            if (value != 0) {
                insert(bigger, value);
            }
        }
        table = bigger;
    }

    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** 64-bit FNV-1a over the UTF-16 code units. */
    public static long hash(CharSequence text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
