package dev.ashmem.check.explore;

import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.trace.Counterexample;
import java.util.Optional;

/** The outcome of an exploration: its figures, and the counterexample if an invariant broke. */
public record CheckResult(Scope scope, Stats stats, Optional<Counterexample> counterexample) {
    public boolean passed() {
        return counterexample.isEmpty();
    }

    /** The figures on one line; a run that stopped at its first violation says so, not "depth-bounded". */
    public String summary() {
        return stats.summary(stats.complete() ? "complete" : passed() ? "depth-bounded" : "stopped at the violation");
    }
}
