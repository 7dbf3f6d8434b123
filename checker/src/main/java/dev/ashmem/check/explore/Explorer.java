package dev.ashmem.check.explore;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.trace.Counterexample;
import dev.ashmem.check.trace.ModelCursor;
import dev.ashmem.check.trace.TraceStep;
import dev.ashmem.model.Invariants.Violation;
import dev.ashmem.properties.ProgressLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Breadth-first exploration of every state of a scope. Successors are computed by the {@link Kernel}
 * on frames, checked against every invariant ({@link FrameInvariants}), packed ({@link Codec}) and
 * looked up in the {@link StateStore}. The first broken invariant ends the run; because states are
 * discovered level by level, its path is a shortest one. The path is then rebuilt and replayed on the
 * model to print a trace.
 *
 * <p>With several workers, each level is expanded in rounds of consecutive states shared by the
 * workers ({@link Worker}); the states a round reaches first are collected in a {@link RoundTable} and
 * stored when the round ends, in the order and with the parents the sequential run gives them. A round
 * in which a state breaks an invariant is run again sequentially. So every figure, every stored state
 * and every counterexample is the sequential run's, with any number of workers.
 */
public final class Explorer {
    private final Scope scope;
    private final Kernel kernel;
    private final ProgressLine progress;
    private final int workers;

    /** Explores {@code scope} with the real kernel, one worker, printing progress to stderr. */
    public Explorer(Scope scope) {
        this(new Kernel(scope), ProgressLine.to(System.err));
    }

    /** Explores the kernel's scope with the given (maybe deliberately broken) kernel, one worker; progress may be null. */
    public Explorer(Kernel kernel, ProgressLine progress) {
        this(kernel, progress, 1);
    }

    /** The same with {@code workers} exploring threads (the kernel is copied for each, {@link Kernel#copy}). */
    public Explorer(Kernel kernel, ProgressLine progress, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.scope = kernel.scope();
        this.kernel = kernel;
        this.progress = progress;
        this.workers = workers;
    }

    // Working storage of one run (fields so that the per-state method compiles on its own, not as OSR code).
    private Action[] actions;
    private Codec codec;
    private FrameInvariants inv;
    private StateStore store;
    private int[] base;
    private int[] work;
    private long[] key;
    private long[][] batch;
    private long[] hashes;
    private int[] batchAction;
    private long successors;
    private long changed;
    private long pruned;
    /** Keeps the batch's table reads alive. */
    private long sink;

    public CheckResult run() {
        actions = new Alphabet(scope).actions().toArray(Action[]::new);
        codec = new Codec(kernel, scope.symmetry());
        inv = new FrameInvariants(kernel);
        int W = codec.words;
        store = new StateStore(W, 1 << 16);
        int len = kernel.frameLength();
        base = new int[len];
        work = new int[len];
        key = new long[W];
        batch = new long[actions.length][W];
        hashes = new long[actions.length];
        batchAction = new int[actions.length];
        var meter = new Meter(progress);

        kernel.initial(base);
        if (!inv.check(base, null)) {
            var cex = counterexample(store, codec, inv, -1, null, actions);
            return new CheckResult(scope, meter.stats(store, 0, 0, 0, 0, true, actions.length), Optional.of(cex));
        }
        codec.encode(base, key);
        store.add(key, -1);
        if (workers > 1) {
            return runParallel(meter);
        }

        int depth = 0;
        int levelEnd = 1;
        boolean complete = true;
        int maxDepth = scope.maxDepth();
        for (int idx = 0; idx < store.size(); idx++) {
            if (idx == levelEnd) {
                depth++;
                levelEnd = store.size();
            }
            if (maxDepth > 0 && depth >= maxDepth) {
                complete = false;
                break;
            }
            int bad = expand(idx);
            if (bad >= 0) {
                var cex = counterexample(store, codec, inv, idx, actions[bad], actions);
                return new CheckResult(scope, meter.stats(store, successors, changed, pruned, depth + 1, false, actions.length), Optional.of(cex));
            }
            if ((idx & 1023) == 0) {
                meter.tick(store, successors, depth, idx);
            }
        }
        return new CheckResult(scope, meter.stats(store, successors, changed, pruned, depth, complete, actions.length), Optional.empty());
    }

