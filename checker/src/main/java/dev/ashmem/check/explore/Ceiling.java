package dev.ashmem.check.explore;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The machine's own ceiling for a parallel run: what N threads gain over one on this machine, now, for
 * the expansions of a finished run with nothing to coordinate. Every state of a complete store is
 * expanded again and its successors looked up, as {@link Worker} and {@link Explorer} do (the same
 * chunks of 64 states, the same {@link SeenCache}, the same fetches of table lines), but nothing is
 * offered, stored or waited for: the store is only read. So the ratio is the most any exploring
 * algorithm could get from the cores, their shared cache and the memory for this state graph, and a
 * parallel run's speed-up over it says how much the run's own coordination costs. On a shared machine
 * the ceiling moves with the neighbours' load; measured next to a speed-up, it tells the two apart.
 */
public final class Ceiling {
    /** States a thread takes at a time: a parallel run's. */
    private static final int CHUNK = Explorer.Tuning.DEFAULT.chunk();

    /** One pass of one thread and one of {@code threads} at once over the same store. */
    public record Pass(double oneSeconds, double manySeconds, int threads, long successors) {
        public double ratio() {
            return oneSeconds / manySeconds;
        }

        /** The pass on one line; {@link #parse} reads it back (times to the millisecond). */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "1 thread %.3f s, %d threads %.3f s: %.2fx, %,d successors each",
                    oneSeconds, threads, manySeconds, ratio(), successors);
        }

        private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile(
                "1 thread ([\\d.]+) s, (\\d+) threads ([\\d.]+) s: [\\d.]+x, ([\\d,]+) successors each");

        /** The pass of a {@link #summary} line (more text may surround it); IllegalArgumentException when there is none. */
        public static Pass parse(String text) {
            var m = SUMMARY.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("no ceiling figures in '" + text + "'");
            }
            return new Pass(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)), Integer.parseInt(m.group(2)),
                    Long.parseLong(m.group(4).replace(",", "")));
        }
    }

    private final StateStore store;
    private final Supplier<Kernel> kernels;
    private final boolean symmetry;
    private final Action[] actions;

    /** {@code kernels} makes each thread's own kernel (on that thread). */
    Ceiling(StateStore store, Supplier<Kernel> kernels, boolean symmetry, Action[] actions) {
        this.store = store;
        this.kernels = kernels;
        this.symmetry = symmetry;
        this.actions = actions;
    }

    /**
     * {@code pairs} passes of one thread and of {@code threads}, alternated (1 then N, N then 1, ...).
     * Each pass must count the run's successors, changing successors and pruned ones: a pass that did
     * other work than the run's expansions would measure something else.
     */
    List<Pass> measure(int threads, int pairs, Stats run) {
        if (threads < 2) {
            throw new IllegalArgumentException("a ceiling of " + threads + " thread(s) against one");
        }
        var out = new ArrayList<Pass>();
        for (int p = 0; p < pairs; p++) {
            double one;
            double many;
            if (p % 2 == 0) {
                one = pass(1, run);
                many = pass(threads, run);
            } else {
                many = pass(threads, run);
                one = pass(1, run);
            }
            out.add(new Pass(one, many, threads, run.successors()));
        }
        return out;
    }

    /** Wall seconds of one pass over every state with {@code n} threads (the calling one among them). */
    private double pass(int n, Stats run) {
        var next = new AtomicInteger();
        var counted = new long[n][];
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var helpers = new Thread[n - 1];
        var ready = new java.util.concurrent.CountDownLatch(n);
        var go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 1; i < n; i++) {
            int id = i;
            helpers[i - 1] = new Thread(() -> {
                try {
                    counted[id] = expandAll(next, ready, go);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "model-check-ceiling-" + i);
            helpers[i - 1].setDaemon(true); // an interrupted pass leaves nothing that holds the JVM
            helpers[i - 1].start();
        }
        long t0;
        long t1;
        try {
            // Every thread's buffers are built before the clock starts.
            var own = new Expander();
            ready.countDown();
            ready.await();
            t0 = System.nanoTime();
            go.countDown();
            counted[0] = own.all(next);
            for (Thread t : helpers) {
                t.join();
            }
            t1 = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            go.countDown();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a ceiling thread failed: " + failure.get(), failure.get());
        }
        long[] sum = new long[3];
        for (long[] c : counted) {
            for (int i = 0; i < 3; i++) {
                sum[i] += c[i];
            }
        }
        if (sum[0] != run.successors() || sum[1] != run.changed() || sum[2] != run.pruned()) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "the ceiling's pass counted %,d successors (%,d changing the state, %,d pruned), the run %,d (%,d, %,d)",
                    sum[0], sum[1], sum[2], run.successors(), run.changed(), run.pruned()));
        }
        return (t1 - t0) / 1e9;
    }

    private long[] expandAll(AtomicInteger next, java.util.concurrent.CountDownLatch ready, java.util.concurrent.CountDownLatch go)
            throws InterruptedException {
        Expander mine;
        try {
            mine = new Expander(); // built on its own thread, as a Worker is
        } finally {
            ready.countDown(); // a thread that could not start must not hold the others at the start line
        }
        go.await();
        return mine.all(next);
    }

    /** One thread's expansions: its kernel, buffers and recent lookups. */
    private final class Expander {
        private final Successors gen = new Successors(kernels.get(), symmetry, actions);
        private final SeenCache seen = new SeenCache(gen.words());
        private long sink;

        /** Expands the chunks it takes until none is left; returns the successors, changing ones and pruned ones it counted. */
        long[] all(AtomicInteger next) {
            int size = store.size();
            for (int a; (a = next.getAndAdd(CHUNK)) < size; ) {
                int b = Math.min(size, a + CHUNK);
                for (int idx = a; idx < b; idx++) {
                    expand(idx);
                }
            }
            if (sink == 42) {
                Thread.onSpinWait(); // keeps the reads of the fetched lines from being dropped
            }
            return new long[] {gen.successors, gen.changed, gen.pruned};
        }

        private void expand(int idx) {
            store.get(idx, gen.key);
            if (gen.generate() >= 0) {
                throw new IllegalStateException("state " + idx + " breaks an invariant: the run did not pass");
            }
            sink += gen.recall(seen, store);
            for (int i = 0; i < gen.batched; i++) {
                if (gen.known[i] != SeenCache.MISS) {
                    continue;
                }
                long[] succ = gen.batch[i];
                if (store.probe(succ, gen.hashes[i]) < 0) {
                    seen.put(succ, gen.hashes[i], SeenCache.STORED);
                } else if (gen.rebuild(i) == Successors.OUT_OF_BOUNDS) {
                    seen.put(succ, gen.hashes[i], SeenCache.PRUNED);
                } else {
                    throw new IllegalStateException("a successor of state " + idx + " is not in the store: the run was not complete");
                }
            }
        }
    }
}
