package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
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

    /** A check of the state a chain ended in: null when it holds, else what is wrong. */
    private record AtEnd<S>(String label, Function<? super S, String> problem) {}

    private final Function<Ctx, ? extends S> initial;
    private final List<Action<S>> actions;
    private final List<Invariant<S>> invariants;
    private final List<AtEnd<S>> atEnd;
    private final Consumer<? super S> teardown;
    private final long[] offsets; // cumulative weight before each action
    private final long totalWeight;

    private StateMachine(Function<Ctx, ? extends S> initial, List<Action<S>> actions, List<Invariant<S>> invariants,
            List<AtEnd<S>> atEnd, Consumer<? super S> teardown) {
        this.initial = initial;
        this.actions = List.copyOf(actions);
        this.invariants = List.copyOf(invariants);
        this.atEnd = List.copyOf(atEnd);
        this.teardown = teardown;
        this.offsets = new long[this.actions.size()];
        long total = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = total;
            total += this.actions.get(i).weight();
        }
        this.totalWeight = total;
    }

    /** A machine starting every chain from a fresh {@code initial.get()}. */
    public static <S> StateMachine<S> of(Supplier<? extends S> initial) {
        Objects.requireNonNull(initial);
        return new StateMachine<>(ctx -> initial.get(), List.of(), List.of(), List.of(), s -> {});
    }

    /** A machine whose initial state is itself drawn (use {@code ctx.draw(gen, name)} so it is reported). */
    public static <S> StateMachine<S> ofDrawn(Function<Ctx, ? extends S> initial) {
        return new StateMachine<>(Objects.requireNonNull(initial), List.of(), List.of(), List.of(), s -> {});
    }

    /** Adds an action; earlier actions are simpler (the shrinker prefers them). */
    public StateMachine<S> action(Action<S> action) {
        var all = new ArrayList<>(actions);
        all.add(action);
        return new StateMachine<>(initial, all, invariants, atEnd, teardown);
    }

    /** Adds an invariant, checked on the initial state and after every step. */
    public StateMachine<S> invariant(String label, Predicate<? super S> check) {
        var all = new ArrayList<>(invariants);
        all.add(new Invariant<>(label, check));
        return new StateMachine<>(initial, actions, all, atEnd, teardown);
    }

    /** Releases a chain's state (close files, unmap memory) after it ends, pass or fail. */
    public StateMachine<S> teardown(Consumer<? super S> teardown) {
        return new StateMachine<>(initial, actions, invariants, atEnd, Objects.requireNonNull(teardown));
    }

    /**
     * Adds a check of the state a chain ends in, after its last step (not after a step that failed):
     * {@code problem} returns null when it holds, else what is wrong. For checks too costly for every step.
     */
    public StateMachine<S> atEnd(String label, Function<? super S, String> problem) {
        var all = new ArrayList<>(atEnd);
        all.add(new AtEnd<>(Objects.requireNonNull(label), Objects.requireNonNull(problem)));
        return new StateMachine<>(initial, actions, invariants, all, teardown);
    }

    /** Runs one chain of up to {@code ctx.config().maxSteps()} steps. */
    public void run(Ctx ctx) throws Throwable {
        if (actions.isEmpty()) throw new IllegalStateException("state machine has no actions");
        Choices choices = ctx.choices();
        int maxSteps = ctx.config().maxSteps();
        double pMore = continueProbability(maxSteps);
        boolean[] enabled = new boolean[actions.size()];
        S state = initial.apply(ctx);
        try {
            checkInvariants(state, 0);
            for (int number = 1; number <= maxSteps; number++) {
                choices.startSpan();
                if (!choices.weighted(pMore)) {
                    choices.endSpan();
                    break;
                }
                Action<S> action = choose(state, choices, enabled);
                if (action == null) {
                    choices.endSpan();
                    ctx.note("(no action enabled after step " + (number - 1) + ")");
                    break;
                }
                ctx.countStep();
                action.execute(state, ctx, number);
                checkInvariants(state, number);
                choices.endSpan();
            }
            for (AtEnd<S> end : atEnd) {
                String problem = end.problem().apply(state);
                if (problem != null) {
                    throw new CheckFailure(end.label(), "'" + end.label() + "' failed at the end of the chain: " + problem);
                }
            }
        } finally {
            teardown.accept(state);
        }
    }

    /** Runs this machine as a property on its own. */
    public Result check(String name, Config config) {
        return Pbt.check(name, config, this::run);
    }

    /*
     * The recorded choice is a position in the cumulative weights of ALL actions, not of the enabled ones,
     * so a step keeps its action when the shrinker deletes earlier steps that changed which actions are
     * enabled. A position on a disabled action means the next enabled one (cyclically). While generating,
     * the action is picked by weight among the enabled ones and its position is recorded.
     */
    private Action<S> choose(S state, Choices choices, boolean[] enabled) {
        long enabledWeight = 0;
        for (int i = 0; i < actions.size(); i++) {
            enabled[i] = actions.get(i).enabled(state);
            if (enabled[i]) enabledWeight += actions.get(i).weight();
        }
        if (enabledWeight == 0) return null;
        SplittableRandom random = choices.random();
        int index;
        if (random != null) {
            long k = random.nextLong(enabledWeight);
            index = 0;
            while (!enabled[index] || k >= actions.get(index).weight()) {
                if (enabled[index]) k -= actions.get(index).weight();
                index++;
            }
            choices.forced(totalWeight - 1, offsets[index]);
        } else {
            long k = choices.draw(totalWeight - 1);
            index = 0;
            while (index + 1 < actions.size() && offsets[index + 1] <= k) index++;
            while (!enabled[index]) index = (index + 1) % actions.size();
        }
        return actions.get(index);
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
