package dev.ashmem.stress.scenario;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One operation of an actor: {@code whole} is the real call the jcstress actor makes on the
 * implementation; {@code steps} is the same operation cut into the model's indivisible steps. Both
 * leave their results in the same slots, which the scenario's outcome renders.
 *
 * @param label what the actor does, for messages
 * @param slots the slots the action writes
 */
public record Action(String label, List<String> slots, Consumer<Run> whole, List<Step> steps) {

    public Action {
        Objects.requireNonNull(label, "label");
        slots = List.copyOf(slots);
        Objects.requireNonNull(whole, "whole");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(label + ": an action has at least one step");
        }
    }

    /** An operation that is one step for the model too: the real call and the step are the same code. */
    public static Action single(String label, List<String> slots, Step step) {
        return new Action(label, slots, run -> step.effect().accept(run, true), List.of(step));
    }

    /** How a jcstress actor names this action: "slot = label" ("pin = ioctl 0 PIN(0, 4096)"), or the label alone. */
    public String call() {
        return slots.isEmpty() ? label : slots.getFirst() + " = " + label;
    }

    @Override
    public String toString() {
        return label;
    }
}
