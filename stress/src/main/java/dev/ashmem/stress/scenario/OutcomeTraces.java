package dev.ashmem.stress.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openjdk.jcstress.annotations.Outcome;

/**
 * An outcome of a scenario explained as a trace of the model: one serial order of the actors' steps
 * that gives it, printed as {@code ashmem-trace 1} text that {@code ./ashmem replay FILE} runs as written.
 */
public final class OutcomeTraces {
    private OutcomeTraces() {
    }

    /**
     * The trace of an outcome: from the driver's protocol when it allows the outcome (the trace replays
     * without a divergence); else from the protocol without PINARG-WAIT (the trace records the step that
     * went ahead with a punch in flight, and replay stops there: {@code expected: blocked}); empty when
     * neither gives it (a torn write, or a behaviour no serial order explains).
     */
    public static Optional<String> of(Scenario scenario, String outcome) {
        var allowed = SerialOrders.of(scenario).get(outcome);
        if (allowed != null) {
            return Optional.of(SerialOrders.trace(scenario, allowed, true, List.of(
                    scenario.name() + ": \"" + outcome + "\", allowed: one serial order of the model that gives it",
                    "save it and run: ./ashmem replay FILE")));
        }
        var noWait = SerialOrders.withoutInflightWait(scenario).get(outcome);
        if (noWait != null) {
            return Optional.of(SerialOrders.trace(scenario, noWait, false, List.of(
                    scenario.name() + ": \"" + outcome + "\", FORBIDDEN: the model gives it only when PIN, UNPIN and",
                    "GET_PIN_STATUS do not wait for a punch in flight (PINARG-WAIT, CONC-INFLIGHT); these are the results",
                    "of such a model. Save it and run ./ashmem replay FILE: it diverges where the driver waits (expected: blocked).")));
        }
        return Optional.empty();
    }

    /** The outcome ids a scenario's jcstress test names in its {@code @Outcome} annotations, in file order. */
    public static List<String> named(Scenario scenario) {
        try {
            var test = Class.forName("dev.ashmem.stress.tests." + scenario.name());
            return Arrays.stream(test.getAnnotationsByType(Outcome.class)).flatMap(o -> Arrays.stream(o.id()))
                    .filter(id -> !id.isEmpty()).toList();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no jcstress test for " + scenario, e);
        }
    }

    /** The report's words for an outcome without a trace. */
    public static String unexplained(Scenario scenario, String outcome) {
        return "# " + scenario.name() + ": \"" + outcome + "\": no serial order of the model's steps gives it,"
                + " with or without PINARG-WAIT\n";
    }
}
