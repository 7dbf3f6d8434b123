package dev.ashmem.check.explore;

/**
 * One exploring thread's memory of the successors it looked up lately, small enough to stay in its
 * core's cache. Breadth-first order expands siblings one after another, and siblings reach the same
 * states (a then b, b then a), so most lookups repeat one made a few states before: answered here, they
 * cost no miss in the big {@link StateStore} (nor, in a parallel round, a second one in the
 * {@link RoundTable}). It only answers what cannot change: a state in the store stays there, a state
 * outside the scope's bounds stays outside, a state this worker offered in the current round keeps
 * a discoverer no later offer of this worker can beat (its parents come in increasing order), and one
 * it offered in an earlier round that was stored is in the store. Direct mapped: a colliding entry
 * replaces the older one.
 */
final class SeenCache {
    static final int MISS = 0;
    /** In the store, or in the current round's table with a discoverer at most this offer's. */
    static final int STORED = 1;
    /** Outside the scope's bounds: counted pruned for every action reaching it, never stored. */
    static final int PRUNED = 2;
    /** Offered by this worker in the current round, or in an earlier one stored since the last one abandoned. */
    static final int OFFERED = 3;

    private static final int SLOTS = 1 << 12;
    private final int w;
    private final long[] keys;
    /** Per slot: round << 2 | kind (0: empty). */
    private final long[] info;
    private long round = 1;
    /** The last round that was not stored (its offers, and those before it, are not known). */
    private long abandoned;

    SeenCache(int words) {
        this.w = words;
        this.keys = new long[SLOTS * words];
        this.info = new long[SLOTS];
    }

    /**
     * A new round. If the last one was stored, what this worker offered in it is in the store now; if
     * it was abandoned (a broken invariant, a full table), what was offered in it, or before, is no longer known.
     */
    void nextRound(boolean lastStored) {
        if (!lastStored) {
            abandoned = round;
        }
        round++;
    }

    /** What is known of {@code key}: MISS, STORED or PRUNED (OFFERED in the current round reads as STORED). */
    int find(long[] key, long hash) {
        int s = (int) hash & (SLOTS - 1);
        long inf = info[s];
        if (inf == 0) {
            return MISS;
        }
        int kind = (int) (inf & 3);
        if (kind == OFFERED && inf >>> 2 <= abandoned) {
            return MISS;
        }
        int b = s * w;
        for (int i = 0; i < w; i++) {
            if (keys[b + i] != key[i]) {
                return MISS;
            }
        }
        return kind == PRUNED ? PRUNED : STORED;
    }

    void put(long[] key, long hash, int kind) {
        int s = (int) hash & (SLOTS - 1);
        System.arraycopy(key, 0, keys, s * w, w);
        info[s] = round << 2 | kind;
    }
}