    /**
     * How parallel levels are cut (tests make every piece tiny so that small scopes use them all).
     *
     * @param minLevel      levels with fewer states are expanded sequentially: a round costs more than they do
     * @param round         states per round: enough to keep the workers busy, few enough to redo sequentially
     * @param chunk         states a worker takes at a time
     * @param minSlots      the smallest round table
     * @param firstPerState the first guess of states a round reaches first per expanded state (then adapts)
     */
    record Tuning(int minLevel, int round, int chunk, int minSlots, double firstPerState) {
        static final Tuning DEFAULT = new Tuning(256, 1 << 14, 64, 4096, 8);
    }

    private Tuning tuning = Tuning.DEFAULT;
    /** Rounds run in parallel and stored, run again with a larger table, and redone sequentially. */
    int roundsStored;
    int roundsRetried;
    int roundsRedone;

    Explorer tuning(Tuning t) {
        if (t.round() > RoundTable.MAX_ROUND) {
            throw new IllegalArgumentException("round too large: " + t.round());
        }
        this.tuning = t;
        return this;
    }

    private CheckResult runParallel(Meter meter) {
        var pool = ThreadLocal.withInitial(() -> new Worker(kernel.copy(), scope.symmetry(), actions, tuning.chunk()));
        var threads = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            var t = new Thread(r, "model-check-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            RoundTable table = null;
            double firstPerState = tuning.firstPerState(); // states a round reaches first, per expanded state
            int depth = 0;
            int lo = 0;
            int hi = 1;
            int maxDepth = scope.maxDepth();
            while (lo < hi) {
                if (maxDepth > 0 && depth >= maxDepth) {
                    return new CheckResult(scope, meter.stats(store, successors, changed, pruned, depth, false, actions.length), Optional.empty());
                }
                for (int a = lo; a < hi; ) {
                    boolean parallel = hi - lo >= tuning.minLevel();
                    int b = parallel ? Math.min(hi, a + tuning.round()) : hi;
                    boolean done = false;
                    if (parallel) {
                        // Room for twice the guess; never more than every action of every state reaching a new one.
                        double most = (double) (b - a) * actions.length / RoundTable.LOAD + 16;
                        int want = (int) Math.min(most, Math.max(tuning.minSlots(), (b - a) * firstPerState * 2 / RoundTable.LOAD));
                        if (table == null || table.slots() < want) {
                            table = new RoundTable(codec.words, want);
                        }
                        int outcome = round(meter, pool, threads, table, a, b);
                        table.clear();
                        if (outcome == ROUND_FULL) {
                            roundsRetried++;
                            firstPerState *= 2;
                            continue; // the same round again with a larger table
                        }
                        done = outcome == ROUND_DONE;
                        if (done) {
                            roundsStored++;
                            firstPerState = Math.max(firstPerState * 0.75, 1.5 * roundFirst / (b - a));
                        } else {
                            roundsRedone++;
                        }
                    }
                    if (!done) {
                        // A small level, or a round in which an invariant broke: the sequential expansion
                        // finds the sequential run's first violation with its figures.
                        for (int idx = a; idx < b; idx++) {
                            int bad = expand(idx);
                            if (bad >= 0) {
                                var cex = counterexample(store, codec, inv, idx, actions[bad], actions);
                                return new CheckResult(scope, meter.stats(store, successors, changed, pruned, depth + 1, false, actions.length), Optional.of(cex));
                            }
                        }
                    }
                    meter.tick(store, successors, depth, b);
                    a = b;
                }
                lo = hi;
                hi = store.size();
                if (lo < hi) {
                    depth++;
                }
            }
            return new CheckResult(scope, meter.stats(store, successors, changed, pruned, depth, true, actions.length), Optional.empty());
        } finally {
            threads.shutdownNow();
        }
    }

    private static final int ROUND_DONE = 0;
    private static final int ROUND_BROKEN = 1;
    private static final int ROUND_FULL = 2;
    /** States stored by the last round. */
    private int roundFirst;

