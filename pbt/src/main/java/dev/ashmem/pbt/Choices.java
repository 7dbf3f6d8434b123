package dev.ashmem.pbt;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The single source of randomness of one test case. Every draw records a long in [0, bound], so the
 * test case can be replayed from the recorded sequence alone.
 *
 * <p>Two modes: <em>generating</em> (values come from a seeded PRNG, with a bias towards small values
 * and edge cases) and <em>replaying</em> (values come from a given prefix; reads past its end return 0,
 * the simplest value, and values above the bound are clamped, so any mutated sequence is still a valid
 * test case). Generators must map smaller choices to simpler values; the shrinker relies on it.
 */
public final class Choices {

    private static final int SMALL_BOUND = 255;

    private final SplittableRandom random;
    private final long[] prefix;
    private final int maxChoices;
    private final long pageSize;

    private long[] recorded = new long[64];
    // The bound of each recorded choice, or -1 - bound for a zigzag-coded integer (LongGen): choices of
    // the same kind are what the shrinker lowers together, and a zigzag one moves by even steps.
    private long[] bounds = new long[64];
    private int size;

    // Spans mark structure (a list element, a step of a chain) so the shrinker can delete it whole.
    private int[] spans = new int[32];
    private int spanCount;
    private int[] openSpans = new int[16];
    private int openCount;

    private Choices(SplittableRandom random, long[] prefix, int maxChoices, long pageSize) {
        this.random = random;
        this.prefix = prefix;
        this.maxChoices = maxChoices;
        this.pageSize = pageSize;
    }

    /** A source that draws fresh values from {@code random}. */
    public static Choices generating(SplittableRandom random, int maxChoices, long pageSize) {
        return new Choices(random, null, maxChoices, pageSize);
    }

    /** A source that replays {@code prefix}, then answers 0. */
    public static Choices replaying(ChoiceSequence prefix, int maxChoices, long pageSize) {
        return new Choices(null, prefix.raw(), maxChoices, pageSize);
    }

    static Choices replaying(long[] prefix, int maxChoices, long pageSize) {
        return new Choices(null, prefix, maxChoices, pageSize);
    }

    /** True when values come from the PRNG; generators may then pick edge cases via {@link #forced}. */
    public boolean generating() {
        return random != null;
    }

    /** The PRNG; only to choose a value to pass to {@link #forced}. Null when replaying. */
    public SplittableRandom random() {
        return random;
    }

    /** The page size configured for this run (used by integer generators for edge cases). */
    public long pageSize() {
        return pageSize;
    }

    /**
     * Draws a choice in [0, bound]. A bound of 0 still records its 0: keeping one position per draw keeps
     * later choices aligned when the shrinker deletes earlier ones (e.g. "h1" becoming "h0").
     */
    public long draw(long bound) {
        return draw(bound, false);
    }

    /** {@link #draw}, marking the choice as a zigzag index (0, 1, -1, 2, -2, ...) for the shrinker. */
    long drawZigzag(long bound) {
        return draw(bound, true);
    }

    private long draw(long bound, boolean zigzag) {
        if (bound < 0) throw new IllegalArgumentException("negative bound " + bound);
        long v;
        if (random != null) {
            v = randomChoice(bound);
        } else {
            v = size < prefix.length ? prefix[size] : 0;
            if (v > bound) v = bound;
        }
        record(v, zigzag ? -1 - bound : bound);
        return v;
    }

    /**
     * When generating, records {@code value} (which must lie in [0, bound]) as if it had been drawn;
     * when replaying, reads the next choice like {@link #draw}. This is how generators inject edge cases
     * without making the replay format depend on how values were picked.
     */
    public long forced(long bound, long value) {
        return forced(bound, value, false);
    }

    /** {@link #forced} for a zigzag index; see {@link #drawZigzag}. */
    long forcedZigzag(long bound, long value) {
        return forced(bound, value, true);
    }

    private long forced(long bound, long value, boolean zigzag) {
        if (random == null) return draw(bound, zigzag);
        if (value < 0 || value > bound) {
            throw new IllegalArgumentException("forced value " + value + " outside [0, " + bound + "]");
        }
        record(value, zigzag ? -1 - bound : bound);
        return value;
    }

    /** An index in [0, n); index 0 is the simplest. */
    public int drawIndex(int n) {
        if (n <= 0) throw new IllegalArgumentException("no options to choose from");
        return (int) draw(n - 1L);
    }

