package dev.ashmem.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.scope.Letter;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PackedPins against the frame path it replaces (Kernel.step, then Codec.encode): on every PIN, UNPIN
 * and GET_PIN_STATUS of every reachable state of several scopes, the same "unchanged" verdict and the
 * same packed successor, or a decline. The scopes include stacked empty ranges, odd arguments, three
 * areas, symmetry on and off.
 */
class PackedPinsTest {

    record Tally(long packed, long unchanged, long declined) {
    }

    private static Tally compare(Scope scope, boolean symmetry) {
        var kernel = new Kernel(scope);
        var codec = new Codec(kernel, symmetry);
        Action[] actions = new Alphabet(scope).actions().toArray(Action[]::new);
        var packed = PackedPins.forKernel(kernel, codec, actions);
        assertThat(packed).as(scope.describe()).isNotNull();
        int[] base = new int[kernel.frameLength()];
        int[] work = new int[base.length];
        long[] viaFrame = new long[codec.words];
        long[] direct = new long[codec.words];
        long nPacked = 0;
        long nUnchanged = 0;
        long nDeclined = 0;
        for (long[] key : Reach.states(scope, symmetry)) {
            codec.decode(key, base);
            packed.prepare(base);
            for (int ai = 0; ai < actions.length; ai++) {
                if (!packed.takes(ai) || !kernel.enabled(base, actions[ai])) {
                    continue;
                }
                java.util.Arrays.fill(direct, 0x5A5A_5A5AL); // what a step leaves behind must not matter
                int outcome = packed.step(ai, direct);
                boolean changes = kernel.step(base, work, actions[ai]);
                String what = actions[ai] + " in " + java.util.Arrays.toString(key) + " of " + scope.describe();
                switch (outcome) {
                    case PackedPins.UNCHANGED -> {
                        assertThat(changes).as("unchanged: " + what).isFalse();
                        nUnchanged++;
                    }
                    case PackedPins.PACKED -> {
                        assertThat(changes).as("changes: " + what).isTrue();
                        assertThat(kernel.outOfBounds(work)).as("in bounds: " + what).isFalse();
                        assertThat(codec.encode(work, viaFrame)).as(what).isTrue();
                        assertThat(direct).as(what).isEqualTo(viaFrame);
                        nPacked++;
                    }
                    default -> nDeclined++;
                }
            }
        }
        return new Tally(nPacked, nUnchanged, nDeclined);
    }

    @Test
    void everyPinUnpinAndStatusPacksAsTheFramePathDoes() {
        var cases = List.of(
                Scopes.named("1x8").toBuilder().applyTo(b -> b.pages = 6),
                Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 3),
                Scopes.named("2x4").toBuilder().applyTo(b -> {
                    b.areas = 3;
                    b.pages = 2;
                }),
                Scopes.named("2x4").toBuilder().applyTo(b -> {
                    b.pages = 2;
                    b.maxEmpty = 1;
                    b.alphabet = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.ZERO, Letter.SCAN, Letter.PURGE);
                }));
        for (var scope : cases) {
            for (boolean symmetry : scope.areas() > 1 ? List.of(true, false) : List.of(false)) {
                var t = compare(scope, symmetry);
                // Not vacuous: without len-0 requests there is no empty range and every step is taken here.
                assertThat(t.packed()).as(scope.describe()).isGreaterThan(1000);
                if (scope.alphabet().contains(Letter.ZERO)) {
                    assertThat(t.declined()).as(scope.describe() + ": areas holding empty ranges").isPositive();
                } else {
                    assertThat(t.declined()).as(scope.describe() + ": no empty range, nothing declined").isZero();
                }
            }
        }
    }

    /** Stacked empty ranges, len-0 requests, misaligned, overflowing and unreadable arguments: the small scope. */
    @Test
    void oddArgumentsAndEmptyRangesAgreeToo() {
        var t = compare(Scopes.named("small"), false);
        assertThat(t.packed()).isGreaterThan(100);
        assertThat(t.unchanged()).isGreaterThan(t.packed()); // the refused arguments and GET_PIN_STATUS
        assertThat(t.declined()).isGreaterThan(0); // areas holding empty ranges go the frame path
    }

    @Test
    void scopesWhoseStatesAreMoreThanAreaBlocksAndBrokenKernelsKeepTheFramePath() {
        for (var name : List.of("content-1x6", "surface", "conc")) {
            var kernel = new Kernel(Scopes.named(name));
            var actions = new Alphabet(kernel.scope()).actions().toArray(Action[]::new);
            assertThat(PackedPins.forKernel(kernel, new Codec(kernel, true), actions)).as(name).isNull();
        }
        var broken = new Kernel(Scopes.named("1x8")) {
        };
        var actions = new Alphabet(broken.scope()).actions().toArray(Action[]::new);
        assertThat(PackedPins.forKernel(broken, new Codec(broken, false), actions)).isNull();
        var real = new Kernel(Scopes.named("1x8"));
        assertThat(PackedPins.forKernel(real, new Codec(real, false), actions)).isNotNull();
    }
}
