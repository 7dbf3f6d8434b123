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
import java.io.PrintStream;
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
 */
public final class Explorer {
    private final Scope scope;
    private final Kernel kernel;
    private final PrintStream progress;

    /** Explores {@code scope} with the real kernel, printing progress to stderr. */
    public Explorer(Scope scope) {
        this(new Kernel(scope), System.err);
    }

    /** Explores the kernel's scope with the given (maybe deliberately broken) kernel; progress may be null. */
    public Explorer(Kernel kernel, PrintStream progress) {
        this.scope = kernel.scope();
        this.kernel = kernel;
        this.progress = progress;
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
        private final PrintStream out;
        private final long start = System.nanoTime();
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final long cpuStart = threads.getCurrentThreadCpuTime();
        private long nextTick = start + 1_000_000_000L;
        private long peakHeap;

        Meter(PrintStream out) {
            this.out = out;
            sampleHeap();
        }

        void tick(StateStore store, long successors, int depth, int idx) {
            long now = System.nanoTime();
            if (now < nextTick) {
                return;
            }
            nextTick = now + 1_000_000_000L;
            sampleHeap();
            if (out != null) {
                double s = (now - start) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                out.printf(java.util.Locale.ROOT, "model-check: depth %d, %,d states, %,d frontier, %,d successors, %.1f M successors/s (%.1f M per cpu s), %.2f M states/s, heap %,d MB%n",
                        depth, store.size(), store.size() - idx, successors, successors / s / 1e6, successors / cpu / 1e6, store.size() / s / 1e6, peakHeap >> 20);
                out.flush();
            }
        }

        private void sampleHeap() {
            var rt = Runtime.getRuntime();
            peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        }

        Stats stats(StateStore store, long successors, long changed, long pruned, int depth, boolean complete, int actions) {
            long nanos = System.nanoTime() - start;
            sampleHeap();
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            return new Stats(store.size(), successors, changed, pruned, depth, complete, nanos, cpu, peakHeap, store.bytes(), store.words(), actions);
        }
    }
}
