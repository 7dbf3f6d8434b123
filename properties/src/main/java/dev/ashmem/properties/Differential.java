package dev.ashmem.properties;

import dev.ashmem.generator.OpGenerator;
import dev.ashmem.generator.OpKind;
import dev.ashmem.generator.Steering;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Op;
import dev.ashmem.model.RuleCatalogue;
import dev.ashmem.pbt.Action;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import dev.ashmem.pbt.StateMachine;
import dev.ashmem.pbt.Step;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.function.IntFunction;

/**
 * The stateful differential property: random operation chains run on the model and on an
 * implementation; after every step the result, the whole observable state and the content must
 * agree. Each step is labelled with the spec rules the model applied, so a run reports rule coverage.
 */
public final class Differential {
    private Differential() {
    }

    /** The state machine comparing {@code implementations} of the given page size with the model: one action per {@link OpKind}. */
    public static StateMachine<DevicePair> machine(IntFunction<? extends AshmemDevice> implementations, int pageSize) {
        return machine(implementations, pageSize, Capabilities.full(), pair -> { });
    }

    /** The same, drawing only the operation classes {@code capabilities} names and comparing what they let the device show. */
    public static StateMachine<DevicePair> machine(IntFunction<? extends AshmemDevice> implementations, int pageSize,
            Capabilities capabilities) {
        return machine(implementations, pageSize, capabilities, pair -> { });
    }

    /**
     * The same machine; {@code described} sees the pair of every chain the engine describes (the minimal
     * counterexample's, when a check failed), before its implementation is closed.
     */
    public static StateMachine<DevicePair> machine(IntFunction<? extends AshmemDevice> implementations, int pageSize,
            Capabilities capabilities, Consumer<DevicePair> described) {
        var machine = StateMachine.<DevicePair>ofDrawn(ctx -> start(ctx, implementations, pageSize, capabilities, described));
        for (var kind : OpKind.values()) {
            if (!capabilities.supports(kind)) {
                continue;
            }
            machine = machine.action(Action.<DevicePair>call(kind.label(), (pair, step) -> run(pair, step, kind))
                    .weight(kind.weight()).when(p -> kind.enabled(p.state())));
        }
        if (!capabilities.exposesState() && capabilities.supports(OpKind.SHRINK)) {
            machine = machine.action(Action.<DevicePair>call(LRU_PROBE, Differential::probeLru)
                    .weight(2).when(p -> !p.state().lru().isEmpty()));
        }
        // A step compares the bytes it can have changed (Footprint); the chain's end compares them all.
        return machine.atEnd(STATE_AGREES, DevicePair::difference).teardown(DevicePair::close);
    }

    /** The check after every step and at the chain's end: one label, so shrinking may move a failure between them. */
    private static final String STATE_AGREES = "state agrees with the model";

    /** The action name of the observable-only mode's LRU probe. */
    public static final String LRU_PROBE = "probe_lru";

    /**
     * Observable-only mode cannot compare LRUs, so it makes the order show: the shrinker purges one range
     * per scan of 1 (SHRINK-NR) from the head (SHRINK-ORDER), so draining the LRU scan by scan shows each
     * range's size in what the scan frees, and which range went in the content and later PIN results.
     */
    private static Object probeLru(DevicePair pair, Step step) {
        var scans = new ArrayList<String>();
        while (!pair.state().lru().isEmpty()) {
            var op = new Op.ShrinkScan(1, true);
            var outcome = pair.apply(op);
            scans.add(dev.ashmem.trace.Traces.line(op, outcome.expected()));
            for (var rule : outcome.rules()) {
                step.label(rule);
            }
            step.describe(String.join("; ", scans));
            step.check(outcome.agrees(), "result agrees with the model",
                    () -> op + ": model " + outcome.expected() + ", implementation " + outcome.actual());
            var difference = pair.difference();
            step.check(difference == null, STATE_AGREES, () -> op + ": " + difference);
        }
        return scans.size();
    }

