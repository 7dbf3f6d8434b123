package dev.ashmem.properties;

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
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The stateful differential property: random operation chains run on the model and on an
 * implementation; after every step the result, the whole observable state and the content must
 * agree. Each step is labelled with the spec rules the model applied, so a run reports rule coverage.
 */
public final class Differential {
    /** The most areas a chain opens; more adds states, not rules. */
    static final int MAX_AREAS = 3;
    static final int MAX_MAPPINGS = 6;

    private Differential() {
    }

    /** The state machine comparing {@code implementations} of the given page size with the model. */
    public static StateMachine<DevicePair> machine(IntFunction<? extends AshmemDevice> implementations, int pageSize) {
        java.util.function.Predicate<DevicePair> areas = p -> !p.state().areas().isEmpty();
        return StateMachine.<DevicePair>ofDrawn(ctx -> start(ctx, implementations, pageSize))
                .action(step("pin_unpin_status", 16, areas, OpDraws::pinFamily))
                .action(step("shrink", 4, areas, OpDraws::shrink))
                .action(step("access", 6, p -> !p.state().mappings().isEmpty(), OpDraws::access))
                .action(step("open", 2, p -> p.state().areas().size() < MAX_AREAS, OpDraws::open))
                .action(step("set_size", 2, areas, OpDraws::setSize))
                .action(step("mmap", 3, p -> areas.test(p) && p.state().mappings().size() < MAX_MAPPINGS, OpDraws::mmap))
                .action(step("attribute", 2, areas, OpDraws::attribute))
                .action(step("get_size", 1, areas, OpDraws::getSize))
                .action(step("prot_mask", 2, areas, OpDraws::protMask))
                .action(step("read", 2, areas, OpDraws::read))
                .action(step("llseek", 2, areas, OpDraws::llseek))
                .action(step("mprotect", 1, p -> !p.state().mappings().isEmpty(), OpDraws::mprotect))
                .action(step("munmap", 1, p -> !p.state().mappings().isEmpty(), OpDraws::munmap))
                .action(step("dup", 1, areas, OpDraws::dup))
                .action(step("close", 1, areas, OpDraws::close))
                .teardown(DevicePair::close);
    }

    /** Ends a chain: in the report of a minimal failing case, the chain as a replayable trace. */
    private static void finish(dev.ashmem.pbt.Ctx ctx, DevicePair pair) {
        if (ctx.describing()) {
            ctx.note("as a trace (save it and run: ./ashmem replay FILE):\n" + pair.trace().strip().indent(4).stripTrailing());
        }
    }

    /** Every chain starts from one area of a drawn size whose file exists, so rules are a few steps away. */
    private static DevicePair start(dev.ashmem.pbt.Ctx ctx, IntFunction<? extends AshmemDevice> implementations, int pageSize) {
        var pair = new DevicePair(new AshmemModel(pageSize), implementations.apply(pageSize));
        pair.onClose(() -> finish(ctx, pair));
        long pages = 1 + ctx.choices().draw(15);
        for (var op : java.util.List.of(new Op.Open(), new Op.Ioctl(0, new dev.ashmem.model.Command.SetSize(pages * pageSize), dev.ashmem.model.Caller.APP),
                new Op.Mmap(0, pages * pageSize, dev.ashmem.model.Prot.READ | dev.ashmem.model.Prot.WRITE, true, 0, dev.ashmem.model.Caller.APP))) {
            var outcome = pair.apply(op);
            ctx.note("setup: " + dev.ashmem.trace.Traces.line(op, outcome.expected()));
            ctx.check(outcome.agrees(), "result agrees with the model",
                    () -> op + ": model " + outcome.expected() + ", implementation " + outcome.actual());
        }
        return pair;
    }

    private static Action<DevicePair> step(String name, int weight, java.util.function.Predicate<DevicePair> when,
            Function<OpDraws, Op> draw) {
        return Action.<DevicePair>call(name, (pair, step) -> run(pair, step, draw)).weight(weight).when(when);
    }

    private static Object run(DevicePair pair, Step step, Function<OpDraws, Op> draw) {
        var op = draw.apply(new OpDraws(step.ctx().choices(), pair.state()));
        step.describe(op.toString());
        var outcome = pair.apply(op);
        for (var rule : outcome.rules()) {
            step.label(rule);
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
