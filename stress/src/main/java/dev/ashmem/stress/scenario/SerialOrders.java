package dev.ashmem.stress.scenario;

import dev.ashmem.model.AshmemModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Enumerates every serial order of a scenario's model steps (CONC-MUTEX: each locked section, unlocked
 * step and punch indivisible, each actor in program order) and collects the outcome each order
 * renders. A step that waits for punches runs only with none in flight (PINARG-WAIT) when the model
 * waits; a scan's trylock may fail exactly where another actor may hold the mutex: about to take it
 * for its next step, or not yet through the unlock of its last one (mutex_unlock comes after a
 * section's effects, which unlocked reads such as PURGE_ALL_CACHES' count may already have seen).
 *
 * <p>Each order is replayed from a fresh model: pending punches hold references into the model's
 * state, so states are not copied. {@link #trace} replays one order once more, writing it down as an
 * {@code ashmem-trace 1} trace.
 */
public final class SerialOrders {
    private final Scenario scenario;
    private final Supplier<Target> targets;
    private final boolean checkInvariants;
    private final List<List<Step>> actorSteps;
    /** Outcome -> the first serial order found that gives it. */
    private final Map<String, List<Move>> outcomes = new TreeMap<>();

    private SerialOrders(Scenario scenario, boolean waits, boolean checkInvariants) {
        this.scenario = scenario;
        this.targets = waits ? () -> ModelTarget.of(scenario.pageSize()) : () -> ModelTarget.withoutInflightWait(scenario.pageSize());
        this.checkInvariants = checkInvariants;
        this.actorSteps = scenario.actors().stream()
                .map(actions -> actions.stream().flatMap(a -> a.steps().stream()).toList())
                .toList();
    }

    /** The outcomes the driver's protocol allows, each with a serial order that gives it. */
    public static Map<String, List<Move>> of(Scenario scenario) {
        var e = new SerialOrders(scenario, true, true);
        e.explore(new ArrayList<>());
        return e.outcomes;
    }

    /** The outcomes the protocol allows once PIN/UNPIN/GET_PIN_STATUS no longer wait for punches. */
    public static Map<String, List<Move>> withoutInflightWait(Scenario scenario) {
        var e = new SerialOrders(scenario, false, false);
        e.explore(new ArrayList<>());
        return e.outcomes;
    }

    /**
     * The serial order {@code moves} on the model ({@code waits}: with PINARG-WAIT) as the text of an
     * {@code ashmem-trace 1} trace: the setup, the actors' steps in that order (each line's comment names
     * its caller, jcstress actor N, and the step), the arbiter's observation, and the outcome.
     */
    public static String trace(Scenario scenario, List<Move> moves, boolean waits, List<String> preamble) {
        var e = new SerialOrders(scenario, waits, false);
        var recorder = new TraceRecorder(e.targets.get());
        recorder.heading("setup");
        var replay = e.new Replay(moves, recorder);
        recorder.step(null);
        recorder.heading("the arbiter's observation");
        String outcome = replay.run.finish();
        recorder.heading("outcome: " + outcome);
        return recorder.text(preamble);
    }

    /** One scheduling decision: which actor steps, and the branch its step takes. */
    public record Move(int actor, boolean branch) {
    }

    /** A replayed prefix: the run and each actor's next step. */
    private final class Replay {
        final Run run;
        final int[] next;
        final StringBuilder trace = new StringBuilder();
        /** The actor whose last step held the mutex and that has not moved since (-1: none). */
        int mayStillHold = -1;

        Replay(List<Move> moves) {
            this(moves, null);
        }

        Replay(List<Move> moves, TraceRecorder recorder) {
            run = scenario.start(recorder == null ? targets.get() : recorder);
            next = new int[actorSteps.size()];
            if (recorder != null) {
                recorder.heading("the actors' steps in one serial order (caller N: jcstress actor N)");
            }
            skipInactive();
            for (var m : moves) {
                var step = actorSteps.get(m.actor).get(next[m.actor]);
                boolean takesMutex = step.mayHoldMutex(run) && (step.kind() != Step.Kind.TRYLOCK || m.branch);
                String what = "caller " + m.actor + ": " + step.label()
                        + (step.kind() == Step.Kind.TRYLOCK ? (m.branch ? " succeeds" : " fails") : "")
                        + (step.kind() == Step.Kind.UNLOCKED_CHOICE ? (m.branch ? " (page 0)" : " (page 1)") : "");
                if (recorder != null) {
                    recorder.step(what);
                }
                step.effect().accept(run, m.branch);
                if (recorder != null && !recorder.recordedSinceStep()) {
                    recorder.heading(what + " (no driver call)");
                }
                if (takesMutex) {
                    mayStillHold = m.actor; // and whoever held it before has released it
                } else if (mayStillHold == m.actor) {
                    mayStillHold = -1; // its next step comes after its unlock
                }
                trace.append(trace.isEmpty() ? "" : "; ").append(what);
                next[m.actor]++;
                skipInactive();
            }
        }

        /** Steps that no longer do anything (a scan that stopped) are passed over where they stand. */
        private void skipInactive() {
            for (int a = 0; a < next.length; a++) {
                var steps = actorSteps.get(a);
                while (next[a] < steps.size() && !steps.get(next[a]).active().test(run)) {
                    next[a]++;
                }
            }
        }

        boolean finished(int actor) {
            return next[actor] >= actorSteps.get(actor).size();
        }

        Step step(int actor) {
            return actorSteps.get(actor).get(next[actor]);
        }

        /** Whether an actor other than {@code actor} may be inside a locked section right now. */
        boolean othersMayHoldMutex(int actor) {
            for (int a = 0; a < next.length; a++) {
                if (a != actor && (mayStillHold == a || !finished(a) && step(a).mayHoldMutex(run))) {
                    return true;
                }
            }
            return false;
        }
    }

    private void explore(List<Move> prefix) {
        var replay = new Replay(prefix);
        boolean allDone = true;
        boolean moved = false;
        for (int a = 0; a < actorSteps.size(); a++) {
            if (replay.finished(a)) {
                continue;
            }
            allDone = false;
            var step = replay.step(a);
            if (!step.enabled(replay.run)) {
                continue;
            }
            var branches = switch (step.kind()) {
                case TRYLOCK -> replay.othersMayHoldMutex(a) ? List.of(true, false) : List.of(true);
                case UNLOCKED_CHOICE -> List.of(true, false);
                default -> List.of(true);
            };
            for (boolean b : branches) {
                prefix.add(new Move(a, b));
                explore(prefix);
                prefix.removeLast();
                moved = true;
            }
        }
        if (allDone) {
            if (checkInvariants) {
                ((AshmemModel) replay.run.device()).checkInvariants();
            }
            String outcome = replay.run.finish();
            outcomes.putIfAbsent(outcome, List.copyOf(prefix));
        } else if (!moved) {
            throw new IllegalStateException(scenario + ": no actor can move after " + replay.trace);
        }
    }
}
