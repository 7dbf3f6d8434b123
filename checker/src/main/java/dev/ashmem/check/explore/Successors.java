package dev.ashmem.check.explore;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.kernel.PackedPins;

/**
 * The successors of one state, as every explorer computes them (the sequential {@link Explorer}, a
 * parallel {@link Worker}, the spilling {@link DiskExplorer}): one thread's kernel, packing, invariants,
 * frames and batch, and its counters. {@link #generate} takes every enabled action and packs the
 * successors that change the state into the batch; what is done with the batch (store lookups) is the
 * caller's. Built on the thread that uses it, so that its buffers, written at every step, share no
 * cache line with another thread's.
 */
final class Successors {
    /** What {@link #rebuild} found. */
    static final int SOUND = 0;
    static final int BROKEN = 1;
    static final int OUT_OF_BOUNDS = 2;

    final Kernel kernel;
    final Codec codec;
    final FrameInvariants inv;
    /** PIN, UNPIN and STATUS straight to the packing, where the scope allows it (null: every step on frames). */
    private final PackedPins packed;
    /** Per action: PackedPins may take it. */
    private final boolean[] packable;
    /** The actions to take in each state, in order: all but the self-loops PackedPins knows of. */
    private final int[] taken;
    /** Per state: the actions enabled everywhere that change nothing anywhere (counted, not taken). */
    private final int loops;
    final Action[] actions;
    final int[] base;
    final int[] work;
    /** The state being expanded, packed. */
    final long[] key;
    /**
     * The batch: the distinct packed successors that differ from the state, their hashes, the first
     * action reaching each and how many actions reach it. One lookup per distinct successor: what the
     * store says of the first holds for the others, and since the first has the smallest action, it is
     * the discoverer every explorer keeps.
     */
    final long[][] batch;
    final long[] hashes;
    final int[] batchAction;
    final int[] copies;
    /** Scratch of the caller's lookups, one per batch entry. */
    final int[] known;
    int batched;
    /** This expansion's distinct successors by hash: batch index, valid where the stamp is this expansion's. */
    private final int[] seenAt;
    private final int[] seenStamp;
    private final int seenMask;
    private int stamp;
    long successors;
    long changed;
    long pruned;

    Successors(Kernel kernel, boolean symmetry, Action[] actions) {
        this.kernel = kernel;
        this.codec = new Codec(kernel, symmetry);
        this.inv = new FrameInvariants(kernel);
        this.actions = actions;
        this.packed = PackedPins.forKernel(kernel, codec, actions);
        this.packable = new boolean[actions.length];
        int[] t = new int[actions.length];
        int nt = 0;
        int nl = 0;
        for (int i = 0; i < actions.length; i++) {
            packable[i] = packed != null && packed.takes(i);
            if (packable[i] && packed.alwaysSelfLoop(i)) {
                nl++;
            } else {
                t[nt++] = i;
            }
        }
        taken = java.util.Arrays.copyOf(t, nt);
        loops = nl;
        int len = kernel.frameLength();
        base = new int[len];
        work = new int[len];
        key = new long[codec.words];
        batch = new long[actions.length][codec.words];
        hashes = new long[actions.length];
        batchAction = new int[actions.length];
        copies = new int[actions.length];
        known = new int[actions.length];
        int cap = Integer.highestOneBit(Math.max(2, actions.length) * 4 - 1) << 1;
        seenAt = new int[cap];
        seenStamp = new int[cap];
        seenMask = cap - 1;
    }

    int words() {
        return key.length;
    }

    /**
     * Decodes {@link #key} and fills the batch with the successors that change it. Returns the index of
     * an action whose successor breaks an invariant before it could be packed (the packing holds sound
     * states within the bounds only), or -1.
     */
    int generate() {
        codec.decode(key, base);
        if (packed != null) {
            packed.prepare(base);
        }
        int w = key.length;
        int n = 0;
        if (++stamp == 0) {
            java.util.Arrays.fill(seenStamp, 0);
            stamp = 1;
        }
        for (int ai : taken) {
            Action a = actions[ai];
            if (!kernel.enabled(base, a)) {
                continue;
            }
            successors++;
            long[] succ = batch[n];
            int direct = packable[ai] ? packed.step(ai, succ) : PackedPins.DECLINED;
            if (direct == PackedPins.UNCHANGED) {
                continue; // a self-loop: results only
            }
            if (direct == PackedPins.DECLINED) {
                if (!kernel.step(base, work, a)) {
                    continue; // a self-loop: results only
                }
                changed++;
                if (kernel.pruned()) {
                    // Beyond a bound the step itself checks (an mmap past --max-mappings): outside the scope
                    // whatever frame it left, which may even equal a state inside it.
                    pruned++;
                    continue;
                }
                if (!codec.encode(work, succ)) {
                    if (!inv.check(work, null)) {
                        batched = n;
                        return ai;
                    }
                    if (kernel.outOfBounds(work)) {
                        pruned++;
                        continue;
                    }
                    throw new IllegalStateException("a sound frame the packing cannot represent, after " + a);
                }
            } else {
                changed++;
            }
            if (same(succ, key, w)) {
                continue;
            }
            long h = StateStore.hash(succ, w);
            int slot = (int) h & seenMask;
            int copy = -1;
            while (seenStamp[slot] == stamp) {
                int j = seenAt[slot];
                if (hashes[j] == h && same(batch[j], succ, w)) {
                    copy = j;
                    break;
                }
                slot = (slot + 1) & seenMask;
            }
            if (copy >= 0) {
                copies[copy]++; // a later action to the same successor
                continue;
            }
            seenStamp[slot] = stamp;
            seenAt[slot] = n;
            hashes[n] = h;
            copies[n] = 1;
            batchAction[n++] = ai;
        }
        batched = n;
        successors += loops; // (a state cut short by a broken invariant counts the actions taken up to it)
        return -1;
    }

    /**
     * Asks this thread's recent lookups about each batch entry ({@link #known}; an entry known to lie
     * outside the bounds is counted pruned, as its lookup would count it) and fetches the store's table
     * lines of the others at once (memory-level parallelism); returns the lines read, for a sink.
     */
    long recall(SeenCache seen, StateStore store) {
        for (int i = 0; i < batched; i++) {
            known[i] = seen.find(batch[i], hashes[i]);
            if (known[i] == SeenCache.PRUNED) {
                pruned += copies[i];
            }
        }
        // A loop of loads and nothing else: the core keeps many more of them in flight than when each
        // waits in its reorder window behind a cache lookup.
        long sum = 0;
        for (int i = 0; i < batched; i++) {
            if (known[i] == SeenCache.MISS) {
                sum += store.touch(hashes[i]);
            }
        }
        return sum;
    }

    /**
     * Rebuilds batch entry {@code i} as a frame and checks it, as a state reached for the first time is
     * checked (a revisit packs to a state already checked): SOUND, BROKEN or OUT_OF_BOUNDS (counted pruned
     * once for every action that reaches it, as if each had been looked up on its own).
     */
    int rebuild(int i) {
        kernel.step(base, work, actions[batchAction[i]]);
        if (!inv.check(work, null)) {
            return BROKEN;
        }
        if (kernel.outOfBounds(work)) {
            pruned += copies[i];
            return OUT_OF_BOUNDS;
        }
        return SOUND;
    }

    private static boolean same(long[] a, long[] b, int w) {
        for (int i = 0; i < w; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
