package dev.ashmem.check;

import java.util.Optional;

/** The outcome of an exploration: its figures, and the counterexample if an invariant broke. */
public record CheckResult(Scope scope, Stats stats, Optional<Counterexample> counterexample) {
    public boolean passed() {
        return counterexample.isEmpty();
    }
}
