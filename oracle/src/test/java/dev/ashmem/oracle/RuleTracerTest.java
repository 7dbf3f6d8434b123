package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Result;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.rules.RuleIds;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.TracePrinter;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The rule attribution derives every result's shape the model produces, on random sequences. */
class RuleTracerTest {

    @Test
    void attributionPredictsTheModelsResultShape() {
        var problems = new ArrayList<String>();
        for (long seed = 1; seed <= 300; seed++) {
            long s = seed;
            RandomTraces.trace(seed, 60, Profile.MAINLINE, NameMode.MAPPED, v -> {
                String actual = switch (v.result()) {
                    case Result.Error e -> e.errno().name();
                    case Result.Fault f -> f.signal().name();
                    default -> "ok";
                };
                if (!actual.equals(v.attribution().predicted()) && problems.size() < 20) {
                    problems.add("seed " + s + ": " + TracePrinter.step(v.step()) + " -> " + actual + " but the rules say "
                            + v.attribution().predicted() + " (" + v.attribution().decider() + ")\n" + v.before());
                }
                assertThat(RuleIds.ALL).contains(v.attribution().decider());
                assertThat(RuleIds.ALL).containsAll(v.attribution().rules());
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theModelsDecidingCheckAgreesWithTheTracer() {
        var pairs = new java.util.TreeSet<String>();
        for (long seed = 1; seed <= 200; seed++) {
            RandomTraces.trace(seed, 60, Profile.MAINLINE, NameMode.MAPPED, v -> {
                boolean failed = v.result() instanceof Result.Error || v.result() instanceof Result.Fault;
                if (failed && !v.fired().getLast().equals(v.attribution().decider())) {
                    pairs.add(v.attribution().decider() + " (model: " + v.fired().getLast() + ") for "
                            + TracePrinter.step(v.step()).split(" ")[0]);
                }
            });
        }
        // The one known difference: the model files an unknown mapping under MEM-BOUNDS, the spec under MMAP-ID.
        assertThat(pairs).allMatch(p -> p.startsWith("MMAP-ID (model: MEM-BOUNDS)"));
    }
}
