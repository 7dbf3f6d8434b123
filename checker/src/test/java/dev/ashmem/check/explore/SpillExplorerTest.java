package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.check.trace.TracePrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run that goes on disk is the in-memory run: the same figures and the same counterexample, trace
 * for trace, whether it spills from the first level (a budget so small that every level is many
 * sorted runs, and the next level's ordering spills too) or from a later one, with one worker or
 * several; and it leaves no file behind.
 */
class SpillExplorerTest {
    /** 4 KiB: an arena of a few hundred states. */
    static final long TINY = 4096;

    @TempDir
    Path dir;

    static List<org.junit.jupiter.params.provider.Arguments> cases() {
        return ParallelExplorerTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void spillingIsTheInMemoryRun(String name, Scope scope, ParallelExplorerTest.KernelOf kernel) throws IOException {
        var memory = new Explorer(kernel.of(scope), null).run();
        // From the first level; from the level the store first takes more than 64 KiB (if any); in parallel.
        for (var run : List.of(
                new Explorer(kernel.of(scope), null).memory(TINY, dir),
                new Explorer(kernel.of(scope), null).memory(1 << 16, dir),
                new Explorer(kernel.of(scope), null, 2).memory(TINY, dir))) {
            var spilled = run.run();
            assertThat(figures(spilled.stats())).as(name).isEqualTo(figures(memory.stats()));
            assertThat(spilled.counterexample().map(TracePrinter::counterexample)).as(name)
                    .isEqualTo(memory.counterexample().map(TracePrinter::counterexample));
            try (var left = Files.list(dir)) {
                assertThat(left).as("files left").isEmpty();
            }
        }
    }

    @Test
    void aLargerScopeSpillsAtALaterLevelInSeveralRuns() {
        var scope = Scopes.named("1x8").toBuilder().applyTo(b -> b.pages = 7);
        var memory = new Explorer(new Kernel(scope), null).run();
        // The store takes about 1.4 MB up to 65,536 states, then grows: 1.6 MB lasts a few levels.
        var run = new Explorer(new Kernel(scope), null).memory(1_600_000, dir);
        var spilled = run.run();
        assertThat(run.spilledAtDepth).as("went on disk after the first levels").isGreaterThan(0);
        assertThat(run.spillRuns).as("sorted runs written").isGreaterThan(2);
        assertThat(figures(spilled.stats())).isEqualTo(figures(memory.stats()));
        assertThat(memory.stats().states()).isEqualTo(75_429);
    }

    @Test
    void aBudgetTooSmallToExploreIsAnError() {
        var run = new Explorer(new Kernel(Scopes.named("small")), null).memory(64, dir);
        assertThatThrownBy(run::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    }

    private static List<Object> figures(Stats s) {
        return List.of(s.states(), s.successors(), s.changed(), s.pruned(), s.depth(), s.complete(), s.words(), s.actions());
    }
}
