package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.pbt.Shrinker.Pass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each shrink pass on its own, from a fixed failing case: what it reaches pins what it does. */
class ShrinkPassesTest {

    private static final Config CONFIG = Config.defaults().withDatabase(null);

    /** Shrinks the failing case {@code start} of {@code body} with {@code pass} only; returns the choices. */
    private static List<Long> shrinkWith(PropertyBody body, Pass pass, long... start) {
        var engine = new Engine("pass", CONFIG, body);
        TestRun failing = engine.execute(Choices.replaying(start, 10_000, 4096), false, false);
        assertThat(failing.status()).as("the start case must fail").isEqualTo(TestRun.Status.FAILED);
        var shrinker = new Shrinker(c -> engine.execute(Choices.replaying(c, 10_000, 4096), false, false),
                failing, 5000, System.nanoTime() + 10_000_000_000L);
        return java.util.Arrays.stream(shrinker.shrinkWith(pass).choices()).boxed().toList();
    }

    @Test
    void zigzagOrdersIntegersByDistanceFromZeroPositiveFirst() {
        long[] order = {0, 1, -1, 2, -2, 3, -3};
        for (int k = 0; k < order.length; k++) {
            assertThat(Zigzag.value(-100, 100, k)).isEqualTo(order[k]);
            assertThat(Zigzag.index(-100, 100, order[k])).isEqualTo(k);
        }
        // Past the shorter side the longer one continues outwards; the full long range takes 2^64 indexes.
        assertThat(Zigzag.value(-2, 10, 5)).isEqualTo(3);
        assertThat(Zigzag.value(-10, 2, 5)).isEqualTo(-3);
        assertThat(Zigzag.index(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(-1L);
        assertThat(Zigzag.value(Long.MIN_VALUE, Long.MAX_VALUE, -1L)).isEqualTo(Long.MIN_VALUE);
        assertThat(Zigzag.value(Long.MIN_VALUE, Long.MAX_VALUE, -2L)).isEqualTo(-Long.MAX_VALUE);
        for (long v : new long[] {Long.MIN_VALUE, -5, 0, 7, Long.MAX_VALUE}) {
            assertThat(Zigzag.value(Long.MIN_VALUE, Long.MAX_VALUE, Zigzag.index(Long.MIN_VALUE, Long.MAX_VALUE, v))).isEqualTo(v);
        }
    }

    @Test
    void shortenDropsTheSuffix() {
        assertThat(shrinkWith(ctx -> ctx.check(ctx.drawInt(Gens.ints(0, 9), "x") < 5, "x < 5"), Pass.SHORTEN, 7, 3, 3))
                .containsExactly(7L);
    }

    @Test
    void deleteSpansRemovesListElements() {
        PropertyBody body = ctx -> ctx.check(!ctx.draw(Gens.lists(Gens.ints(0, 9)), "xs").contains(5), "no 5");
        // [more, 3, more, 5, more, 4, stop]
        assertThat(shrinkWith(body, Pass.DELETE_SPANS, 1, 3, 1, 5, 1, 4, 0)).containsExactly(1L, 5L, 0L);
    }

    @Test
    void deleteChunksRemovesChoicesAnywhere() {
        PropertyBody body = ctx -> ctx.check(!ctx.draw(Gens.lists(Gens.ints(0, 9)), "xs").contains(9), "no 9");
        // [more, 2, more, 9, stop]: the chunk [more, 2] goes
        assertThat(shrinkWith(body, Pass.DELETE_CHUNKS, 1, 2, 1, 9, 0)).containsExactly(1L, 9L, 0L);
    }

    @Test
    void zeroChunksClearsRunsOfChoices() {
        PropertyBody body = ctx -> {
            int a = ctx.drawInt(Gens.ints(0, 9), "a");
            int b = ctx.drawInt(Gens.ints(0, 9), "b");
            ctx.check(a != b || ctx.drawInt(Gens.ints(0, 9), "c") == 0, "c");
        };
        assertThat(shrinkWith(body, Pass.ZERO_CHUNKS, 4, 4, 3)).containsExactly(0L, 0L, 3L);
    }

    @Test
    void minimizeValuesFindsTheSmallestFailingValue() {
        assertThat(shrinkWith(ctx -> ctx.check(ctx.drawInt(Gens.ints(0, 1000), "x") < 700, "x"), Pass.MINIMIZE_VALUES, 999))
                .containsExactly(700L);
    }

    @Test
    void minimizeValuesNormalisesTheSignOfIntegersSpanningZero() {
        // -1 (zigzag index 2) becomes 1 (index 1): the large-union-list minimum needs it.
        assertThat(shrinkWith(ctx -> ctx.check(ctx.drawInt(Gens.ints(-9, 9), "x") == 0, "x == 0"),
                Pass.MINIMIZE_VALUES, Zigzag.index(-9, 9, -1))).containsExactly(1L);
    }

    @Test
    void minimizeDuplicatesLowersEqualValuesOfTheSameKindTogether() {
        // Two equal signed ints and a flag of the same choice value: only the ints (same kind) are lowered together.
        PropertyBody body = ctx -> {
            int a = ctx.drawInt(Gens.ints(-9, 9), "a");
            boolean flag = ctx.draw(Gens.booleans(), "flag");
            int b = ctx.drawInt(Gens.ints(-9, 9), "b");
            ctx.check(a != b || !flag, "differ");
        };
        // a = b = 1 (zigzag index 1), flag true (1): lowering one copy alone never fails.
        assertThat(shrinkWith(body, Pass.MINIMIZE_DUPLICATES, 1, 1, 1)).containsExactly(0L, 1L, 0L);
        assertThat(shrinkWith(body, Pass.MINIMIZE_VALUES, 1, 1, 1)).containsExactly(1L, 1L, 1L);
    }

    @Test
    void sortChunksPutsSmallerChoicesFirst() {
        PropertyBody body = ctx -> {
            int a = ctx.drawInt(Gens.ints(0, 9), "a");
            int b = ctx.drawInt(Gens.ints(0, 9), "b");
            ctx.check(a + b != 9 || a == b, "sum");
        };
        assertThat(shrinkWith(body, Pass.SORT_CHUNKS, 7, 2)).containsExactly(2L, 7L);
    }

    @Test
    void swapSpansOrdersListElements() {
        PropertyBody body = ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints(0, 9)), "xs");
            ctx.check(!(xs.contains(3) && xs.contains(1)), "3 and 1");
        };
        assertThat(shrinkWith(body, Pass.SWAP_SPANS, 1, 3, 1, 1, 0)).containsExactly(1L, 1L, 1L, 3L, 0L);
    }

    @Test
    void swapAdjacentSwapsTwoChoices() {
        PropertyBody body = ctx -> {
            int a = ctx.drawInt(Gens.ints(0, 9), "a");
            int b = ctx.drawInt(Gens.ints(0, 9), "b");
            ctx.check(a * b != 12, "product");
        };
        assertThat(shrinkWith(body, Pass.SWAP_ADJACENT, 4, 3)).containsExactly(3L, 4L);
    }

    @Test
    void redistributeMovesValueFromAnEarlierChoiceToALaterOne() {
        PropertyBody body = ctx -> ctx.check(ctx.drawInt(Gens.ints(0, 100), "a") + ctx.drawInt(Gens.ints(0, 100), "b") < 50, "sum");
        assertThat(shrinkWith(body, Pass.REDISTRIBUTE, 30, 30)).containsExactly(0L, 60L);
    }

    @Test
    void redistributeMovesMagnitudeBetweenNegativeIntegersByEvenSteps() {
        // -3 + -32766 overflows a short; -1 + -32768 is the same sum with the first value simpler.
        PropertyBody body = ctx -> {
            short s = (short) (ctx.drawInt(Gens.ints(Short.MIN_VALUE, Short.MAX_VALUE), "a")
                    + ctx.drawInt(Gens.ints(Short.MIN_VALUE, Short.MAX_VALUE), "b"));
            ctx.check(s <= 0, "overflow");
        };
        long min = Short.MIN_VALUE, max = Short.MAX_VALUE;
        assertThat(shrinkWith(body, Pass.REDISTRIBUTE, Zigzag.index(min, max, -3), Zigzag.index(min, max, -32766)))
                .containsExactly(Zigzag.index(min, max, -1), Zigzag.index(min, max, -32768));
    }

    @Test
    void lowerTogetherLowersTwoCoupledValues() {
        PropertyBody body = ctx -> {
            long size = ctx.drawLong(Gens.longs(0, 1 << 20), "size");
            long len = ctx.drawLong(Gens.longs(0, 1 << 20), "len");
            ctx.check(size < 4096 || len != size, "whole");
        };
        assertThat(shrinkWith(body, Pass.LOWER_TOGETHER, 65536, 65536)).containsExactly(4096L, 4096L);
    }

    @Test
    void lowerAndDeleteShrinksACountTogetherWithTheElementItNoLongerNeeds() {
        // n elements follow n; any element 7 fails: lowering n alone shifts the 7 out of the list.
        PropertyBody body = ctx -> {
            int n = ctx.drawInt(Gens.ints(0, 5), "n");
            for (int i = 0; i < n; i++) {
                ctx.choices().startSpan();
                int x = ctx.drawInt(Gens.ints(0, 9), "x");
                ctx.choices().endSpan();
                ctx.check(x != 7, "no 7");
            }
        };
        assertThat(shrinkWith(body, Pass.LOWER_AND_DELETE, 2, 3, 7)).containsExactly(1L, 7L);
    }

    @Test
    void replaceWithDescendantLiftsASubtree() {
        PropertyBody body = ctx -> ctx.check(!ctx.draw(ShrinkChallengeBenchmark.Expr.GEN, "e").toString().contains("/"), "no /");
        // node(add: node(div: leaf 0, leaf 0), leaf 0) -> node(div: leaf 0, leaf 0)
        List<Long> shrunk = shrinkWith(body, Pass.REPLACE_WITH_DESCENDANT, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(shrunk).startsWith(1L, 1L);
        assertThat(shrunk.size()).isLessThan(11);
    }

    @Test
    void deleteAndSaturateLetsANeighbourAbsorbADeletedElement() {
        // [1, 32767] sums to -32768 as a short; [-32768] alone is shorter.
        PropertyBody body = ctx -> {
            short s = 0;
            for (int x : ctx.draw(Gens.lists(Gens.ints(Short.MIN_VALUE, Short.MAX_VALUE)), "xs")) s += (short) x;
            ctx.check(s >= 0, "negative sum");
        };
        long min = Short.MIN_VALUE, max = Short.MAX_VALUE;
        assertThat(shrinkWith(body, Pass.DELETE_AND_SATURATE, 1, Zigzag.index(min, max, 1), 1, Zigzag.index(min, max, 32767), 0))
                .containsExactly(1L, Zigzag.index(min, max, -32768), 0L);
    }
}
