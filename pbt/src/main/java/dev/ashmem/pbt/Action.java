package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * One kind of step of a {@link StateMachine}: a name, a weight, a precondition on the state, a body that
 * draws its arguments through {@link Step} and acts on the state, and postconditions on its result.
 *
 * <pre>{@code
 * Action<Buf> get = Action.<Buf>call("get", (s, step) -> s.impl.get())
 *         .when(s -> !s.model.isEmpty())
 *         .ensure("get returns the oldest element", (s, r) -> r.equals(s.removedFromModel));
 * }</pre>
 */
public final class Action<S> {

    /** A body whose return value is the step's result, shown after {@code ->} in reports. */
    @FunctionalInterface
    public interface Call<S> {
        Object apply(S state, Step step) throws Throwable;
    }

    /** A body without a result. */
    @FunctionalInterface
    public interface Run<S> {
        void apply(S state, Step step) throws Throwable;
    }

    private record Postcondition<S>(String label, BiPredicate<? super S, Object> check) {}

    private final String name;
    private final String statLabel;
    private final int weight;
    private final Predicate<? super S> precondition;
    private final Call<S> body;
    private final boolean showsResult;
    private final List<Postcondition<S>> postconditions;

    private Action(String name, int weight, Predicate<? super S> precondition, Call<S> body, boolean showsResult,
            List<Postcondition<S>> postconditions) {
        this.name = Objects.requireNonNull(name);
        this.statLabel = "action:" + name;
        if (weight < 1) throw new IllegalArgumentException("weight must be >= 1: " + weight);
        this.weight = weight;
        this.precondition = precondition;
        this.body = body;
        this.showsResult = showsResult;
        this.postconditions = List.copyOf(postconditions);
    }

    /** An action whose body returns a result (shown in reports and passed to postconditions). */
    public static <S> Action<S> call(String name, Call<S> body) {
        return new Action<>(name, 1, s -> true, body, true, List.of());
    }

    /** An action whose body returns nothing. */
    public static <S> Action<S> run(String name, Run<S> body) {
        Objects.requireNonNull(body);
        return new Action<>(name, 1, s -> true, (s, step) -> {
            body.apply(s, step);
            return null;
        }, false, List.of());
    }

    /** Relative likelihood among the enabled actions (default 1). */
    public Action<S> weight(int weight) {
        return new Action<>(name, weight, precondition, body, showsResult, postconditions);
    }

    /** Precondition: the action is only chosen in states where this holds. */
    public Action<S> when(Predicate<? super S> precondition) {
        Objects.requireNonNull(precondition);
        return new Action<>(name, weight, precondition, body, showsResult, postconditions);
    }

    /**
     * Postcondition on the state after the step and the body's result; a violation fails with a
     * {@link CheckFailure} labelled {@code label}.
     */
    public Action<S> ensure(String label, BiPredicate<? super S, Object> check) {
        var all = new ArrayList<>(postconditions);
        all.add(new Postcondition<>(label, check));
        return new Action<>(name, weight, precondition, body, showsResult, all);
    }

    public String name() {
        return name;
    }

    public int weight() {
        return weight;
    }

    boolean enabled(S state) {
        return precondition.test(state);
    }

    /** Runs the step: body, then postconditions; records the description line when describing. */
    void execute(S state, Ctx ctx, int number) throws Throwable {
        var step = new Step(ctx, number, name);
        ctx.label(statLabel);
        Object result = null;
        boolean returned = false;
        try {
            result = body.apply(state, step);
            returned = true;
        } finally {
            if (ctx.describing()) ctx.note(step.render(returned && showsResult, result));
        }
        for (Postcondition<S> p : postconditions) {
            if (!p.check().test(state, result)) {
                throw new CheckFailure(p.label(), "postcondition '" + p.label() + "' failed after step " + number
                        + (showsResult ? " (result " + Show.show(result) + ")" : ""));
            }
        }
    }
}