    /** Ends a chain: in the report of a minimal failing case, the chain as a replayable trace. */
    private static void finish(dev.ashmem.pbt.Ctx ctx, DevicePair pair, Consumer<DevicePair> described) {
        if (ctx.describing()) {
            ctx.note("as a trace (save it and run: ./ashmem replay FILE):\n" + pair.trace().strip().indent(4).stripTrailing());
            described.accept(pair);
        }
    }

    /** Every chain starts from one area of a drawn size whose file exists, so rules are a few steps away. */
    private static DevicePair start(dev.ashmem.pbt.Ctx ctx, IntFunction<? extends AshmemDevice> implementations, int pageSize,
            Capabilities capabilities, Consumer<DevicePair> described) {
        var pair = new DevicePair(new AshmemModel(pageSize), implementations.apply(pageSize), capabilities);
        pair.onClose(() -> finish(ctx, pair, described));
        try {
            for (var op : OpGenerator.prelude(ctx.choices(), pageSize)) {
                if (op instanceof Op.Mmap && !capabilities.supports(OpKind.MMAP)) {
                    continue;
                }
                var outcome = pair.apply(op);
                ctx.note(() -> "setup: " + dev.ashmem.trace.Traces.line(op, outcome.expected())); // rendered only when reported
                ctx.check(outcome.agrees(), "result agrees with the model",
                        () -> op + ": model " + outcome.expected() + ", implementation " + outcome.actual());
            }
        } catch (RuntimeException | Error e) {
            pair.close(); // the machine's teardown only sees a started chain
            throw e;
        }
        return pair;
    }

    private static Object run(DevicePair pair, Step step, OpKind kind) {
        var before = pair.state();
        var op = OpGenerator.draw(kind, step.ctx().choices(), before);
        step.describe(op::toString); // only rendered for the reported case
        var outcome = pair.apply(op);
        for (var rule : outcome.rules()) {
            step.label(rule);
        }
        for (var target : Steering.of(before, op)) {
            step.label(target.label());
        }
        // Fixed labels: the engine keeps a smaller case only if it fails under the same label.
        step.check(outcome.agrees(), "result agrees with the model",
                () -> op + ": model " + outcome.expected() + ", implementation " + outcome.actual());
        var difference = pair.difference(Footprint.of(op, before, pair.state()));
        step.check(difference == null, STATE_AGREES, () -> op + ": " + difference);
        return outcome.expected();
    }

    /** The configuration of a default run: enough tries to see every rule a sequential caller can fire. */
    public static Config defaultConfig() {
        return defaultConfig(Capabilities.full());
    }

    /**
     * The same for a device with {@code capabilities}: one without every operation class cannot reach every
     * rule, so none is required of it; an observable-only run needs longer chains of luck (a hidden
     * difference must meet the step that shows it), so it runs 1000 tries.
     */
    public static Config defaultConfig(Capabilities capabilities) {
        var config = Config.defaults().withTries(capabilities.exposesState() ? 300 : 1000).withMaxSteps(60);
        return capabilities.complete() ? config.requireCoverage(1, RuleCatalogue.SEQUENTIAL.toArray(String[]::new)) : config;
    }

    /** Runs the differential property against {@code implementations} under {@code config}. */
    public static Result check(String name, IntFunction<? extends AshmemDevice> implementations, int pageSize, Config config) {
        return check(name, implementations, pageSize, config, Capabilities.full());
    }

    /** Runs it against a device with the given capabilities. */
    public static Result check(String name, IntFunction<? extends AshmemDevice> implementations, int pageSize, Config config,
            Capabilities capabilities) {
        if (!capabilities.supports(pageSize)) {
            throw new IllegalArgumentException(name + ": the implementation does not support page size " + pageSize + " (" + capabilities + ")");
        }
        return Pbt.check(name, config.withPageSize(pageSize), machine(implementations, pageSize, capabilities)::run);
    }
}
