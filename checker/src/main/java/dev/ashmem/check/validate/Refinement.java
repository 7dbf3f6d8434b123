package dev.ashmem.check.validate;

import dev.ashmem.check.explore.StateStore;
import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.trace.ModelCursor;
import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.check.trace.TraceStep;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.DeviceClass;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;
import dev.ashmem.properties.ProgressLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bounded exhaustive refinement: every transition of a scope from every state within {@code depth}
 * steps of the initial state is run on a fresh implementation (setup prefix, the state's shortest
 * path, the transition) and must give the model's result at every step and the model's snapshot at
 * the end. Sequential scopes only (an implementation has no step-wise shrinker).
 */
public final class Refinement {
    /** The reference implementation, looked up by name so the checker builds without it. */
    public static final String DEFAULT_IMPL = DeviceClass.REFERENCE;

    private Refinement() {
    }

    /**
     * @param states      distinct states whose transitions were run
     * @param transitions transitions run on the implementation
     * @param deviceOps   operations the implementation executed in all
     */
    public record Report(long states, long transitions, long deviceOps, int depth, double seconds, Optional<Divergence> divergence) {
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%s: %,d states within %d steps, %,d transitions, %,d device operations, %.2f s",
                    divergence.isEmpty() ? "implementation == model" : "implementation != model", states, depth, transitions, deviceOps, seconds);
        }
    }

    /** {@code model} (a second model, as a self-check) or the name of an AshmemDevice class with an (int pageSize) constructor. */
    public static Supplier<AshmemDevice> supplier(String impl, int pageSize) {
        return supplier(impl, null, pageSize);
    }

    /** The same, looking {@code impl} up on a user's {@code classpath} too ({@link DeviceClass#classPath}; null: none). */
    public static Supplier<AshmemDevice> supplier(String impl, String classpath, int pageSize) {
        if (impl.equals("model")) {
            return () -> new AshmemModel(pageSize);
        }
        var devices = DeviceClass.load(impl, classpath);
        return () -> devices.apply(pageSize);
    }

    private record Node(ModelCursor cursor, PathNode path) {
    }

    public static Report run(Scope scope, int depth, Supplier<AshmemDevice> impl, ProgressLine progress) {
        if (scope.concurrency()) {
            throw new IllegalArgumentException("refinement runs sequential scopes only (drop --concurrency)");
        }
        long t0 = System.nanoTime();
        var kernel = new Kernel(scope);
        var actions = new Alphabet(scope).actions().toArray(Action[]::new);
        var codec = new Codec(kernel, false);
        var store = new StateStore(codec.words, 1 << 12);
        int len = kernel.frameLength();
        int[] base = new int[len];
        int[] work = new int[len];
        long[] key = new long[codec.words];
        long[] kk = new long[codec.words];
        var setup = new ArrayList<TraceStep>();
        var nodes = new HashMap<Integer, Node>();
        kernel.initial(base);
        codec.encode(base, kk);
        store.add(kk, -1);
        nodes.put(0, new Node(ModelCursor.start(scope, setup), null));
        long transitions = 0;
        long[] deviceOps = {0};
        long nextTick = System.nanoTime() + 1_000_000_000L;
        for (int idx = 0; idx < store.size(); idx++) {
            var node = nodes.remove(idx);
            int d = node.path() == null ? 0 : node.path().depth();
            if (d >= depth) {
                continue;
            }
            store.get(idx, key);
            codec.decode(key, base);
            var prefix = PathNode.steps(node.path());
            for (Action a : actions) {
                if (!kernel.enabled(base, a)) {
                    continue;
                }
                transitions++;
                var next = node.cursor().copy();
                var step = (TraceStep.Call) next.apply(a);
                var steps = new ArrayList<>(prefix);
                steps.add(step);
                var divergence = compare(scope, impl, setup, steps, next.model().snapshot(), deviceOps);
                if (divergence != null) {
                    return new Report(store.size(), transitions, deviceOps[0], depth, secs(t0), Optional.of(divergence));
                }
                boolean changed = kernel.step(base, work, a);
                if (!changed || kernel.outOfBounds(work)) {
                    continue;
                }
                codec.encode(work, kk);
                int added = store.add(kk, idx);
                if (added >= 0) {
                    nodes.put(added, new Node(next, PathNode.extend(node.path(), a, step)));
                }
            }
            if (progress != null && System.nanoTime() > nextTick) {
                nextTick = System.nanoTime() + 1_000_000_000L;
                progress.update(String.format(java.util.Locale.ROOT, "refine: %,d states, %,d transitions, %,d device operations", store.size(), transitions, deviceOps[0]));
            }
        }
        return new Report(store.size(), transitions, deviceOps[0], depth, secs(t0), Optional.empty());
    }

    /** Replays setup and steps on a fresh implementation; null when every result and the final snapshot match. */
    private static Divergence compare(Scope scope, Supplier<AshmemDevice> impl, List<TraceStep> setup, List<TraceStep> steps,
                                      DeviceSnapshot expected, long[] deviceOps) {
        try (var device = impl.get()) {
            var all = new ArrayList<TraceStep>(setup);
            all.addAll(steps);
            for (int i = 0; i < all.size(); i++) {
                var call = (TraceStep.Call) all.get(i);
                Result got;
                try {
                    got = call.op().applyTo(device);
                } catch (RuntimeException e) {
                    got = null;
                    return at(scope, setup, steps, i, call, e.toString());
                } finally {
                    deviceOps[0]++;
                }
                if (!call.result().equals(got)) {
                    return at(scope, setup, steps, i, call, String.valueOf(got));
                }
            }
            var actual = device.snapshot();
            if (!expected.equals(actual)) {
                return new Divergence(scope.pageSize(), "snapshot", setup, steps, false, expected.toString(), actual.toString());
            }
            return null;
        } catch (Exception e) {
            return new Divergence(scope.pageSize(), "device", setup, steps, false, "the model's results", e.toString());
        }
    }

    private static Divergence at(Scope scope, List<TraceStep> setup, List<TraceStep> steps, int i, TraceStep.Call call, String got) {
        int inSetup = setup.size();
        var s = i < inSetup ? setup.subList(0, i + 1) : setup;
        var p = i < inSetup ? List.<TraceStep>of() : steps.subList(0, i - inSetup + 1);
        return new Divergence(scope.pageSize(), "result", s, p, false, TracePrinter.line(call, false), got);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
