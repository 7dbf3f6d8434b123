package dev.ashmem.pbt;

/**
 * The order of a range [min, max] spanning 0 as one index: 0, 1, -1, 2, -2, ... while both sides last,
 * then the rest of the longer side outwards (Hypothesis orders integer choices the same way, by distance
 * from the shrink target with the positive one first: {@code zigzag_index} in
 * hypothesis/internal/conjecture/choice.py). Indexes are unsigned: [Long.MIN_VALUE, Long.MAX_VALUE] has
 * 2^64 of them.
 */
final class Zigzag {

    private Zigzag() {}

    /** The largest index of the range, unsigned. */
    static long width(long min, long max) {
        check(min, max);
        return max - min;
    }

    /** The index of {@code v}, unsigned. */
    static long index(long min, long max, long v) {
        long both = both(min, max);
        if (v > 0 && v <= both) return 2 * v - 1;
        if (v <= 0 && -v <= both && v != Long.MIN_VALUE) return -2 * v;
        // Beyond the shorter side: one index per value, continuing from 2 * both.
        return v > 0 ? both + v : both - v;
    }

    /** The value at unsigned {@code index}, clamped to the range's last value. */
    static long value(long min, long max, long index) {
        long width = width(min, max);
        long k = Long.compareUnsigned(index, width) > 0 ? width : index;
        long both = both(min, max);
        if (Long.compareUnsigned(k, 2 * both) <= 0) return (k & 1) == 1 ? (k >>> 1) + 1 : -(k >>> 1);
        return max > -(min + 1) ? k - both : both - k;
    }

    // How far both sides reach: min(max, -min); -min of Long.MIN_VALUE does not fit, but max always does.
    private static long both(long min, long max) {
        return min == Long.MIN_VALUE ? max : Math.min(max, -min);
    }

    private static void check(long min, long max) {
        if (min >= 0 || max <= 0) throw new IllegalArgumentException("[" + min + ", " + max + "] does not span 0");
    }
}
