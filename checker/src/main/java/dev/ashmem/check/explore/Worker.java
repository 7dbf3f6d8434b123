package dev.ashmem.check.explore;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One exploring thread of a parallel round: expands the round's states it takes (in chunks) exactly as
 * {@link Explorer}'s sequential expansion does, with its own kernel, packing and buffers, but reads the
 * {@link StateStore} only (no one writes it during a round) and puts the states it reaches first into
 * the shared {@link RoundTable}. Its counters are the round's share of the run's; a round that is
 * abandoned (a broken invariant, a full table) discards them. A worker is built on the thread that runs
 * it, so that its kernel, frames and counters, written at every step, share no cache line with another's.
 */
final class Worker {
    private final Kernel kernel;
    private final Codec codec;
    private final FrameInvariants inv;
    private final Action[] actions;
    private final int[] base;
    private final int[] work;
    private final long[] key;
    private final long[][] batch;
    private final long[] hashes;
    private final int[] batchAction;
    private final int[] claimed = new int[1];
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long successors;
    private long changed;
    private long pruned;
    private boolean full;
    private long sink;

    /**
     * One run's share of a round.
     *
     * @param ok   every state taken was expanded
     * @param full the run stopped because the round table was full
     */
    record Outcome(boolean ok, boolean full, long successors, long changed, long pruned, long cpuNanos) {
    }

    private final int chunk;

    Worker(Kernel kernel, boolean symmetry, Action[] actions, int chunk) {
        this.chunk = chunk;
        this.kernel = kernel;
        this.codec = new Codec(kernel, symmetry);
        this.inv = new FrameInvariants(kernel);
        this.actions = actions;
        int len = kernel.frameLength();
        base = new int[len];
        work = new int[len];
        key = new long[codec.words];
        batch = new long[actions.length][codec.words];
        hashes = new long[actions.length];
        batchAction = new int[actions.length];
    }

    /**
     * Expands states [from, to) of the store, taking chunks from {@code next} (offsets from {@code from}),
     * until none is left or {@code stop} is set; sets {@code stop} and returns false when a state breaks an
     * invariant or the table is full.
     */
    Outcome run(StateStore store, RoundTable table, int from, int to, AtomicInteger next, AtomicBoolean stop) {
        successors = changed = pruned = 0;
        full = false;
        long cpu0 = threads.getCurrentThreadCpuTime();
        boolean ok = true;
        loop:
        while (!stop.get()) {
            int off = next.getAndAdd(chunk);
            if (from + off >= to) {
                break;
            }
            int end = Math.min(to, from + off + chunk);
            for (int idx = from + off; idx < end; idx++) {
                if (!expand(store, table, idx, idx - from)) {
                    stop.set(true);
                    ok = false;
                    break loop;
                }
            }
        }
        return new Outcome(ok, full, successors, changed, pruned, threads.getCurrentThreadCpuTime() - cpu0);
    }

    private static boolean same(long[] a, long[] b, int w) {
        for (int i = 0; i < w; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Explorer.expand for one state of a round; false on a broken invariant or a full table. */
    private boolean expand(StateStore store, RoundTable table, int idx, int offset) {
        store.get(idx, key);
        codec.decode(key, base);
        int W = key.length;
        int batched = 0;
        for (int ai = 0; ai < actions.length; ai++) {
            Action a = actions[ai];
            if (!kernel.enabled(base, a)) {
                continue;
            }
            successors++;
            if (!kernel.step(base, work, a)) {
                continue;
            }
            changed++;
            long[] succ = batch[batched];
            if (!codec.encode(work, succ)) {
                if (!inv.check(work, null)) {
                    return false;
                }
                if (kernel.outOfBounds(work)) {
                    pruned++;
                    continue;
                }
                throw new IllegalStateException("a sound frame the packing cannot represent, after " + a);
            }
            if (same(succ, key, W)) {
                continue;
            }
            hashes[batched] = StateStore.hash(succ, W);
            batchAction[batched++] = ai;
        }
        long sum = 0;
        for (int i = 0; i < batched; i++) {
            sum += store.touch(hashes[i]);
        }
        sink += sum;
        for (int i = 0; i < batched; i++) {
            long[] succ = batch[i];
            if (store.probe(succ, hashes[i]) < 0) {
                continue; // stored in an earlier round
            }
            long tag = RoundTable.tag(offset, batchAction[i]);
            switch (table.offer(succ, hashes[i], tag, claimed)) {
                case RoundTable.CLAIMED -> {
                    // First here: rebuilt and checked once, as the sequential run checks a new state.
                    kernel.step(base, work, actions[batchAction[i]]);
                    if (!inv.check(work, null)) {
                        table.publish(claimed[0], tag);
                        return false;
                    }
                    if (kernel.outOfBounds(work)) {
                        pruned++;
                        table.publish(claimed[0], tag | RoundTable.PRUNED);
                    } else {
                        table.publish(claimed[0], tag);
                    }
                }
                case RoundTable.SEEN_PRUNED -> pruned++;
                case RoundTable.FULL -> {
                    full = true;
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    long sink() {
        return sink;
    }
}
