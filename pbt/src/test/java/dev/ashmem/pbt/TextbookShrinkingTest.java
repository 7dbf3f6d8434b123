package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classic buggy properties: the engine must find them and shrink to the known minimal counterexamples. */
class TextbookShrinkingTest {

    static final Config SEEDED = Config.defaults().withSeed(42L);

    static void reverseIsIdentity(Ctx ctx) {
        List<Integer> xs = ctx.draw(Gens.lists(Gens.ints()), "xs");
        List<Integer> reversed = new ArrayList<>(xs);
        Collections.reverse(reversed);
        if (!reversed.equals(xs)) throw new AssertionError("reverse(xs) != xs");
    }

    // Edge cases off, so the search finds some random overflow and shrinking has to do the work.
    static void sumDoesNotOverflow(Ctx ctx) {
        int a = ctx.drawInt(Gens.ints().noEdgeCases(), "a");
        int b = ctx.drawInt(Gens.ints(0, Integer.MAX_VALUE).noEdgeCases(), "b");
        ctx.check(a + b >= a, "no overflow");
    }

    @Test
    void reversedListShrinksToTwoElements() {
        Result r = Pbt.check("reverse", SEEDED, TextbookShrinkingTest::reverseIsIdentity);
        assertThat(r.report()).isEqualTo("""
                Property 'reverse' failed after 2 tries; shrunk 34 times in 72 runs.
                Minimal counterexample:
                  xs = [0, 1]
                Failure: java.lang.AssertionError: reverse(xs) != xs
                Seed: 42
                Choices: v2.AQABAQA
                Replay this case: @Replay("v2.AQABAQA") or -Dpbt.replay=v2.AQABAQA
                Rerun the search: -Dpbt.seed=42""");
    }

    @Test
    void reversedListShrinksToTwoElementsFromEverySeed() {
        for (long seed = 1; seed <= 20; seed++) {
            var failed = (Result.Failed) Pbt.check("reverse", SEEDED.withSeed(seed), TextbookShrinkingTest::reverseIsIdentity);
            assertThat(failed.counterexample().lines()).as("seed %d", seed).containsExactly("xs = [0, 1]");
        }
    }

    @Test
    void silentIntOverflowShrinksToTheBoundaryPair() {
        Result r = Pbt.check("a + b >= a", SEEDED, TextbookShrinkingTest::sumDoesNotOverflow);
        assertThat(r.report()).isEqualTo("""
                Property 'a + b >= a' failed after 41 tries; shrunk 36 times in 177 runs.
                Minimal counterexample:
                  a = 1
                  b = 2147483647
                Failure: check 'no overflow' failed
                Seed: 42
                Choices: v2.Af____8H
                Replay this case: @Replay("v2.Af____8H") or -Dpbt.replay=v2.Af____8H
                Rerun the search: -Dpbt.seed=42""");
    }

    @Test
    void silentIntOverflowShrinksToTheBoundaryPairFromEverySeed() {
        for (long seed = 1; seed <= 20; seed++) {
            var failed = (Result.Failed) Pbt.check("a + b >= a", SEEDED.withSeed(seed), TextbookShrinkingTest::sumDoesNotOverflow);
            assertThat(failed.counterexample().lines()).as("seed %d", seed).containsExactly("a = 1", "b = 2147483647");
        }
    }

    @Test
    void addExactOverflowShrinksToTheNegativeBoundaryPair() {
        // -1 + MIN_VALUE; 1 + MAX_VALUE is smaller in zigzag order, but reaching it flips both signs at once.
        Result r = Pbt.check("addExact", SEEDED, ctx -> {
            int a = ctx.drawInt(Gens.ints(), "a");
            int b = ctx.drawInt(Gens.ints(), "b");
            Math.addExact(a, b);
        });
        assertThat(r.report()).isEqualTo("""
                Property 'addExact' failed after 3 tries; shrunk 91 times in 365 runs.
                Minimal counterexample:
                  a = -1
                  b = -2147483648
                Failure: java.lang.ArithmeticException: integer overflow
                Seed: 42
                Choices: v2.Av____8P
                Replay this case: @Replay("v2.Av____8P") or -Dpbt.replay=v2.Av____8P
                Rerun the search: -Dpbt.seed=42""");
    }
}
