package dev.ashmem.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.scope.Scopes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packing: lossless on every reachable state, and symmetry reduction is exact (one state per orbit). */
class CodecTest {

    @Test
    void unpackingThenPackingGivesTheSameWords() {
        for (var scope : List.of(Scopes.named("small"), Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false),
                Scopes.named("surface-2x1").toBuilder().applyTo(b -> b.maxDepth = 3))) {
            var kernel = new Kernel(scope);
            var codec = new Codec(kernel, false);
            var inv = new FrameInvariants(kernel);
            int[] f = new int[kernel.frameLength()];
            long[] again = new long[codec.words];
            for (long[] key : Reach.states(scope, false)) {
                codec.decode(key, f);
                assertThat(codec.encode(f, again)).isTrue();
                assertThat(again).as(scope.name()).isEqualTo(key);
                if (scope.inflightWait()) {
                    assertThat(inv.check(f, null)).isTrue();
                }
            }
        }
    }

    @Test
    void symmetryKeepsExactlyOneStatePerOrbit() {
        for (var scope : List.of(
                Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 2),
                Scopes.named("surface-2x1").toBuilder().applyTo(b -> b.maxDepth = 5),
                Scopes.named("conc").toBuilder().applyTo(b -> {
                    b.areas = 2;
                    b.pages = 1;
                    b.maxMappings = 2;
                }))) {
            var kernel = new Kernel(scope);
            var plain = new Codec(kernel, false);
            var sym = new Codec(kernel, true);
            int[] f = new int[kernel.frameLength()];
            // every state of the full space, canonicalised: one representative per orbit
            var orbits = new HashSet<List<Long>>();
            var all = Reach.states(scope, false);
            for (long[] key : all) {
                plain.decode(key, f);
                long[] c = new long[sym.words];
                sym.encode(f, c);
                orbits.add(Arrays.stream(c).boxed().toList());
            }
            var reduced = Reach.states(scope.toBuilder().applyTo(b -> b.symmetry = true), true);
            var reducedSet = new HashSet<List<Long>>();
            reduced.forEach(k -> reducedSet.add(Arrays.stream(k).boxed().toList()));
            if (scope.maxDepth() == 0) {
                assertThat(reducedSet).as(scope.name()).isEqualTo(orbits);
            }
            // (With one mapping per area made in area order, the mapping order tells the areas apart: no reduction.)
            if (scope.name().equals("conc")) {
                assertThat(orbits.size()).as(scope.name()).isEqualTo(all.size());
            } else {
                assertThat(orbits.size()).as(scope.name()).isLessThan(all.size());
            }
        }
    }

    /**
     * A range whose owner field names another area than the list holding it breaks INV-LRU-AREA (when it is
     * on the LRU); the packing does not store owners (unpacking gives the list's), so it must refuse such a
     * frame, or a kernel bug of this kind would pack like the sound state and pass as a revisit.
     */
    @Test
    void aRangeOwnedByAnotherAreaThanItsListDoesNotPack() {
        var scope = Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 2);
        var kernel = new Kernel(scope);
        var codec = new Codec(kernel, true);
        var inv = new FrameInvariants(kernel);
        var L = kernel.layout();
        int[] f = new int[kernel.frameLength()];
        long[] out = new long[codec.words];
        int checked = 0;
        for (long[] key : Reach.states(scope, true)) {
            codec.decode(key, f);
            for (int a = 0; a < L.areas; a++) {
                int ab = L.area(a);
                for (int i = 0; i < f[ab + Layout.A_NR]; i++) {
                    int rb = L.range(f[ab + Layout.A_LIST + i]);
                    f[rb + Layout.R_AREA] = 1 - a;
                    assertThat(codec.encode(f, out)).isFalse();
                    if (f[rb + Layout.R_PURGED] == 0) {
                        assertThat(inv.check(f, null)).as("INV-LRU-AREA").isFalse();
                    }
                    f[rb + Layout.R_AREA] = a;
                    assertThat(codec.encode(f, out)).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }
}
