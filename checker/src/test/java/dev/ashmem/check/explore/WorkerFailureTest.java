package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A worker that fails while it holds a claimed slot of the round table (its kernel throws, or the heap
 * runs out) publishes the slot before the failure leaves it and stops the round: another worker that
 * meets the same successor would otherwise wait for the slot forever, and the run would hang instead of
 * reporting the failure.
 */
class WorkerFailureTest {

    /** Throws whenever a successor is checked against the bounds: here only when a new state is rebuilt. */
    static final class FailsOnRebuild extends Kernel {
        FailsOnRebuild(Scope scope) {
            super(scope);
        }

        @Override
        public boolean outOfBounds(int[] f) {
            throw new IllegalStateException("kernel failure");
        }
    }

    @Test
    void aFailureInsideAClaimLeavesTheSlotPublishedAndTheRoundStopped() {
        Scope scope = Scopes.named("1x8"); // the initial state's successors all pack: bounds are checked on rebuild only
        Action[] actions = new Alphabet(scope).actions().toArray(Action[]::new);
        var real = new Successors(new Kernel(scope), scope.symmetry(), actions);
        var store = new StateStore(real.words(), 16);
        real.kernel.initial(real.base);
        real.codec.encode(real.base, real.key);
        store.add(real.key, -1);
        assertThat(real.generate()).isNegative();
        assertThat(real.batched).isPositive();
        long[] first = real.batch[0].clone();
        long hash = real.hashes[0];

        var table = new RoundTable(real.words(), 1 << 12, 1);
        var stop = new AtomicBoolean();
        var worker = new Worker(new FailsOnRebuild(scope), scope.symmetry(), actions, 64);
        assertThatThrownBy(() -> worker.run(store, table, 0, 1, new AtomicInteger(), stop, true)).hasMessage("kernel failure");
        assertThat(stop).as("the others leave the round").isTrue();
        var claimed = new RoundTable.Claims();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(table.offer(first, hash, RoundTable.tag(1, 0), claimed)).as("the slot is not left busy").isEqualTo(RoundTable.SEEN));
    }

    @Test
    void aParallelRunReportsTheFailureInsteadOfHanging() {
        Scope scope = Scopes.named("1x8");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> new Explorer(new FailsOnRebuild(scope), null, 2).tuning(ParallelExplorerTest.TINY).run())
                        .hasMessage("kernel failure"));
    }
}
