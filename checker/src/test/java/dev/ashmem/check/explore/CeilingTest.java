package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scopes;
import org.junit.jupiter.api.Test;

/** The machine's ceiling: the run's own expansions again, on 1 thread and on N, every successor counted. */
class CeilingTest {
    @Test
    void everyPassRedoesTheRunsExpansionsOnOneThreadAndOnSeveral() {
        var explorer = new Explorer(new Kernel(Scopes.named("small")), null, 2);
        var run = explorer.run();
        assertThat(run.passed()).isTrue();
        var passes = explorer.ceiling(3, 2);
        assertThat(passes).hasSize(2).allSatisfy(p -> {
            assertThat(p.threads()).isEqualTo(3);
            // The pass checks this itself: a chunk skipped or taken twice would count other successors.
            assertThat(p.successors()).isEqualTo(run.stats().successors()).isEqualTo(25_164);
            assertThat(p.oneSeconds()).isPositive();
            assertThat(p.manySeconds()).isPositive();
        });
    }

    @Test
    void aPassThatCountsOtherSuccessorsThanTheRunFails() {
        var explorer = new Explorer(new Kernel(Scopes.named("small")), null, 1);
        long successors = explorer.run().stats().successors();
        assertThatThrownBy(() -> explorer.ceilingOf().measure(2, 1, successors + 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("counted 25,164 successors, the run 25,165");
    }

    @Test
    void onlyACompleteRunThatPassedHasACeiling() {
        assertThatThrownBy(() -> new Explorer(new Kernel(Scopes.named("small")), null, 1).ceiling(2, 1))
                .isInstanceOf(IllegalStateException.class).hasMessage("no run yet");
        var bounded = new Explorer(new Kernel(Scopes.named("small").toBuilder().applyTo(b -> b.maxDepth = 2)), null, 1);
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
