package dev.ashmem.check.explore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The states first reached in one round of a parallel level (states the {@link StateStore} does not
 * hold yet), shared by the workers: open addressing over a long[] whose slots are a tag word and the
 * packed state inline. The tag is the smallest discoverer, (parent offset in the round, action index)
 * + 1, kept by compare-and-set; sorting the round's states by it gives the order, and the parents, in
 * which the sequential exploration would have stored them, so a parallel run stores exactly the same
 * states at the same indices. The tag word is also the slot's lock: 0 empty, {@link #BUSY} while its
 * claimer writes the state and decides whether it is stored, then the tag (released).
 */
final class RoundTable {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long BUSY = Long.MAX_VALUE;
    /** Tag bit: the state lies outside the scope's bounds (every discovery counts as pruned, none is stored). */
    static final long PRUNED = 1L << 62;
    private static final long TAG = PRUNED - 1;
    /** Parent offsets and action indices share a tag: 16 bits of action. */
    static final int ACTION_BITS = 16;
    /** The most actions a scope may have: a tag holds an action's index in ACTION_BITS bits. */
    static final int MAX_ACTIONS = 1 << ACTION_BITS;
    /** Sort keys are (tag << SLOT_BITS) | slot. */
    private static final int SLOT_BITS = 27;
    static final int MAX_ROUND = 1 << (63 - 1 - SLOT_BITS - ACTION_BITS);

    /** What {@link #offer} found. */
    static final int CLAIMED = 0;
    static final int SEEN = 1;
    static final int SEEN_PRUNED = 2;
    static final int FULL = 3;

    /** The share of slots a round may fill; offers beyond it answer FULL. */
    static final double LOAD = 0.85;

    private final int w;
    private final int stride;
    private final int slots;
    private final int limit;
    private final long[] t;
    /** Claims counted so far: each thread adds its own a batch at a time, not each claim (a line they would all write). */
    private final AtomicInteger count = new AtomicInteger();
    private final int batch;

    /**
     * One thread's claims on the table: the slot it claimed last, and its claims not yet added to the
     * table's count (fewer than a batch).
     */
    static final class Claims {
        int slot;
        int uncounted;
    }

    /** The most slots a table of keys of {@code words} longs can have (slot numbers, and one Java array). */
    static int maxSlots(int words) {
        return Math.min(1 << SLOT_BITS, (Integer.MAX_VALUE - 16) / (words + 1));
    }

    /** A table of {@code slots} slots for keys of {@code words} longs, offered to by up to {@code threads} threads at once. */
    RoundTable(int words, int slots, int threads) {
        if (slots > maxSlots(words)) {
            throw new IllegalStateException("round table of " + slots + " slots of " + words + " words");
        }
        this.w = words;
        this.stride = words + 1;
        this.slots = slots;
        this.limit = (int) (slots * LOAD);
        this.t = new long[slots * stride];
        // Claims go on while the count plus the claimer's own uncounted ones is under the limit, so the
        // others' uncounted ones may pass it: half the slots beyond the limit hold them all, and a probe
        // always ends at a free slot.
        this.batch = Math.max(1, Math.min(64, (slots - limit) / (2 * Math.max(1, threads))));
    }

    int slots() {
        return slots;
    }

    static long tag(int parentOffset, int action) {
        return (((long) parentOffset << ACTION_BITS) | action) + 1;
    }

    /**
     * Records that the key was reached with {@code tag}. CLAIMED: the caller reached it first and must
     * {@link #publish} it; SEEN / SEEN_PRUNED: another discovery holds it (the smaller tag is kept);
     * FULL: the table is too small for the round, which must be run again with a larger one.
     */
    int offer(long[] key, long hash, long tag, Claims claims) {
        int slot = home(hash);
        while (true) {
            int b = slot * stride;
            long cur = (long) WORDS.getAcquire(t, b);
            if (cur == 0) {
                if (count.get() + claims.uncounted >= limit) {
                    return FULL;
                }
                if (WORDS.compareAndSet(t, b, 0L, BUSY)) {
                    if (++claims.uncounted == batch) {
                        count.addAndGet(batch);
                        claims.uncounted = 0;
                    }
                    System.arraycopy(key, 0, t, b + 1, w);
                    claims.slot = slot;
                    return CLAIMED;
                }
                continue; // lost the race for this slot: look at what was put there
            }
            while (cur == BUSY) {
                Thread.onSpinWait();
                cur = (long) WORDS.getAcquire(t, b);
            }
            if (sameKey(b, key)) {
                if ((cur & PRUNED) != 0) {
                    return SEEN_PRUNED;
                }
                while (tag < cur && !WORDS.compareAndSet(t, b, cur, tag)) {
                    cur = (long) WORDS.getAcquire(t, b);
                }
                return SEEN;
            }
            if (++slot == slots) {
                slot = 0;
            }
        }
    }

