package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The run-length byte string agrees with the plain array it stands for, however it was built. */
class ByteRunsTest {

    /** Arrays with runs of every length around {@link ByteRuns#RUN}, from a fixed seed. */
    private static byte[] runny(Random r) {
        var out = new byte[r.nextInt(200)];
        for (int i = 0; i < out.length; ) {
            int run = Math.min(out.length - i, r.nextInt(4) == 0 ? 1 + r.nextInt(20) : 1);
            Arrays.fill(out, i, i + run, (byte) r.nextInt(3));
            i += run;
        }
        return out;
    }

    @Test
    void agreesWithTheArrayHoweverItWasBuilt() {
        var r = new Random(13);
        for (int k = 0; k < 2000; k++) {
            var a = runny(r);
            var whole = ByteRuns.of(a);
            // the same bytes appended in random slices, runs as repeats
            var b = new ByteRuns.Builder();
            for (int i = 0; i < a.length; ) {
                int n = 1 + r.nextInt(a.length - i);
                if (r.nextBoolean()) {
                    b.append(a, i, n);
                } else {
                    for (int j = i; j < i + n; j++) {
                        b.repeat(a[j], 1);
                    }
                }
                i += n;
            }
            var sliced = b.build();
            assertThat(whole.toArray()).isEqualTo(a);
            assertThat(sliced).isEqualTo(whole);
            assertThat(sliced.pieces()).as("canonical however built").isEqualTo(whole.pieces());
            assertThat(whole.hashCode()).isEqualTo(Arrays.hashCode(a));
            assertThat(sliced.hashCode()).isEqualTo(Arrays.hashCode(a));
            assertThat(whole.prefix(7)).isEqualTo(Arrays.copyOf(a, Math.min(7, a.length)));
            assertThat(new Result.Bytes(a)).isEqualTo(new Result.Bytes(sliced));
        }
    }

    /** Stored pieces differ with the way a string was built; equality is of the bytes all the same. */
    @Test
    void oneChangedByteIsNotEqualHoweverEitherWasBuilt() {
        var r = new Random(17);
        for (int k = 0; k < 2000; k++) {
            var a = runny(r);
            if (a.length == 0) {
                continue;
            }
            var c = a.clone();
            c[r.nextInt(c.length)] += (byte) (1 + r.nextInt(2));
            var x = slices(a, r);
            var y = slices(c, r);
            assertThat(x).isNotEqualTo(y);
            assertThat(y).isNotEqualTo(x);
            assertThat(x).isEqualTo(slices(a, r));
        }
    }

    private static ByteRuns slices(byte[] a, Random r) {
        var b = new ByteRuns.Builder();
        for (int i = 0; i < a.length; ) {
            int n = 1 + r.nextInt(a.length - i);
            switch (r.nextInt(3)) {
                case 0 -> b.append(a, i, n);
                case 1 -> {
                    for (int j = i; j < i + n; j++) {
                        b.append(a[j]);
                    }
                }
                default -> {
                    for (int j = i; j < i + n; j++) {
                        b.repeat(a[j], 1);
                    }
                }
            }
            i += n;
        }
        return b.build();
    }

    @Test
    void longRunsHashLikeTheirArrays() {
        for (int n : new int[] {8, 9, 100, 4095, 4096, 65537, 1 << 20}) {
            var a = new byte[n];
            Arrays.fill(a, (byte) -7);
            assertThat(new ByteRuns.Builder().repeat((byte) -7, n).build().hashCode()).as("n=%d", n).isEqualTo(Arrays.hashCode(a));
        }
    }

    @Test
    void differentBytesAreNotEqual() {
        assertThat(ByteRuns.of(new byte[] {0, 0, 1})).isNotEqualTo(ByteRuns.of(new byte[] {0, 1, 0}));
        assertThat(ByteRuns.zeros(9)).isNotEqualTo(ByteRuns.zeros(10));
        assertThat(ByteRuns.zeros(8)).isEqualTo(ByteRuns.of(new byte[8]));
    }

