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
        return machine(implementations, pageSize, pair -> { });
    }

    /**
     * The same machine; {@code described} sees the pair of every chain the engine describes (the minimal
     * counterexample's, when a check failed), before its implementation is closed.
     */
    public static StateMachine<DevicePair> machine(IntFunction<? extends AshmemDevice> implementations, int pageSize,
            Consumer<DevicePair> described) {
        var machine = StateMachine.<DevicePair>ofDrawn(ctx -> start(ctx, implementations, pageSize, described));
        for (var kind : OpKind.values()) {
            machine = machine.action(Action.<DevicePair>call(kind.label(), (pair, step) -> run(pair, step, kind))
                    .weight(kind.weight()).when(p -> kind.enabled(p.state())));
        }
        return machine.teardown(DevicePair::close);
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
            Consumer<DevicePair> described) {
        var pair = new DevicePair(new AshmemModel(pageSize), implementations.apply(pageSize));
        pair.onClose(() -> finish(ctx, pair, described));
        try {
            for (var op : OpGenerator.prelude(ctx.choices(), pageSize)) {
                var outcome = pair.apply(op);
                ctx.note("setup: " + dev.ashmem.trace.Traces.line(op, outcome.expected()));
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
        step.describe(op.toString());
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
        var difference = pair.difference();
        step.check(difference == null, "state agrees with the model", () -> op + ": " + difference);
        return outcome.expected();
    }

    /** The configuration of a default run: enough tries to see every rule a sequential caller can fire. */
    public static Config defaultConfig() {
        return Config.defaults().withTries(300).withMaxSteps(60)
                .requireCoverage(1, RuleCatalogue.SEQUENTIAL.toArray(String[]::new));
    }

    /** Runs the differential property against {@code implementations} under {@code config}. */
    public static Result check(String name, IntFunction<? extends AshmemDevice> implementations, int pageSize, Config config) {
        return Pbt.check(name, config.withPageSize(pageSize), machine(implementations, pageSize)::run);
    }
}
