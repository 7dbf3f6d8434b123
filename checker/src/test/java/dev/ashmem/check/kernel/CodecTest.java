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
}
