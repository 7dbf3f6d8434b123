package dev.ashmem.stress.scenario;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One indivisible step of an action as the model sees it (CONC-MUTEX): a locked section, an unlocked
 * step, or a mutex_trylock with the section it guards. Serial orders of steps are what the expected
 * outcomes are derived from.
 *
 * @param label  for messages
 * @param kind   how the step relates to the mutex
 * @param active whether the step still does anything (a scan that gave up skips the rest)
 * @param effect the step on a run; its boolean is whether a trylock succeeded, or which branch of a
 *               choice is taken (always true otherwise)
 */
public record Step(String label, Kind kind, Predicate<Run> active, BiConsumer<Run, Boolean> effect) {

    public enum Kind {
        /** Runs without the mutex. */
        UNLOCKED,
        /** A locked section. */
        LOCKED,
        /** PIN, UNPIN, GET_PIN_STATUS: a locked section that first waits for in-flight punches. */
        WAITS_FOR_PUNCHES,
        /** The shrinker's mutex_trylock: either fails, or succeeds and runs its locked section. */
        TRYLOCK,
        /** Unlocked, and either of two things may happen (which page of a read is read first). */
        UNLOCKED_CHOICE
    }

    public Step {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(effect, "effect");
    }

    public static Step unlocked(String label, Consumer<Run> effect) {
        return new Step(label, Kind.UNLOCKED, r -> true, (r, ok) -> effect.accept(r));
    }

    public static Step locked(String label, Consumer<Run> effect) {
        return new Step(label, Kind.LOCKED, r -> true, (r, ok) -> effect.accept(r));
    }

    public static Step waitsForPunches(String label, Consumer<Run> effect) {
        return new Step(label, Kind.WAITS_FOR_PUNCHES, r -> true, (r, ok) -> effect.accept(r));
    }

    public static Step tryLock(String label, Predicate<Run> active, BiConsumer<Run, Boolean> effect) {
        return new Step(label, Kind.TRYLOCK, active, effect);
    }

    public static Step choice(String label, BiConsumer<Run, Boolean> effect) {
        return new Step(label, Kind.UNLOCKED_CHOICE, r -> true, effect);
    }

    /** Whether a task about to run this step may be holding the mutex (so a trylock elsewhere fails). */
    public boolean mayHoldMutex(Run run) {
        return kind != Kind.UNLOCKED && kind != Kind.UNLOCKED_CHOICE && active.test(run);
    }

    /** Whether this step can run now: PINARG-WAIT keeps it back while a punch is in flight. */
    public boolean enabled(Run run) {
        return kind != Kind.WAITS_FOR_PUNCHES || !run.target().pinWaitsForPunches() || run.target().inflight() == 0;
    }

    @Override
    public String toString() {
        return label;
    }
}