    /** Expands states [a, b) with every worker; on success stores what they reached, in sequential order. */
    private int round(Meter meter, ThreadLocal<Worker> pool, java.util.concurrent.ExecutorService threads, RoundTable table, int a, int b) {
        var next = new java.util.concurrent.atomic.AtomicInteger();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var tasks = new ArrayList<java.util.concurrent.Callable<Worker.Outcome>>();
        for (int i = 0; i < workers; i++) {
            tasks.add(() -> pool.get().run(store, table, a, b, next, stop));
        }
        var outcomes = new ArrayList<Worker.Outcome>();
        try {
            for (var f : threads.invokeAll(tasks)) {
                outcomes.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err; // OutOfMemoryError above all: the command reports it
            }
            throw new IllegalStateException(e.getCause());
        }
        boolean ok = true;
        boolean full = false;
        for (var o : outcomes) {
            meter.addCpu(o.cpuNanos());
            ok &= o.ok();
            full |= o.full();
        }
        if (!ok) {
            return full ? ROUND_FULL : ROUND_BROKEN;
        }
        for (var o : outcomes) {
            successors += o.successors();
            changed += o.changed();
            pruned += o.pruned();
        }
        long[] order = table.sorted();
        long[] k = new long[codec.words];
        for (long s : order) {
            table.key(s, k);
            if (store.add(k, a + RoundTable.parentOffset(s)) < 0) {
                throw new IllegalStateException("a state reached first in a round was already stored");
            }
        }
        roundFirst = order.length;
        return ROUND_DONE;
    }

