package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A check of the state a chain ends in ({@link StateMachine#atEnd}): run once after the last step, never after a failed one. */
class StateMachineAtEndTest {
    static final class Sum {
        int sum;
    }

    private static StateMachine<Sum> adding(int stepLimit) {
        return StateMachine.of(Sum::new)
                .action(Action.<Sum>run("add", (s, step) -> {
                    s.sum += step.drawInt(Gens.ints(0, 9));
                    step.check(s.sum <= stepLimit, "each step's sum");
                }))
                .atEnd("final sum", s -> s.sum < 20 ? null : "sum " + s.sum);
    }

    private static final Config CONFIG = Config.defaults().withSeed(7L).withTries(200).withMaxSteps(30).withDatabase(null);

    @Test
    void aStateOnlyTheEndChecksFailsTheChainAndShrinks() {
        var result = adding(Integer.MAX_VALUE).check("sum", CONFIG);
        assertThat(result).isInstanceOf(Result.Failed.class);
        assertThat(result.report()).contains("'final sum' failed at the end of the chain: sum 20");
        long steps = ((Result.Failed) result).counterexample().lines().stream().filter(l -> l.startsWith("step ")).count();
        assertThat(steps).as("shrunk to the fewest adds reaching 20").isEqualTo(3);
    }

    @Test
    void aFailedStepEndsTheChainWithoutTheEndCheck() {
        var endChecksAfterAStep = new java.util.concurrent.atomic.AtomicInteger();
        var machine = StateMachine.of(Sum::new)
                .action(Action.<Sum>run("add", (s, step) -> {
                    s.sum += 1;
                    step.check(false, "each step's sum");
                }))
                .atEnd("final sum", s -> {
                    if (s.sum == 0) {
                        return null; // a chain of no steps
                    }
                    endChecksAfterAStep.incrementAndGet();
                    return "never reached after a step";
                });
        var result = machine.check("fails at the first step", CONFIG.withTries(50));
        assertThat(result.report()).contains("each step's sum").doesNotContain("never reached");
        assertThat(endChecksAfterAStep).hasValue(0);
    }
}
