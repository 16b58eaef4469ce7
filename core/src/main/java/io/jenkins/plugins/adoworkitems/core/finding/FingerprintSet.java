package io.jenkins.plugins.adoworkitems.core.finding;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A set of fingerprint values (32 hex characters, 128 bits) in 16 bytes each: two longs per value, sorted, in one
 * array. A scan's findings below a template's threshold are dropped while reading, but their items must still count
 * as present for resolve-on-fix; this keeps that much of them, and nothing more, for hundreds of thousands of
 * findings. A plain record without custom serialization: deserializing runs the constructor, which sorts and
 * deduplicates, so any array is a valid set.
 *
 * @param values hi, lo, hi, lo… of each value, as {@link #add} collects them; kept sorted and without repeats
 */
public record FingerprintSet(long[] values) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final FingerprintSet EMPTY = new FingerprintSet(new long[0]);

    public FingerprintSet {
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("A fingerprint set holds pairs of longs, got " + values.length);
        }
        values = sortedUnique(values);
    }

    /** Whether {@code fingerprint} (32 hex characters) is in the set; false for anything that is not a fingerprint. */
    public boolean contains(String fingerprint) {
        if (!Fingerprint.isHex32(fingerprint)) {
            return false;
        }
        long hi = HexFormat.fromHexDigitsToLong(fingerprint, 0, 16);
        long lo = HexFormat.fromHexDigitsToLong(fingerprint, 16, 32);
        int low = 0;
        int high = values.length / 2 - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(values[2 * middle], values[2 * middle + 1], hi, lo);
            if (order == 0) {
                return true;
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return false;
    }

    public int size() {
        return values.length / 2;
    }

    /** The union of both sets. */
    public FingerprintSet with(FingerprintSet other) {
        long[] both = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, both, values.length, other.values.length);
        return new FingerprintSet(both);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FingerprintSet set && Arrays.equals(values, set.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FingerprintSet[" + size() + " fingerprint(s)]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects fingerprints as a parser emits findings; repeats cost 16 bytes each until {@link #build()}. */
    public static final class Builder {
        private long[] values = new long[64];
        private int length;

        private Builder() {
        }

        public Builder add(String fingerprint) {
            if (!Fingerprint.isHex32(fingerprint)) {
                throw new IllegalArgumentException("A fingerprint is 32 lower-case hex characters, got: " + fingerprint);
            }
            if (length + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[length++] = HexFormat.fromHexDigitsToLong(fingerprint, 0, 16);
            values[length++] = HexFormat.fromHexDigitsToLong(fingerprint, 16, 32);
            return this;
        }

        public FingerprintSet build() {
            return new FingerprintSet(Arrays.copyOf(values, length));
        }
    }

    private static long[] sortedUnique(long[] pairs) {
        if (isSortedUnique(pairs)) {
            return pairs.clone();
        }
        // Sorted in place (a heap sort over the pairs): no boxing, nothing but the copy, however many there are.
        long[] sorted = pairs.clone();
        int count = sorted.length / 2;
        for (int i = count / 2 - 1; i >= 0; i--) {
            siftDown(sorted, i, count);
        }
        for (int end = count - 1; end > 0; end--) {
            swap(sorted, 0, end);
            siftDown(sorted, 0, end);
        }
        int length = 0;
        for (int i = 0; i < sorted.length; i += 2) {
            if (length == 0 || sorted[length - 2] != sorted[i] || sorted[length - 1] != sorted[i + 1]) {
                sorted[length++] = sorted[i];
                sorted[length++] = sorted[i + 1];
            }
        }
        return Arrays.copyOf(sorted, length);
    }

    private static void siftDown(long[] pairs, int from, int count) {
        int parent = from;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= count) {
                return;
            }
            if (child + 1 < count && comparePairs(pairs, child + 1, child) > 0) {
                child++;
            }
            if (comparePairs(pairs, parent, child) >= 0) {
                return;
            }
            swap(pairs, parent, child);
            parent = child;
        }
    }

    private static int comparePairs(long[] pairs, int a, int b) {
        return compare(pairs[2 * a], pairs[2 * a + 1], pairs[2 * b], pairs[2 * b + 1]);
    }

    private static void swap(long[] pairs, int a, int b) {
        long hi = pairs[2 * a];
        long lo = pairs[2 * a + 1];
        pairs[2 * a] = pairs[2 * b];
        pairs[2 * a + 1] = pairs[2 * b + 1];
        pairs[2 * b] = hi;
        pairs[2 * b + 1] = lo;
    }

    private static boolean isSortedUnique(long[] pairs) {
        for (int i = 2; i < pairs.length; i += 2) {
            if (compare(pairs[i - 2], pairs[i - 1], pairs[i], pairs[i + 1]) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Unsigned order, the order of the hex text. */
    private static int compare(long hiA, long loA, long hiB, long loB) {
        int order = Long.compareUnsigned(hiA, hiB);
        return order != 0 ? order : Long.compareUnsigned(loA, loB);
    }
}
