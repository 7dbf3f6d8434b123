package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The "difference" shrinking challenges: two coupled integers must shrink together to the known minimum. */
class CoupledShrinkingTest {

    static Result.Failed difference(long seed, LongPredicate ok) {
        return (Result.Failed) Pbt.check("difference", Config.defaults().withSeed(seed).withTries(1000), ctx -> {
            int x = ctx.drawInt(Gens.ints(1, Integer.MAX_VALUE), "x");
            int y = ctx.drawInt(Gens.ints(1, Integer.MAX_VALUE), "y");
            ctx.check(x < 10 || ok.test(Math.abs((long) x - y)), "difference");
        });
    }

    @Test
    void differenceMustNotBeSmallShrinksToTenAndSix() {
        var failed = difference(1, d -> d < 1 || d > 4);
        assertThat(failed.counterexample().lines()).containsExactly("x = 10", "y = 6");
        assertThat(failed.shrinkBudgetExhausted()).isFalse();
    }

    @Test
    void differenceMustNotBeOneShrinksToTenAndNine() {
        var failed = difference(1, d -> d != 1);
        assertThat(failed.counterexample().lines()).containsExactly("x = 10", "y = 9");
        assertThat(failed.shrinkBudgetExhausted()).isFalse();
    }

    @Test
    void differenceMustNotBeZeroShrinksToTenAndTen() {
        var failed = difference(1, d -> d != 0);
        assertThat(failed.counterexample().lines()).containsExactly("x = 10", "y = 10");
    }
}