    private static boolean same(long[] a, long[] b, int w) {
        for (int i = 0; i < w; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Generates every successor of state idx; returns the index of an action that breaks an invariant, or -1. */
    private int expand(int idx) {
        store.get(idx, key);
        codec.decode(key, base);
        int W = key.length;
        // Pass 1: every successor, packed; the changed ones are kept for the lookups.
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
                // The packing holds sound states within the bounds only.
                if (!inv.check(work, null)) {
                    return ai;
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
        // Pass 2: fetch the table lines of the whole batch at once (memory-level parallelism).
        long sum = 0;
        for (int i = 0; i < batched; i++) {
            sum += store.touch(hashes[i]);
        }
        sink += sum;
        // Pass 3: look each up; a new state is rebuilt, checked against every invariant, then stored.
        // (A revisit packs to a state already checked.)
        for (int i = 0; i < batched; i++) {
            long[] succ = batch[i];
            int slot = store.probe(succ, hashes[i]);
            if (slot < 0) {
                continue;
            }
            kernel.step(base, work, actions[batchAction[i]]);
            if (!inv.check(work, null)) {
                return batchAction[i];
            }
            if (kernel.outOfBounds(work)) {
                pruned++;
                continue;
            }
            store.insert(slot, succ, idx);
        }
        return -1;
    }

    // ---------------------------------------------------------------- counterexamples

    /**
     * Rebuilds the path to the violating successor of state {@code idx} by {@code last} (or the initial
     * state when idx is -1): from the concrete initial frame, each step is an action whose canonical
     * successor is the next stored state (under symmetry the stored states are representatives, so the
     * concrete action may act on another area than the one explored). Then replays it on the model.
     */
    private Counterexample counterexample(StateStore store, Codec codec, FrameInvariants inv, int idx, Action last, Action[] actions) {
        var chain = new ArrayList<Integer>();
        for (int i = idx; i > 0; i = store.parent(i)) {
            chain.addFirst(i);
        }
        var plain = new Codec(kernel, false);
        int len = kernel.frameLength();
        int[] x = new int[len];
        int[] w = new int[len];
        long[] target = new long[codec.words];
        long[] got = new long[codec.words];
        long[] tmp = new long[plain.words];
        var path = new ArrayList<Action>();
        var setup = new ArrayList<TraceStep>();
        var cursor = ModelCursor.start(scope, setup);
        var steps = new ArrayList<TraceStep>();
        kernel.initial(x);
        for (int j : chain) {
            store.get(j, target);
            Action found = null;
            for (Action b : actions) {
                if (!kernel.enabled(x, b) || !kernel.step(x, w, b) || !inv.check(w, null) || kernel.outOfBounds(w)) {
                    continue;
                }
                codec.encode(w, got);
                if (Arrays.equals(got, target)) {
                    found = b;
                    break;
                }
            }
            if (found == null) {
                throw new IllegalStateException("cannot rebuild the path to state " + j);
            }
            path.add(found);
            steps.add(withNote(cursor, found));
            plain.encode(w, tmp);
            plain.decode(tmp, x);
        }
        var violations = new ArrayList<Violation>();
        if (last == null) {
            inv.check(x, violations);
        } else {
            // The explored step broke this rule from the representative of state idx.
            String wanted = firstRule(inv, base(store, codec, idx), last);
            Action chosen = null;
            if (!scope.symmetry()) {
                chosen = last; // x is exactly the representative
            } else {
                // Under symmetry, the concrete action that breaks the same rule from the concrete state.
                var first = new ArrayList<Violation>();
                for (Action b : actions) {
                    first.clear();
                    if (kernel.enabled(x, b) && kernel.step(x, w, b) && !inv.check(w, first) && first.getFirst().ruleId().equals(wanted)) {
                        chosen = b;
                        break;
                    }
                }
            }
            if (chosen == null) {
                throw new IllegalStateException("cannot rebuild the violating step " + last);
            }
            kernel.step(x, w, chosen);
            inv.check(w, violations);
            path.add(chosen);
            steps.add(withNote(cursor, chosen));
        }
        return new Counterexample(scope.pageSize(), violations, setup, steps, path, scope.concurrency(), cursor.model().violations());
    }

    private int[] base(StateStore store, Codec codec, int idx) {
        long[] key = new long[codec.words];
        store.get(idx, key);
        int[] f = new int[kernel.frameLength()];
        codec.decode(key, f);
        return f;
    }

    private String firstRule(FrameInvariants inv, int[] from, Action a) {
        int[] w = new int[kernel.frameLength()];
        var out = new ArrayList<Violation>();
        if (!kernel.step(from, w, a) || inv.check(w, out)) {
            throw new IllegalStateException("the violating step does not reproduce");
        }
        return out.getFirst().ruleId();
    }

    /** Takes the step on the model; the line notes where the kernel's result differs. */
    private TraceStep withNote(ModelCursor cursor, Action a) {
        var step = cursor.apply(a);
        var diff = cursor.disagreement(kernel, step, a);
        if (diff != null && step instanceof TraceStep.Call c) {
            return new TraceStep.Call(c.thread(), c.op(), c.result(), "checked transition function returned " + diff);
        }
        return step;
    }

    /** Progress lines on stderr about once a second, and the run's figures. */
    private static final class Meter {
        private final ProgressLine out;
        private final long start = System.nanoTime();
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final long cpuStart = threads.getCurrentThreadCpuTime();
        private long nextTick = start + 1_000_000_000L;
        private long peakHeap;
        /** CPU time of the worker threads (parallel runs). */
        private long workerCpu;
        private long lastTick = start;
        private long lastExpanded;

        Meter(ProgressLine out) {
            this.out = out;
            sampleHeap();
        }

        void addCpu(long nanos) {
            workerCpu += nanos;
        }

        private long cpu() {
            return threads.getCurrentThreadCpuTime() - cpuStart + workerCpu;
        }

        /** idx: the states expanded so far (the frontier is the rest of the store). */
        void tick(StateStore store, long successors, int depth, int idx) {
            long now = System.nanoTime();
            if (now >= nextTick) {
                nextTick = now + 1_000_000_000L;
                sampleHeap();
            }
            // The progress line says when it is due (about every second live, every few seconds in a log).
            if (out == null || idx == 0 || !out.due()) {
                return;
            }
            // The frontier left, at the rate states were expanded since the last line: the time to
            // finish the levels known so far (deeper levels come on top).
            double rate = (idx - lastExpanded) / Math.max(1e-9, (now - lastTick) / 1e9);
            lastTick = now;
            lastExpanded = idx;
            double s = Math.max(1e-9, (now - start) / 1e9);
            double cpu = Math.max(1e-9, cpu() / 1e9);
            int frontier = store.size() - idx;
            out.update(String.format(java.util.Locale.ROOT, "model-check: depth %d, %,d states, %,d frontier (~%.0f s at %,.0f states/s), %,d successors, %.1f M successors/s (%.1f M per cpu s), %.2f M states/s, heap %,d MB",
                    depth, store.size(), frontier, frontier / Math.max(1, rate), rate, successors, successors / s / 1e6, successors / cpu / 1e6,
                    store.size() / s / 1e6, peakHeap >> 20));
        }

        private void sampleHeap() {
            var rt = Runtime.getRuntime();
            peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        }

        Stats stats(StateStore store, long successors, long changed, long pruned, int depth, boolean complete, int actions) {
            long nanos = System.nanoTime() - start;
            sampleHeap();
            long cpu = cpu();
            return new Stats(store.size(), successors, changed, pruned, depth, complete, nanos, cpu, peakHeap, store.bytes(), store.words(), actions);
        }
    }
}
