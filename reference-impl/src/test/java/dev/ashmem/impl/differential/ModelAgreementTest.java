package dev.ashmem.impl.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Op;
import java.util.ArrayDeque;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential test: long seeded random operation sequences run on the model and on the off-heap
 * implementation side by side; every Result and the whole snapshot (areas, handles, unpinned lists,
 * LRU order, lruCount, mappings, files with their data pages) must agree after every step.
 */
class ModelAgreementTest {

    @ParameterizedTest(name = "P={0} seed={1}")
    @CsvSource({
            "4096, 1", "4096, 2", "4096, 3", "4096, 4", "4096, 5", "4096, 6",
            "16384, 11", "16384, 12", "16384, 13", "16384, 14",
            "65536, 21", "65536, 22"
    })
    void implementationAgreesWithTheModelStepByStep(int pageSize, long seed) {
        run(pageSize, seed, 2_500, false);
    }

    @ParameterizedTest(name = "P={0} seed={1}")
    @CsvSource({"4096, 31", "4096, 32", "4096, 33", "16384, 34", "65536, 35"})
    void manySmallRangesAgreeWithTheModel(int pageSize, long seed) {
        run(pageSize, seed, 4_000, true);
    }

    /** A longer search on demand: -Dashmem.diff.seeds=N runs N more seeds of each page size. */
    @org.junit.jupiter.api.Test
    void soak() {
        int seeds = Integer.getInteger("ashmem.diff.seeds", 0);
        int steps = Integer.getInteger("ashmem.diff.steps", 3_000);
        for (int seed = 1000; seed < 1000 + seeds; seed++) {
            for (int pageSize : new int[] {4096, 16384, 65536}) {
                run(pageSize, seed, steps, seed % 2 == 0);
            }
        }
    }

    private static String shorten(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    static void run(int pageSize, long seed, int steps, boolean rangeHeavy) {
        var model = new AshmemModel(pageSize);
        var gen = new OpGenerator(seed, pageSize, rangeHeavy);
        var recent = new ArrayDeque<String>();
        try (var impl = new OffHeapAshmem(pageSize)) {
            for (int step = 0; step < steps; step++) {
                Op op = gen.next(model.snapshot());
                var expected = op.applyTo(model);
                var actual = op.applyTo(impl);
                recent.addLast(shorten(step + ": " + op + " -> " + expected));
                if (recent.size() > 40) {
                    recent.removeFirst();
                }
                if (!expected.equals(actual)) {
                    fail("step %d: %s: model %s, implementation %s%nmodel state:%n%s%nlast steps:%n%s", step,
                            shorten(op.toString()), expected, actual, model.snapshot(), String.join("\n", recent));
                }
                var want = model.snapshot();
                var got = impl.snapshot();
                if (!want.equals(got)) {
                    fail("step %d: %s: states differ%nmodel:%n%s%nimplementation:%n%s%nlast steps:%n%s", step, shorten(op.toString()), want, got,
                            recent.stream().collect(Collectors.joining("\n")));
                }
                model.checkInvariants();
            }
            assertThat(impl.inflight()).isZero();
        }
    }
}