    /** false is simpler than true. */
    public boolean drawBoolean() {
        return draw(1) == 1;
    }

    /** A boolean that is true with probability {@code p} while generating; false is simpler. */
    public boolean weighted(double p) {
        if (random == null) return draw(1) == 1;
        return forced(1, random.nextDouble() < p ? 1 : 0) == 1;
    }

    /**
     * A boolean that is true with probability {@code p} while generating, where true is the simpler value
     * (recorded as 0): for "mostly the plain value, sometimes an odd one" draws, so that shrinking leads to
     * the plain value. Generating, it consumes the PRNG exactly as {@link #weighted} does.
     */
    public boolean likely(double p) {
        if (random == null) return draw(1) == 0;
        return forced(1, random.nextDouble() < p ? 0 : 1) == 0;
    }

    /**
     * One choice that is mostly a plain value in [0, {@code plainBound}] and sometimes one of {@code oddCount}
     * odd ones, recorded as {@code plainBound + 1 + k}: one position, so the shrinker lowers an odd value to
     * the plain ones and then the plain value itself (an odd 4096-byte length to the few bytes that matter).
     * Generating: with probability {@code pPlain} a {@link #draw} of {@code plainBound}, else a uniform odd
     * one; this uses the PRNG as {@code weighted(pPlain) ? draw(plainBound) : drawIndex(oddCount)} does.
     */
    public long drawMostly(double pPlain, long plainBound, int oddCount) {
        if (oddCount < 2 || plainBound < 0 || plainBound > Long.MAX_VALUE - oddCount) {
            throw new IllegalArgumentException("drawMostly(" + pPlain + ", " + plainBound + ", " + oddCount + ")");
        }
        if (random == null) return draw(plainBound + oddCount);
        if (random.nextDouble() < pPlain) return draw(plainBound);
        return forced(plainBound + oddCount, plainBound + 1 + random.nextLong(oddCount));
    }

    /** Opens a span of choices that belongs together (a list element, an action step). */
    public void startSpan() {
        if (openCount == openSpans.length) openSpans = Arrays.copyOf(openSpans, openCount * 2);
        openSpans[openCount++] = size;
    }

    /** Closes the innermost open span. */
    public void endSpan() {
        int start = openSpans[--openCount];
        if (size - start < 1) return;
        if (spanCount * 2 + 2 > spans.length) spans = Arrays.copyOf(spans, spans.length * 2);
        spans[spanCount * 2] = start;
        spans[spanCount * 2 + 1] = size;
        spanCount++;
    }

    /** Number of choices recorded so far. */
    public int size() {
        return size;
    }

    /** The choices recorded so far, e.g. to replay this case later. */
    public ChoiceSequence recorded() {
        return ChoiceSequence.wrap(Arrays.copyOf(recorded, size));
    }

    long[] recordedCopy() {
        return Arrays.copyOf(recorded, size);
    }

    /** The bound each recorded choice was drawn with; -1 - bound for a zigzag index. */
    long[] boundsCopy() {
        return Arrays.copyOf(bounds, size);
    }

    /** Closed spans as [start, end) pairs, flattened. */
    int[] spansCopy() {
        return Arrays.copyOf(spans, spanCount * 2);
    }

    private void record(long v, long bound) {
        if (size == recorded.length) {
            if (size >= maxChoices) throw Discard.OVERRUN;
            int capacity = Math.min(Math.max(size * 2, 64), Math.max(maxChoices, 1));
            recorded = Arrays.copyOf(recorded, capacity);
            bounds = Arrays.copyOf(bounds, capacity);
        }
        if (size >= maxChoices) throw Discard.OVERRUN;
        bounds[size] = bound;
        recorded[size++] = v;
    }

    /*
     * Uniform for small bounds; otherwise mostly log-uniform so small magnitudes show up often. Not
     * recorded: generators that record a value in another form (LongGen's zigzag index) pick with it.
     */
    long randomChoice(long bound) {
        if (bound == 0) return 0;
        if (bound <= SMALL_BOUND) return random.nextLong(bound + 1);
        if (random.nextInt(3) == 0) return uniform(bound);
        int bits = 64 - Long.numberOfLeadingZeros(bound);
        int width = 1 + random.nextInt(bits);
        long cap = width >= 63 ? bound : Math.min(bound, (1L << width) - 1);
        return uniform(cap);
    }

    private long uniform(long cap) {
        return cap == Long.MAX_VALUE ? random.nextLong() >>> 1 : random.nextLong(cap + 1);
    }
}
