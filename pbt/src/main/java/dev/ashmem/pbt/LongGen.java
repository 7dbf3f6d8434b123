package dev.ashmem.pbt;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Longs in [min, max]. The simplest value is the one closest to 0 (the lower bound when the range is
 * positive); a range spanning 0 draws one zigzag index ({@link Zigzag}: 0, 1, -1, 2, -2, ...). While generating,
 * one value in four is an edge case (bounds, 0, ±1, powers of two and their neighbours, u32/u64
 * boundaries, small page-size multiples and their neighbours) and one in eight a random multiple of the
 * page size, sometimes ±1 (the run's page size unless {@link #pageSizes} says otherwise). Edge cases are recorded as ordinary choices, so they replay and shrink like any value.
 */
public final class LongGen implements Gen<Long> {

    private final long min;
    private final long max;
    private final boolean edgeCases;
    private final long[] pageSizes; // empty: use the run's page size

    private final long[] baseEdges;
    private final long[] coreEdges;
    private volatile EdgeCache cache;

    private record EdgeCache(long pageSize, long[] edges) {}

    LongGen(long min, long max, boolean edgeCases, long[] pageSizes) {
        if (min > max) throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        this.min = min;
        this.max = max;
        this.edgeCases = edgeCases;
        this.pageSizes = pageSizes;
        this.baseEdges = inRange(baseCandidates());
        this.coreEdges = inRange(new long[] {min, max, 0, 1, -1, min + 1, max - 1});
        if (pageSizes.length > 0) this.cache = new EdgeCache(-1, pageEdges(pageSizes));
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The same range without edge-case bias (uniform-ish, small magnitudes favoured). */
    public LongGen noEdgeCases() {
        return new LongGen(min, max, false, pageSizes);
    }

    /** Uses these page sizes for page-multiple edge cases instead of the run's configured one. */
    public LongGen pageSizes(long... sizes) {
        for (long s : sizes) if (s <= 0) throw new IllegalArgumentException("page size must be positive: " + s);
        return new LongGen(min, max, edgeCases, sizes.clone());
    }

    /** Draws without boxing. */
    public long drawLong(Choices c) {
        if (edgeCases && c.generating()) {
            int r = c.random().nextInt(8);
            if (r < 2) return force(c, pickEdge(c));
            if (r == 2) {
                long aligned = randomPageMultiple(c);
                if (aligned != Long.MIN_VALUE) return force(c, aligned);
            }
        }
        if (min >= 0) return min + c.draw(max - min);
        if (max <= 0 && max - min >= 0) return max - c.draw(max - min);
        if (max <= 0) {
            // [MIN_VALUE, 0]: 2^63 + 1 values, one more than a choice holds; its index takes two choices.
            SplittableRandom random = c.random();
            if (random != null) return force(c, -c.randomChoice(Long.MAX_VALUE));
            return max - drawIndex(c, max - min, false, 0);
        }
        SplittableRandom random = c.random();
        if (random != null) {
            // Favour the larger side, but give each at least 10%; small magnitudes as for any choice.
            double pNeg = Math.clamp(-(double) min / ((double) max - (double) min), 0.1, 0.5);
            long v = random.nextDouble() < pNeg ? -1 - c.randomChoice(-(min + 1)) : c.randomChoice(max);
            return force(c, v);
        }
        return Zigzag.value(min, max, drawIndex(c, Zigzag.width(min, max), false, 0));
    }

    /*
     * A range spanning 0 is one zigzag index (0, 1, -1, 2, -2, ...), so a smaller choice is always the
     * value closer to 0 and the positive one of a pair: the shrinker normalises -1 to 1 and sign-only
     * differences away without a pass of its own. A range of more than 2^63 values needs two choices
     * (the index's top bit, then its low 63 bits), whose shortlex order is the index's unsigned order.
     */
    private static long drawIndex(Choices c, long width, boolean forcing, long index) {
        if (width >= 0) return forcing ? c.forcedZigzag(width, index) : c.drawZigzag(width);
        long top = forcing ? c.forced(1, index >>> 63) : c.draw(1);
        long lowBound = top == 1 ? width & Long.MAX_VALUE : Long.MAX_VALUE;
        long low = forcing ? c.forced(lowBound, index & Long.MAX_VALUE) : c.draw(lowBound);
        return top << 63 | low;
    }

    @Override
    public Long draw(Choices c) {
        return drawLong(c);
    }

    @Override
    public String describe() {
        return "longs(" + min + ", " + max + ")";
    }

    // Records v exactly as drawLong would have drawn it, so replay gives v back.
    private long force(Choices c, long v) {
        if (min >= 0) return min + c.forced(max - min, v - min);
        if (max <= 0 && max - min >= 0) return max - c.forced(max - min, max - v);
        if (max <= 0) return max - drawIndex(c, max - min, true, max - v);
        return Zigzag.value(min, max, drawIndex(c, Zigzag.width(min, max), true, Zigzag.index(min, max, v)));
    }

    // Any multiple of a page size within the range (sometimes ±1), or MIN_VALUE when none fits.
    private long randomPageMultiple(Choices c) {
        SplittableRandom random = c.random();
        long p = pageSizes.length > 0 ? pageSizes[random.nextInt(pageSizes.length)] : c.pageSize();
        long first = Math.ceilDiv(min, p);
        long last = Math.floorDiv(max, p);
        if (first > last || last - first < 1 || last - first == Long.MAX_VALUE) return Long.MIN_VALUE;
        long v = (first + random.nextLong(last - first + 1)) * p;
        int nudge = random.nextInt(8);
        if (nudge == 0 && v > min) return v - 1;
        if (nudge == 1 && v < max) return v + 1;
        return v;
    }

    // A third each: the core values (bounds, 0, ±1), page-related values, all other edge cases.
    private long pickEdge(Choices c) {
        SplittableRandom random = c.random();
        int kind = random.nextInt(3);
        if (kind == 0) return coreEdges[random.nextInt(coreEdges.length)];
        long[] pages = kind == 1 ? pageEdgesFor(c.pageSize()) : baseEdges;
        if (pages.length == 0) pages = baseEdges;
        return pages[random.nextInt(pages.length)];
    }

    private long[] pageEdgesFor(long pageSize) {
        EdgeCache current = cache;
        if (current != null && (current.pageSize == -1 || current.pageSize == pageSize)) return current.edges;
        long[] edges = pageEdges(new long[] {pageSize});
        cache = new EdgeCache(pageSize, edges);
        return edges;
    }

    private long[] pageEdges(long[] sizes) {
        long[] candidates = new long[sizes.length * 40];
        int n = 0;
        for (long p : sizes) {
            for (long m : new long[] {1, 2, 3, 4, 5, 8, 16, 256, -1}) {
                long v = m * p;
                candidates[n++] = v;
                candidates[n++] = v - 1;
                candidates[n++] = v + 1;
            }
            // Page-aligned values at the ends of the range and their neighbours.
            long up = Math.ceilDiv(min, p) * p;
            long down = Math.floorDiv(max, p) * p;
            candidates[n++] = up;
            candidates[n++] = up + 1;
            candidates[n++] = up - 1;
            candidates[n++] = down;
            candidates[n++] = down - 1;
            candidates[n++] = down + 1;
            candidates[n++] = down - p;
        }
        return inRange(Arrays.copyOf(candidates, n));
    }

    private long[] baseCandidates() {
        long[] c = new long[64 * 6 + 16];
        int n = 0;
        for (int k = 0; k < 64; k++) {
            long p = 1L << k; // wraps to Long.MIN_VALUE at k = 63, itself an edge case
            c[n++] = p;
            c[n++] = p - 1;
            c[n++] = p + 1;
            c[n++] = -p;
            c[n++] = -p - 1;
            c[n++] = -p + 1;
        }
        long[] fixed = {0, 1, -1, 2, -2, min, max, min + 1, max - 1,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL, 1L << 32, (1L << 32) + 1,
            Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : fixed) c[n++] = v;
        return Arrays.copyOf(c, n);
    }

    private long[] inRange(long[] values) {
        long[] out = new long[values.length];
        int n = 0;
        for (long v : values) if (v >= min && v <= max) out[n++] = v;
        return distinct(Arrays.copyOf(out, n));
    }

    private static long[] distinct(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) sorted[n++] = sorted[i];
        }
        return Arrays.copyOf(sorted, n);
    }
}
