package dev.ashmem.check.explore;

import dev.ashmem.check.kernel.Action;
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
    private final Successors gen;
    /** This worker's recent lookups (offers are known for the current round only). */
    private final SeenCache seen;
    private final RoundTable.Claims claims = new RoundTable.Claims();
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
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
        this.gen = new Successors(kernel, symmetry, actions);
        this.seen = new SeenCache(gen.words());
    }

    /**
     * Expands states [from, to) of the store, taking chunks from {@code next} (offsets from {@code from}),
     * until none is left or {@code stop} is set; sets {@code stop} and returns false when a state breaks an
     * invariant or the table is full. {@code lastStored}: this worker's last round was stored (its offers are in the store).
     */
    Outcome run(StateStore store, RoundTable table, int from, int to, AtomicInteger next, AtomicBoolean stop, boolean lastStored) {
        gen.successors = gen.changed = gen.pruned = 0;
        seen.nextRound(lastStored);
        claims.uncounted = 0; // the table's count starts at zero each round
        full = false;
        long cpu0 = threads.getCurrentThreadCpuTime();
        boolean ok = true;
        try {
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
        } catch (Throwable t) {
            stop.set(true); // the others leave the round too; the crew rethrows this
            throw t;
        }
        return new Outcome(ok, full, gen.successors, gen.changed, gen.pruned, threads.getCurrentThreadCpuTime() - cpu0);
    }

    /** Explorer.expand for one state of a round; false on a broken invariant or a full table. */
    private boolean expand(StateStore store, RoundTable table, int idx, int offset) {
        store.get(idx, gen.key);
        if (gen.generate() >= 0) {
            return false;
        }
        int n = gen.batched;
        long[] hashes = gen.hashes;
        int[] known = gen.known;
        sink += gen.recall(seen, store);
        // The store's answers first, then the round table's lines of the states it lacks fetched at once.
        boolean offers = false;
        for (int i = 0; i < n; i++) {
            if (known[i] != SeenCache.MISS) {
                continue;
            }
            long[] succ = gen.batch[i];
            if (store.probe(succ, hashes[i]) < 0) {
                known[i] = SeenCache.STORED;
                seen.put(succ, hashes[i], SeenCache.STORED); // stored in an earlier round
            } else {
                offers = true;
            }
        }
        if (!offers) {
            return true;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (known[i] == SeenCache.MISS) {
                sum += table.touch(hashes[i]);
            }
        }
        sink += sum;
        for (int i = 0; i < n; i++) {
            if (known[i] != SeenCache.MISS) {
                continue;
            }
            long[] succ = gen.batch[i];
            long tag = RoundTable.tag(offset, gen.batchAction[i]);
            switch (table.offer(succ, hashes[i], tag, claims)) {
                // First here: rebuilt and checked once, as the sequential run checks a new state.
                case RoundTable.CLAIMED -> {
                    int outcome;
                    try {
                        outcome = gen.rebuild(i);
                    } catch (Throwable t) {
                        table.publish(claims.slot, tag); // a slot left busy would hold every other worker forever
                        throw t;
                    }
                    switch (outcome) {
                        case Successors.BROKEN -> {
                            table.publish(claims.slot, tag);
                            return false;
                        }
                        case Successors.OUT_OF_BOUNDS -> {
                            table.publish(claims.slot, tag | RoundTable.PRUNED);
                            seen.put(succ, hashes[i], SeenCache.PRUNED);
                        }
                        default -> {
                            table.publish(claims.slot, tag);
                            seen.put(succ, hashes[i], SeenCache.OFFERED);
                        }
                    }
                }
                case RoundTable.SEEN_PRUNED -> {
                    gen.pruned += gen.copies[i];
                    seen.put(succ, hashes[i], SeenCache.PRUNED);
                }
                case RoundTable.FULL -> {
                    full = true;
                    return false;
                }
                default -> seen.put(succ, hashes[i], SeenCache.OFFERED);
            }
        }
        return true;
    }

    /** States stored per block of {@link #store}: their round-table lines are fetched together. */
    private static final int STORE_BLOCK = 32;

    /**
     * The store phase of a round's commit for places [from, to) of {@code order} (sorted): each state
     * is put at index {@code base} + its place with its parent ({@code first} + its parent's offset), and
     * its key handed to the member whose stretch of the store's table holds its home
     * ({@code toStretch[i]} for stretch i, {@link StateStore#insertStretch}). The round table is read at
     * random places, so each block's lines are fetched at once (memory-level parallelism) first.
     */
    void store(StateStore st, RoundTable table, long[] order, int from, int to, int base, int first, KeyList[] toStretch) {
        int w = gen.words();
        int k = toStretch.length;
        long[] key = gen.key;
        long sum = 0;
        for (int b0 = from; b0 < to; b0 += STORE_BLOCK) {
            int b1 = Math.min(to, b0 + STORE_BLOCK);
            // A loop of loads alone, so that the core keeps them all in flight.
            for (int i = b0; i < b1; i++) {
                sum += table.touchSlot(order[i]);
            }
            for (int i = b0; i < b1; i++) {
                table.key(order[i], key);
                st.put(base + i, key, first + RoundTable.parentOffset(order[i]));
                long h = StateStore.hash(key, w);
                toStretch[st.stretchOf(h, k)].add(key, h);
            }
        }
        sink += sum;
    }

    /** Keeps a value read to fetch lines alive. */
    void keep(long v) {
        sink += v;
    }

    long sink() {
        return sink;
    }
}