    @Test
    void theLongestStringCostsNothingAndPrintsShort() {
        var b = new ByteRuns.Builder().repeat((byte) 0, 1 << 30).append(new byte[] {1, 2}, 0, 2)
                .repeat((byte) 0, Integer.MAX_VALUE - (1 << 30) - 2).build();
        assertThat(b.length()).isEqualTo(Integer.MAX_VALUE);
        assertThat(b.literalBytes()).isEqualTo(2);
        assertThat(TraceText.hex(b)).isEqualTo("hex:00{1073741824}0102" + "00{1073741821}");
        assertThatThrownBy(() -> new ByteRuns.Builder().repeat((byte) 0, Integer.MAX_VALUE).repeat((byte) 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 2147483647");
    }

    /** A string of three stored pieces (literal, run, literal) and the array it stands for. */
    @Test
    void aStringOfSeveralPiecesCopiesOutAndPrefixesLikeItsArray() {
        var a = new byte[40];
        a[0] = 1;
        a[1] = 2;
        Arrays.fill(a, 2, 30, (byte) 9);
        a[39] = 3;
        var b = new ByteRuns.Builder().append(a, 0, 2).repeat((byte) 9, 28).append(a, 30, 10).build();
        assertThat(b.toArray()).isEqualTo(a);
        for (int n = 0; n <= 41; n++) {
            assertThat(b.prefix(n)).as("prefix %d", n).isEqualTo(Arrays.copyOf(a, Math.min(n, a.length)));
        }
    }

    @Test
    void canonicalPiecesAreMaximalRunsOfAtLeastRunBytesAndMergedLiterals() {
        assertThat(ByteRuns.of(new byte[] {1, 2, 3}).pieces()).containsExactly(new ByteRuns.Literal(new byte[] {1, 2, 3}));
        assertThat(ByteRuns.of(new byte[ByteRuns.RUN]).pieces()).containsExactly(new ByteRuns.Repeat((byte) 0, ByteRuns.RUN));
        assertThat(ByteRuns.of(new byte[ByteRuns.RUN - 1]).pieces()).containsExactly(new ByteRuns.Literal(new byte[ByteRuns.RUN - 1]));
        assertThat(new ByteRuns.Literal(new byte[] {1})).isNotEqualTo(new ByteRuns.Literal(new byte[] {2}));
        assertThat(ByteRuns.EMPTY.pieces()).isEmpty();
    }

    /** literalBytes() is the memory a string costs: runs of at least RUN bytes cost none, however they arrive. */
    @Test
    void runsCostNoMemoryHoweverTheyArrive() {
        assertThat(new ByteRuns.Builder().repeat((byte) 4, ByteRuns.RUN).build().literalBytes()).isZero();
        assertThat(new ByteRuns.Builder().repeat((byte) 4, ByteRuns.RUN - 1).build().literalBytes()).isEqualTo(ByteRuns.RUN - 1);
        assertThat(new ByteRuns.Builder().repeat((byte) 4, 5).repeat((byte) 4, 5).build().literalBytes()).as("one run of 10").isZero();
        assertThat(new ByteRuns.Builder().repeat((byte) 4, 5).repeat((byte) 5, 0).repeat((byte) 4, 5).build().literalBytes())
                .as("an empty repeat ends no run").isZero();
        var bytes = new ByteRuns.Builder();
        for (int i = 0; i < 100; i++) {
            bytes.append((byte) 7);
        }
        assertThat(bytes.append((byte) 7).append((byte) 7).build().literalBytes()).as("byte by byte").isZero();
        assertThat(new ByteRuns.Builder().append(new byte[ByteRuns.RUN], 0, ByteRuns.RUN).build().literalBytes())
                .as("a uniform slice of RUN bytes").isZero();
        assertThat(new ByteRuns.Builder().append(new byte[4096], 0, 4096).build().literalBytes()).as("a zero page").isZero();
        assertThat(new ByteRuns.Builder().repeat((byte) 0, 3).append(new byte[5], 0, 5).build().literalBytes())
                .as("a uniform slice extends the run").isZero();
        assertThat(new ByteRuns.Builder().repeat((byte) 1, 0).build().length()).isZero();
    }

    @Test
    void aStringEqualsItselfAndKnowsWhetherItIsEmpty() {
        var b = new ByteRuns.Builder().append(new byte[] {1, 2}, 0, 2).repeat((byte) 0, 9).build();
        assertThat(b.equals(b)).isTrue();
        assertThat(b.isEmpty()).isFalse();
        assertThat(ByteRuns.EMPTY.isEmpty()).isTrue();
        assertThat(ByteRuns.of(new byte[0]).isEmpty()).isTrue();
        assertThat(ByteRuns.zeros(1).isEmpty()).isFalse();
        // it prints as the trace format's hex (spec/trace-format.md section 1)
        assertThat(b).hasToString("hex:0102" + "00{9}");
    }

    @Test
    void aBuilderKnowsItsLengthSoFar() {
        var b = new ByteRuns.Builder();
        assertThat(b.length()).isZero();
        b.append(new byte[] {1, 2, 3}, 1, 2).repeat((byte) 7, 10).append((byte) 1);
        assertThat(b.length()).isEqualTo(13);
        assertThat(b.build().length()).isEqualTo(13);
    }

    @Test
    void literalPiecesAreValuesOfTheirBytes() {
        var l = new ByteRuns.Literal(new byte[] {1, 2, 3});
        assertThat(l).isEqualTo(new ByteRuns.Literal(new byte[] {1, 2, 3})).hasSameHashCodeAs(new ByteRuns.Literal(new byte[] {1, 2, 3}));
        assertThat(l.hashCode()).isEqualTo(java.util.Arrays.hashCode(new byte[] {1, 2, 3}))
                .isNotEqualTo(new ByteRuns.Literal(new byte[] {1, 2, 4}).hashCode());
        assertThat(l).hasToString("Literal[3]");
        assertThat(l.length()).isEqualTo(3);
        l.bytes()[0] = 9;
        assertThat(l.bytes()).containsExactly(1, 2, 3);
    }
}
