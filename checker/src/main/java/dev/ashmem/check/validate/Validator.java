package dev.ashmem.check.validate;

import dev.ashmem.check.explore.StateStore;
import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.kernel.ModelEncoder;
import dev.ashmem.check.kernel.PackedPins;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.trace.ModelCursor;
import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.check.trace.TraceStep;
import dev.ashmem.model.Invariants.Violation;
import dev.ashmem.properties.ProgressLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Proves the kernel equals the model on a scope: a breadth-first walk (without symmetry) that carries,
 * for every state, the model in that state (reached by replaying the state's path), takes every enabled
 * action on both, and compares the results, the states (the model read back into the kernel's canonical
 * packing) and the invariant verdicts (the kernel's checks against the model's {@code violations()}).
 */
public final class Validator {
    private Validator() {
    }

    /** A divergence between the explorer's packed PIN/UNPIN/GET_PIN_STATUS step and the kernel's. */
    static final String PACKED_STEP = "packed step";

    /**
     * @param states      distinct states visited
     * @param transitions transitions compared
     * @param complete    every state of the scope was visited (no state bound hit)
     */
    public record Report(long states, long transitions, boolean complete, double seconds, Optional<Divergence> divergence, long packed) {
        public Report(long states, long transitions, boolean complete, double seconds, Optional<Divergence> divergence) {
            this(states, transitions, complete, seconds, divergence, 0);
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "%s: %,d states, %,d transitions compared with the model%s%s, %.2f s",
                    divergence.isEmpty() ? "kernel == model" : divergence.get().what().equals(PACKED_STEP) ? "packed step != kernel" : "kernel != model",
                    states, transitions,
                    complete ? " (every transition of the scope)" : " (state bound reached: partial)",
                    packed > 0 ? String.format(java.util.Locale.ROOT, "; %,d PIN/UNPIN/GET_PIN_STATUS steps taken on packed states == the kernel's", packed) : "",
                    seconds);
        }
    }

    private record Node(ModelCursor cursor, PathNode path) {
    }

    public static Report run(Scope scope, Kernel kernel, long maxStates, ProgressLine progress) {
        long t0 = System.nanoTime();
        var actions = new Alphabet(scope).actions().toArray(Action[]::new);
        var codec = new Codec(kernel, false);
        var compare = new Codec(kernel, false, true);
        var inv = new FrameInvariants(kernel);
        var encoder = new ModelEncoder(kernel);
        // The explorer takes PIN/UNPIN/GET_PIN_STATUS on packed states where it can: checked against the kernel here too.
        var packed = PackedPins.forKernel(kernel, codec, actions);
        long[] pk = new long[codec.words];
        long packedCompared = 0;
        var store = new StateStore(codec.words, 1 << 12);
        int len = kernel.frameLength();
        int[] base = new int[len];
        int[] work = new int[len];
        int[] modelFrame = new int[len];
        long[] key = new long[codec.words];
        long[] kk = new long[codec.words];
        long[] mk = new long[codec.words];
        var setup = new ArrayList<TraceStep>();
        var nodes = new HashMap<Integer, Node>();

        kernel.initial(base);
        var start = ModelCursor.start(scope, setup);
        encoder.encode(start, base, modelFrame);
        compare.encode(base, kk);
        compare.encode(modelFrame, mk);
        if (!java.util.Arrays.equals(kk, mk)) {
            return new Report(0, 0, false, secs(t0), Optional.of(new Divergence(scope.pageSize(), "initial state", setup, List.of(), scope.concurrency(),
                    start.model().snapshot().toString(), "kernel initial state differs")));
        }
        codec.encode(base, kk);
        store.add(kk, -1);
        nodes.put(0, new Node(start, null));
        long transitions = 0;
        boolean complete = true;
        long nextTick = System.nanoTime() + 1_000_000_000L;
        for (int idx = 0; idx < store.size(); idx++) {
            var node = nodes.remove(idx);
            if (node == null) {
                complete = false; // beyond the state bound
                continue;
            }
            if (scope.maxDepth() > 0 && node.path() != null && node.path().depth() >= scope.maxDepth()) {
                complete = false; // the scope's depth bound
                continue;
            }
            store.get(idx, key);
            codec.decode(key, base);
            if (!inv.check(base, null)) {
                continue; // both agreed it breaks an invariant; nothing to learn beyond it
            }
            if (packed != null) {
                packed.prepare(base);
            }
            for (int ai = 0; ai < actions.length; ai++) {
                Action a = actions[ai];
                if (!kernel.enabled(base, a)) {
                    continue;
                }
                transitions++;
                int direct = packed != null && packed.takes(ai) ? packed.step(ai, pk) : PackedPins.DECLINED;
                boolean changes = kernel.step(base, work, a);
                boolean packedAgrees = true;
                if (direct != PackedPins.DECLINED) {
                    packedCompared++;
                    packedAgrees = direct == PackedPins.UNCHANGED ? !changes
                            : changes && codec.encode(work, kk) && java.util.Arrays.equals(kk, pk);
                }
                if (!changes) {
                    System.arraycopy(base, 0, work, 0, len);
                }
                var next = node.cursor().copy();
                TraceStep step;
                try {
                    step = next.apply(a);
                } catch (RuntimeException e) {
                    return diverged(scope, setup, node, a, null, t0, store, transitions, "model refused the step", e.toString(), "kernel took it");
                }
                var diff = next.disagreement(kernel, step, a);
                if (diff != null) {
                    return diverged(scope, setup, node, a, step, t0, store, transitions, "result", TracePrinter.line(step, scope.concurrency()), diff);
                }
                if (!packedAgrees) {
                    return diverged(scope, setup, node, a, step, t0, store, transitions, PACKED_STEP, "the kernel's successor, packed",
                            direct == PackedPins.UNCHANGED ? "PackedPins: unchanged" : "PackedPins: another packing");
                }
                if (kernel.pruned()) {
                    continue; // the kernel does not build successors beyond the mapping bound
                }
                try {
                    encoder.encode(next, work, modelFrame);
                    compare.encode(modelFrame, mk);
                    compare.encode(work, kk);
                } catch (RuntimeException e) {
                    return diverged(scope, setup, node, a, step, t0, store, transitions, "state", next.model().snapshot().toString(), e.toString());
                }
                if (!java.util.Arrays.equals(kk, mk)) {
                    return diverged(scope, setup, node, a, step, t0, store, transitions, "state", next.model().snapshot().toString(),
                            "the checked transition function reached a different state");
                }
                var kernelRules = rules(inv, work);
                var modelRules = new TreeSet<String>();
                next.model().violations().stream().map(Violation::ruleId).filter(id -> id.startsWith("INV-")).forEach(modelRules::add);
                if (!kernelRules.equals(modelRules)) {
                    return diverged(scope, setup, node, a, step, t0, store, transitions, "invariants", "model breaks " + modelRules,
                            "kernel breaks " + kernelRules);
                }
                if (kernel.outOfBounds(work)) {
                    continue;
                }
                codec.encode(work, kk);
                int added = store.add(kk, idx);
                if (added >= 0 && store.size() <= maxStates) {
                    nodes.put(added, new Node(next, PathNode.extend(node.path(), a, step)));
                } else if (added >= 0) {
                    complete = false;
                }
            }
            if (progress != null && System.nanoTime() > nextTick) {
                nextTick = System.nanoTime() + 1_000_000_000L;
                progress.update(String.format(java.util.Locale.ROOT, "validate: %,d states, %,d transitions compared", store.size(), transitions));
            }
        }
        return new Report(store.size(), transitions, complete, secs(t0), Optional.empty(), packedCompared);
    }

    private static TreeSet<String> rules(FrameInvariants inv, int[] f) {
        var out = new ArrayList<Violation>();
        inv.check(f, out);
        var ids = new TreeSet<String>();
        out.stream().map(Violation::ruleId).filter(id -> id.startsWith("INV-")).forEach(ids::add);
        return ids;
    }

    private static Report diverged(Scope scope, List<TraceStep> setup, Node node, Action a, TraceStep step, long t0, StateStore store,
                                   long transitions, String what, String expected, String actual) {
        var steps = PathNode.steps(node.path());
        if (step != null) {
            steps.add(step);
        } else {
            steps.add(new TraceStep.Call(a.thread(), node.cursor().op(a), dev.ashmem.model.Result.ZERO, "not taken by the model"));
        }
        return new Report(store.size(), transitions, false, secs(t0),
                Optional.of(new Divergence(scope.pageSize(), what, setup, steps, scope.concurrency(), expected, actual)));
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
