package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stateful test: chains of actions run against a state that typically holds a model and an
 * implementation side by side. Each step picks an enabled action (by weight), runs it, checks its
 * postconditions and then every invariant. The chain length is drawn from the choices (a "more?" flag
 * before each step, each step a span), so shrinking deletes steps and simplifies their arguments.
 *
 * <pre>{@code
 * var machine = StateMachine.of(Buf::new)
 *         .action(Action.<Buf>run("put", (s, step) -> s.put(step.draw(Gens.ints(0, 9)))).when(Buf::notFull))
 *         .action(Action.<Buf>call("size", (s, step) -> s.impl.size())
 *                 .ensure("size matches model", (s, r) -> r.equals(s.model.size())))
 *         .invariant("never over capacity", s -> s.impl.size() <= s.capacity);
 * machine.run(ctx);    // inside a property, or machine.check("name", config) on its own
 * }</pre>
 */
public final class StateMachine<S> {

    private record Invariant<S>(String label, Predicate<? super S> check) {}

    private final Function<Ctx, ? extends S> initial;
    private final List<Action<S>> actions;
    private final List<Invariant<S>> invariants;
    private final Consumer<? super S> teardown;

    private StateMachine(Function<Ctx, ? extends S> initial, List<Action<S>> actions, List<Invariant<S>> invariants,
            Consumer<? super S> teardown) {
        this.initial = initial;
        this.actions = List.copyOf(actions);
        this.invariants = List.copyOf(invariants);
        this.teardown = teardown;
    }

    /** A machine starting every chain from a fresh {@code initial.get()}. */
    public static <S> StateMachine<S> of(Supplier<? extends S> initial) {
        Objects.requireNonNull(initial);
        return new StateMachine<>(ctx -> initial.get(), List.of(), List.of(), s -> {});
    }

    /** A machine whose initial state is itself drawn (use {@code ctx.draw(gen, name)} so it is reported). */
    public static <S> StateMachine<S> ofDrawn(Function<Ctx, ? extends S> initial) {
        return new StateMachine<>(Objects.requireNonNull(initial), List.of(), List.of(), s -> {});
    }

    /** Adds an action; earlier actions are simpler (the shrinker prefers them). */
    public StateMachine<S> action(Action<S> action) {
        var all = new ArrayList<>(actions);
        all.add(action);
        return new StateMachine<>(initial, all, invariants, teardown);
    }

    /** Adds an invariant, checked on the initial state and after every step. */
    public StateMachine<S> invariant(String label, Predicate<? super S> check) {
        var all = new ArrayList<>(invariants);
        all.add(new Invariant<>(label, check));
        return new StateMachine<>(initial, actions, all, teardown);
    }

    /** Releases a chain's state (close files, unmap memory) after it ends, pass or fail. */
    public StateMachine<S> teardown(Consumer<? super S> teardown) {
        return new StateMachine<>(initial, actions, invariants, Objects.requireNonNull(teardown));
    }

    /** Runs one chain of up to {@code ctx.config().maxSteps()} steps. */
    public void run(Ctx ctx) throws Throwable {
        if (actions.isEmpty()) throw new IllegalStateException("state machine has no actions");
        Choices choices = ctx.choices();
        int maxSteps = ctx.config().maxSteps();
        double pMore = continueProbability(maxSteps);
        int[] enabled = new int[actions.size()];
        S state = initial.apply(ctx);
        try {
            checkInvariants(state, 0);
            for (int number = 1; number <= maxSteps; number++) {
                choices.startSpan();
                if (!choices.weighted(pMore)) {
                    choices.endSpan();
                    break;
                }
                int n = 0;
                long totalWeight = 0;
                for (int i = 0; i < actions.size(); i++) {
                    if (actions.get(i).enabled(state)) {
                        enabled[n++] = i;
                        totalWeight += actions.get(i).weight();
                    }
                }
                if (n == 0) {
                    choices.endSpan();
                    ctx.note("(no action enabled after step " + (number - 1) + ")");
                    break;
                }
                Action<S> action = pick(enabled, n, choices.draw(totalWeight - 1));
                ctx.countStep();
                action.execute(state, ctx, number);
                checkInvariants(state, number);
                choices.endSpan();
            }
        } finally {
            teardown.accept(state);
        }
    }

    /** Runs this machine as a property on its own. */
    public Result check(String name, Config config) {
        return Pbt.check(name, config, this::run);
    }

    private Action<S> pick(int[] enabled, int n, long k) {
        for (int i = 0; i < n; i++) {
            Action<S> a = actions.get(enabled[i]);
            if (k < a.weight()) return a;
            k -= a.weight();
        }
        return actions.get(enabled[n - 1]);
    }

    private void checkInvariants(S state, int afterStep) {
        for (Invariant<S> inv : invariants) {
            if (!inv.check().test(state)) {
                throw new CheckFailure(inv.label(), "invariant '" + inv.label() + "' violated "
                        + (afterStep == 0 ? "in the initial state" : "after step " + afterStep));
            }
        }
    }

    // Geometric chain lengths averaging about half the maximum, so both short and long chains occur.
    private static double continueProbability(int maxSteps) {
        double mean = Math.max(1.0, maxSteps / 2.0);
        return mean / (mean + 1);
    }
}
