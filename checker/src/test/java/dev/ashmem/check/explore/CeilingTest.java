package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import org.junit.jupiter.api.Test;

/** The machine's ceiling: the run's own expansions again, on 1 thread and on N, every figure of the run counted again. */
class CeilingTest {
    /** 3,179 states whose successors differ in number, 5,536 of them pruned: a pass that expands other states, or looks up others, counts otherwise. */
    private static Scope scope() {
        return Scopes.named("surface-2x1").toBuilder().applyTo(b -> b.areas = 1);
    }

    @Test
    void everyPassRedoesTheRunsExpansionsOnOneThreadAndOnSeveral() {
        var explorer = new Explorer(new Kernel(scope()), null, 2);
        var run = explorer.run();
        assertThat(run.passed()).isTrue();
        assertThat(run.stats().states()).isEqualTo(3_179);
        assertThat(run.stats().pruned()).isEqualTo(5_536);
        var passes = explorer.ceiling(3, 2);
        assertThat(passes).hasSize(2).allSatisfy(p -> {
            assertThat(p.threads()).isEqualTo(3);
            // The pass checks successors, changing ones and pruned ones itself (a state skipped or read wrong fails it).
            assertThat(p.successors()).isEqualTo(run.stats().successors()).isEqualTo(200_721);
            assertThat(p.oneSeconds()).isPositive().isLessThan(60);
            assertThat(p.manySeconds()).isPositive().isLessThan(60);
        });
    }

    @Test
    void aPassThatCountsOtherFiguresThanTheRunFails() {
        var explorer = new Explorer(new Kernel(scope()), null, 1);
        var s = explorer.run().stats();
        var onePrunedMore = new Stats(s.states(), s.successors(), s.changed(), s.pruned() + 1, s.depth(), true, s.nanos(), s.cpuNanos(),
                s.pathCpuNanos(), s.peakHeapBytes(), s.storeBytes(), s.words(), s.actions());
        assertThatThrownBy(() -> explorer.ceilingOf().measure(2, 1, onePrunedMore)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("counted 200,721 successors (69,693 changing the state, 5,536 pruned), the run 200,721 (69,693, 5,537)");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aThreadThatCannotStartFailsThePassInsteadOfHoldingIt() {
        var explorer = new Explorer(new Kernel(scope()), null, 1);
        var run = explorer.run().stats();
        var c = explorer.ceilingOf(() -> {
            if (Thread.currentThread().getName().startsWith("model-check-ceiling-")) {
                throw new IllegalStateException("no kernel here");
            }
            return new Kernel(scope());
        });
        // Before, the others waited at the start line for it forever.
        assertThatThrownBy(() -> c.measure(2, 1, run)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a ceiling thread failed").hasMessageContaining("no kernel here");
    }

    @Test
    void onlyACompleteRunThatPassedHasACeiling() {
        assertThatThrownBy(() -> new Explorer(new Kernel(scope()), null, 1).ceiling(2, 1))
                .isInstanceOf(IllegalStateException.class).hasMessage("no run yet");
        var bounded = new Explorer(new Kernel(scope().toBuilder().applyTo(b -> b.maxDepth = 2)), null, 1);
        bounded.run();
        assertThatThrownBy(() -> bounded.ceiling(2, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("explored every state in memory and passed");
        var explorer = new Explorer(new Kernel(Scopes.named("small")), null, 1);
        explorer.run();
        assertThatThrownBy(() -> explorer.ceiling(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPassReadsBackFromItsLine() {
        var p = new Ceiling.Pass(1.766, 1.117, 2, 35_314_902);
        assertThat(p.summary()).isEqualTo("1 thread 1.766 s, 2 threads 1.117 s: 1.58x, 35,314,902 successors each");
        assertThat(Ceiling.Pass.parse("# ceiling (pass 1 of 6): " + p.summary())).isEqualTo(p);
        assertThatThrownBy(() -> Ceiling.Pass.parse("# stats: ...")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ceiling figures");
    }
}
