package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.kernel.BrokenKernels;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.check.trace.TracePrinter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parallel exploration is the sequential one: same figures and the same counterexample, trace for
 * trace, with 2, 3 and 4 workers. Rounds, chunks and round tables are made tiny so that these small
 * scopes go through every path of a parallel run: rounds stored, rounds run again because the round
 * table was too small, rounds redone sequentially because a state broke an invariant.
 */
class ParallelExplorerTest {
    /** Every level in rounds of 16 states, chunks of 2, round tables that start far too small. */
    static final Explorer.Tuning TINY = new Explorer.Tuning(2, 16, 2, 8, 0.05);

    interface KernelOf {
        Kernel of(Scope s);
    }

    static List<Arguments> cases() {
        var conc = Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false);
        var conc3 = Scopes.named("conc-1x3").toBuilder().applyTo(b -> b.inflightWait = false);
        var symmetric = BrokenVariantTest.pinScope(2, 2).toBuilder().applyTo(b -> b.symmetry = true);
        return List.of(
                Arguments.of("small", Scopes.named("small"), (KernelOf) Kernel::new),
                Arguments.of("2x4 pages 2", Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 2), (KernelOf) Kernel::new),
                Arguments.of("2x4 pages 2 symmetry", Scopes.named("2x4").toBuilder().applyTo(b -> {
                    b.pages = 2;
                    b.symmetry = true;
                }), (KernelOf) Kernel::new),
                Arguments.of("content-1x6 pages 3", Scopes.named("content-1x6").toBuilder().applyTo(b -> b.pages = 3), (KernelOf) Kernel::new),
                Arguments.of("surface-2x1 max-depth 6", Scopes.named("surface-2x1").toBuilder().applyTo(b -> b.maxDepth = 6), (KernelOf) Kernel::new),
                Arguments.of("conc-1x3", Scopes.named("conc-1x3"), (KernelOf) Kernel::new),
                Arguments.of("conc --no-wait", conc, (KernelOf) Kernel::new),
                Arguments.of("conc-1x3 --no-wait", conc3, (KernelOf) Kernel::new),
                Arguments.of("pin forgets lruCount, 1x3", BrokenVariantTest.pinScope(1, 3), (KernelOf) BrokenKernels.ForgetsLruCount::new),
                Arguments.of("pin forgets lruCount, 2x2 symmetry", symmetric, (KernelOf) BrokenKernels.ForgetsLruCount::new),
                Arguments.of("unpin merges adjacent, 1x3", BrokenVariantTest.pinScope(1, 3), (KernelOf) BrokenKernels.MergesAdjacent::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parallelExplorationIsTheSequentialOne(String name, Scope scope, KernelOf kernel) {
        var sequential = new Explorer(kernel.of(scope), null).run();
        for (int workers : new int[] {2, 3, 4}) {
            var explorer = new Explorer(kernel.of(scope), null, workers).tuning(TINY);
            var parallel = explorer.run();
            assertThat(figures(parallel.stats())).as("%s, %d workers", name, workers).isEqualTo(figures(sequential.stats()));
            assertThat(parallel.counterexample().map(TracePrinter::counterexample))
                    .as("%s, %d workers", name, workers).isEqualTo(sequential.counterexample().map(TracePrinter::counterexample));
            // The parallel path ran: rounds stored (before the violation's level, if deep enough), rounds too
            // large for their table run again, and the round with the violation redone sequentially.
            assertThat(explorer.roundsStored).as("rounds stored").isGreaterThanOrEqualTo(sequential.stats().depth() > 2 ? 1 : 0);
            assertThat(explorer.roundsRetried).as("rounds retried with a larger table").isGreaterThanOrEqualTo(sequential.stats().depth() > 2 ? 1 : 0);
            assertThat(explorer.roundsRedone).as("rounds redone sequentially").isEqualTo(sequential.passed() ? 0 : 1);
        }
    }

    /**
     * Round tables that may not grow past 16 slots (as a table at the JVM's array limit cannot): a round
     * that fills one is expanded sequentially instead of being retried for ever, with the same figures.
     */
    @org.junit.jupiter.api.Test
    void aRoundThatFillsTheLargestTableGoesSequentially() {
        var scope = Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 2);
        var sequential = new Explorer(new Kernel(scope), null).run();
        var explorer = new Explorer(new Kernel(scope), null, 2).tuning(TINY.withMaxSlots(16));
        var parallel = explorer.run();
        assertThat(figures(parallel.stats())).isEqualTo(figures(sequential.stats()));
        assertThat(explorer.roundsRedone).as("rounds that filled the largest table").isPositive();
        assertThat(explorer.roundsStored).as("rounds that fit").isPositive();
    }

    private static List<Object> figures(Stats s) {
        return List.of(s.states(), s.successors(), s.changed(), s.pruned(), s.depth(), s.complete(), s.words(), s.actions());
    }
}
