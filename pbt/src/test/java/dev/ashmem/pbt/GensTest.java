package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class GensTest {

    private static <T> T simplest(Gen<T> gen) {
        return gen.draw(Choices.replaying(ChoiceSequence.EMPTY, 1000, 4096));
    }

    private static <T> T replay(Gen<T> gen, long... choices) {
        return gen.draw(Choices.replaying(ChoiceSequence.of(choices), 1000, 4096));
    }

    private static <T> void generate(Gen<T> gen, long pageSize, int n, Consumer<T> sink) {
        var random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) sink.accept(gen.draw(Choices.generating(random.split(), 100_000, pageSize)));
    }

    @Test
    void theZeroChoiceIsTheSimplestValue() {
        assertThat(simplest(Gens.ints(5, 10))).isEqualTo(5);
        assertThat(simplest(Gens.ints(-5, 10))).isEqualTo(0);
        assertThat(simplest(Gens.ints(-10, -3))).isEqualTo(-3);
        assertThat(simplest(Gens.longs())).isEqualTo(0L);
        assertThat(simplest(Gens.u64())).isEqualTo(0L);
        assertThat(simplest(Gens.booleans())).isFalse();
        assertThat(simplest(Gens.lists(Gens.ints(3, 9)))).isEmpty();
        assertThat(simplest(Gens.lists(Gens.ints(3, 9), 2, 5))).containsExactly(3, 3);
        assertThat(simplest(Gens.bytes(0, 10))).isEmpty();
        assertThat(simplest(Gens.strings(0, 10))).isEmpty();
        assertThat(simplest(Gens.strings(2, 10))).isEqualTo("aa");
        assertThat(simplest(Gens.elements("x", "y"))).isEqualTo("x");
        assertThat(simplest(Gens.oneOf(Gens.constant("first"), Gens.constant("second")))).isEqualTo("first");
        assertThat(simplest(Gens.frequency(Gens.weight(1, Gens.constant(1)), Gens.weight(9, Gens.constant(2)))))
                .isEqualTo(1);
        assertThat(simplest(Gens.tuples(Gens.ints(1, 2), Gens.booleans()))).isEqualTo(new Tuple2<>(1, false));
    }

    @Test
    void smallerChoicesGiveSimplerValues() {
        assertThat(replay(Gens.ints(0, 100), 7)).isEqualTo(7);
        assertThat(replay(Gens.ints(-100, 100), 13)).isEqualTo(7);   // zigzag: 0, 1, -1, 2, -2, ...
        assertThat(replay(Gens.ints(-100, 100), 14)).isEqualTo(-7);
        assertThat(replay(Gens.ints(-3, 100), 7)).isEqualTo(4);      // past -3 only positives remain
        assertThat(replay(Gens.longs(), 1, 0)).isEqualTo(-(1L << 62)); // 2^64 indexes: top bit, then the low 63 bits
        assertThat(replay(Gens.ints(-100, -1), 4)).isEqualTo(-5);
        assertThat(replay(Gens.u64(), 1, 0)).isEqualTo(Long.MIN_VALUE); // 2^63: larger than every "positive"
        assertThat(replay(Gens.lists(Gens.ints(0, 9)), 1, 4, 1, 2, 0)).containsExactly(4, 2);
        assertThat(replay(Gens.frequency(Gens.weight(1, Gens.constant("a")), Gens.weight(2, Gens.constant("b"))), 2))
                .isEqualTo("b");
    }

    @Test
    void replayClampsOutOfBoundChoicesAndPadsWithZeros() {
        assertThat(replay(Gens.ints(0, 10), 1000)).isEqualTo(10);
        assertThat(replay(Gens.elements("a", "b", "c"), 99)).isEqualTo("c");
        assertThat(replay(Gens.lists(Gens.ints(0, 9), 0, 3), 1, 1, 1, 2, 1, 3, 1, 4)).containsExactly(1, 2, 3);
        assertThat(replay(Gens.tuples(Gens.ints(0, 9), Gens.ints(0, 9)), 4)).isEqualTo(new Tuple2<>(4, 0));
    }

    @Test
    void generatedValuesStayInBounds() {
        generate(Gens.ints(-3, 1000), 4096, 5000, v -> assertThat(v).isBetween(-3, 1000));
        generate(Gens.longs(Long.MAX_VALUE - 5, Long.MAX_VALUE), 4096, 2000,
                v -> assertThat(v).isGreaterThanOrEqualTo(Long.MAX_VALUE - 5));
        generate(Gens.lists(Gens.ints(0, 5), 2, 4), 4096, 2000, v -> assertThat(v).hasSizeBetween(2, 4));
        generate(Gens.bytes(1, 3), 4096, 2000, v -> assertThat(v.length).isBetween(1, 3));
        generate(Gens.strings("xy", 0, 5), 4096, 2000, v -> assertThat(v).hasSizeLessThanOrEqualTo(5).matches("[xy]*"));
    }

    @Test
    void edgeCasesShowUpIncludingThoseOfTheConfiguredPageSize() {
        Set<Long> seen = new HashSet<>();
        generate(Gens.longs(0, 1L << 40), 16384, 20_000, seen::add);
        assertThat(seen).contains(0L, 1L, 1L << 40, (1L << 40) - 1, 16384L, 16383L, 16385L, 3 * 16384L,
                0xFFFF_FFFFL, 1L << 32, (1L << 32) + 1, 4095L, 4096L);

        Set<Long> explicit = new HashSet<>();
        generate(Gens.longs(0, 1 << 20).pageSizes(65536), 4096, 20_000, explicit::add);
        assertThat(explicit).contains(65536L, 65535L, 65537L, 3 * 65536L, 3 * 65536L + 1);

        Set<Long> all = new HashSet<>();
        generate(Gens.longs(), 4096, 20_000, all::add);
        assertThat(all).contains(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, (long) Integer.MAX_VALUE,
                (long) Integer.MIN_VALUE, 1L << 62, -(1L << 62));

        Set<Long> unsigned = new HashSet<>();
        generate(Gens.u64(), 4096, 20_000, unsigned::add);
        assertThat(unsigned).contains(-1L, 0L, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** [MIN_VALUE, 0] holds 2^63 + 1 values: its width does not fit a long (it failed with a negative bound). */
    @Test
    void theWidestNonPositiveRangeDrawsAndReplays() {
        Gen<Long> gen = Gens.longs(Long.MIN_VALUE, 0);
        var seen = new java.util.HashSet<Long>();
        var random = new SplittableRandom(5);
        for (int i = 0; i < 5000; i++) {
            Choices c = Choices.generating(random.split(), 1000, 4096);
            long v = gen.draw(c);
            assertThat(v).isNotPositive();
            assertThat(gen.draw(Choices.replaying(c.recorded(), 1000, 4096))).isEqualTo(v);
            seen.add(v);
        }
        assertThat(seen).contains(0L, Long.MIN_VALUE);
        assertThat(simplest(gen)).isZero();
    }

    @Test
    void everyEdgeCaseReplaysFromItsRecordedChoices() {
        // Edge cases are forced into the recording; replaying the recording must give the same values.
        var random = new SplittableRandom(11);
        Gen<List<Long>> gen = Gens.lists(Gens.longs(-70_000, 1L << 33), 0, 20);
        for (int i = 0; i < 2000; i++) {
            Choices c = Choices.generating(random.split(), 10_000, 65536);
            List<Long> generated = gen.draw(c);
            assertThat(gen.draw(Choices.replaying(c.recorded(), 10_000, 65536))).isEqualTo(generated);
        }
    }

    @Test
    void combinatorsComposeAndDescribeThemselves() {
        record Point(int x, int y) {}
        Gen<Point> points = Gens.zip(Gens.ints(0, 9), Gens.ints(0, 9), Point::new);
        assertThat(replay(points, 3, 4)).isEqualTo(new Point(3, 4));
        Gen<List<Integer>> sized = Gens.ints(1, 3).flatMap(n -> Gens.lists(Gens.constant(n), n, n));
        assertThat(replay(sized, 1)).containsExactly(2, 2);
        Gen<Integer> tens = Gens.ints(0, 9).map(x -> x * 10);
        assertThat(replay(tens, 5)).isEqualTo(50);
        assertThat(Gens.ints(0, 9).filter("even", x -> x % 2 == 0).describe()).isEqualTo("ints(0, 9).filter(even)");
        Gen<Integer> evens = Gens.ints(0, 9).filter("even", x -> x % 2 == 0);
        assertThat(replay(evens, 3, 5, 4)).isEqualTo(4);
        assertThat(Gens.lists(Gens.booleans(), 1, 2).describe()).isEqualTo("lists(booleans(), 1, 2)");
        assertThat(Gens.enums(Thread.State.class).describe()).isEqualTo("enums(State)");
        assertThat(replay(Gens.u32(), Long.MAX_VALUE)).isEqualTo(0xFFFF_FFFFL);
    }
}