    private boolean sameKey(int b, long[] key) {
        for (int i = 0; i < w; i++) {
            if (t[b + 1 + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Ends a claim: the slot shows its state with this tag (PRUNED set when it is not to be stored). */
    void publish(int slot, long tag) {
        WORDS.setRelease(t, slot * stride, tag);
    }

    static int parentOffset(long sortKey) {
        return (int) (sortKey >>> (SLOT_BITS + ACTION_BITS));
    }

    /** The first slot of a hash: its high half scaled to the table. */
    private int home(long hash) {
        return (int) (((hash >>> 32) * slots) >>> 32);
    }

    /** Reads the tag word of a hash's first slot (fetches its line ahead of an {@link #offer}); the value is for a sink. */
    long touch(long hash) {
        return t[home(hash) * stride];
    }

    /** Reads the tag word of a sort key's slot (fetches its line); the value is for a sink. */
    long touchSlot(long sortKey) {
        return t[(int) (sortKey & ((1 << SLOT_BITS) - 1)) * stride];
    }

    void key(long sortKey, long[] out) {
        int s = (int) (sortKey & ((1 << SLOT_BITS) - 1));
        System.arraycopy(t, s * stride + 1, out, 0, w);
    }

    // ---------------------------------------------------------------- the parallel commit of a round
    //
    // The sequential order of a round's states is by (parent offset, action): the states are counted
    // per parent (count), their first index in the round is the prefix sum of those counts, each is
    // put in its parent's group of the order (place), and each group, a few states, is sorted by action
    // (sortGroups). Every step runs on slices of the table or of the parents, one per thread.

    /** The first slot of slice {@code i} of {@code k}. */
    int sliceStart(int i, int k) {
        return (int) ((long) slots * i / k);
    }

    /** Adds the states to store in slots [s0, s1) to their parents' counts (one array per slice, its thread's own). */
    void count(int s0, int s1, int[] perParent) {
        for (int s = s0; s < s1; s++) {
            long tag = t[s * stride];
            if (tag != 0 && (tag & PRUNED) == 0) {
                perParent[parentOfTag(tag)]++;
            }
        }
    }

    /**
     * Puts the sort key of each state to store in slots [s0, s1) at its parent's next free place of
     * {@code order}: {@code next[p]} starts as the first place this slice's states of parent p take (the
     * slices' places of a group do not overlap, so each slice's thread writes its own).
     */
    void place(int s0, int s1, int[] next, long[] order) {
        for (int s = s0; s < s1; s++) {
            long tag = t[s * stride];
            if (tag != 0 && (tag & PRUNED) == 0) {
                order[next[parentOfTag(tag)]++] = ((tag - 1) << SLOT_BITS) | s;
            }
        }
    }

    /** Sorts the groups of parents [p0, p1) (group p is order[start[p], start[p + 1])) by action. */
    static void sortGroups(long[] order, int[] start, int p0, int p1) {
        for (int p = p0; p < p1; p++) {
            int lo = start[p];
            int hi = start[p + 1];
            for (int i = lo + 1; i < hi; i++) { // a few states per group: insertion sort
                long v = order[i];
                int j = i - 1;
                while (j >= lo && order[j] > v) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
        }
    }

    private static int parentOfTag(long tag) {
        return (int) ((tag - 1) >>> ACTION_BITS);
    }

    /** Empties slots [s0, s1); with every slice emptied, {@link #reset} makes the table ready for a round. */
    void clear(int s0, int s1) {
        Arrays.fill(t, s0 * stride, s1 * stride, 0);
    }

    void reset() {
        count.set(0);
    }

    long bytes() {
        return t.length * 8L;
    }
}
