package dev.ashmem.check.trace;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.model.Invariants.Violation;
import java.util.List;

/**
 * A shortest path from the initial state to a state that breaks an invariant.
 *
 * @param pageSize        the scope's page size, for the printed trace
 * @param violations      what the final state breaks, first the one reported
 * @param setup           the prefix that builds the initial state on a fresh device
 * @param steps           the path, with the model's results
 * @param actions         the same path as kernel actions
 * @param threads         whether steps name caller and shrinker threads
 * @param modelViolations what the model itself reports after replaying the trace
 */
public record Counterexample(int pageSize, List<Violation> violations, List<TraceStep> setup, List<TraceStep> steps, List<Action> actions,
                             boolean threads, List<Violation> modelViolations) {
    public Counterexample {
        violations = List.copyOf(violations);
        setup = List.copyOf(setup);
        steps = List.copyOf(steps);
        actions = List.copyOf(actions);
        modelViolations = List.copyOf(modelViolations);
    }

    public int length() {
        return steps.size();
    }

    public String ruleId() {
        return violations.getFirst().ruleId();
    }

    public TraceStep lastStep() {
        return steps.getLast();
    }
}
