package dev.ashmem.impl.shrink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Shrinker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The purger's limits: a trim gives up after {@link BackgroundPurger#MAX_IDLE_STEPS} scans in a row that free
 * nothing and leave the count where it was, stops at once on a busy device (SHRINK_STOP), never runs more than
 * {@link BackgroundPurger#MAX_STEPS_PER_TRIM} scans, and an idle thread sleeps until poked.
 */
class BackgroundPurgerIdleTest {
    private static final int P = 4096;

    /** A shrinker whose count and scan answers are scripted; it counts the scans it was asked for. */
    private static final class ScriptedShrinker implements Shrinker {
        private final LongSupplier count;
        private final LongSupplier scan;
        long scans;

        ScriptedShrinker(LongSupplier count, LongSupplier scan) {
            this.count = count;
            this.scan = scan;
        }

        @Override
        public long shrinkCount() {
            return count.getAsLong();
        }

        @Override
        public long shrinkScan(long nrToScan, boolean mayEnterFs) {
            assertThat(nrToScan).isEqualTo(1);
            assertThat(mayEnterFs).isTrue();
            scans++;
            return scan.getAsLong();
        }
    }

    @Exercises({"SHRINK-COUNT", "SHRINK-RET"})
    @Test
    void aTrimGivesUpAfterARunOfScansThatFreeNothing() {
        var dev = new ScriptedShrinker(() -> 10, () -> 0); // e.g. empty ranges under a count that never drops
        var purger = BackgroundPurger.onDemand(dev, 0);
        assertThat(purger.trimTo(0)).isZero();
        assertThat(dev.scans).isEqualTo(BackgroundPurger.MAX_IDLE_STEPS);
        assertThat(purger.pagesPurged()).isZero();
    }

    @Test
    void aScanThatFreesPagesStartsTheIdleRunAgain() {
        long[] n = {0};
        // every eighth scan frees a page, the others nothing: never 64 idle scans in a row, so it runs to MAX_STEPS
        var dev = new ScriptedShrinker(() -> Long.MAX_VALUE, () -> ++n[0] % 8 == 0 ? 1 : 0);
        var purger = BackgroundPurger.onDemand(dev, 0);
        assertThat(purger.trimTo(5)).isEqualTo(BackgroundPurger.MAX_STEPS_PER_TRIM / 8);
        assertThat(dev.scans).isEqualTo(BackgroundPurger.MAX_STEPS_PER_TRIM);
        assertThat(purger.pagesPurged()).isEqualTo(BackgroundPurger.MAX_STEPS_PER_TRIM / 8);
    }

    @Test
    void aScanThatFreesNothingButLowersTheCountIsNotIdle() {
        long[] count = {200};
        var dev = new ScriptedShrinker(() -> count[0], () -> {
            count[0]--; // a range of 0 pages by its size that still counted, say; the count moves, so it goes on
            return 0;
        });
        assertThat(BackgroundPurger.onDemand(dev, 0).trimTo(100)).isZero();
        assertThat(dev.scans).isEqualTo(100);
        assertThat(count[0]).isEqualTo(100);
    }

    @Exercises({"SHRINK-TRYLOCK"})
    @Test
    void aBusyDeviceStopsTheTrimAtOnce() {
        var dev = new ScriptedShrinker(() -> 10, () -> Shrinker.SHRINK_STOP);
        var purger = BackgroundPurger.onDemand(dev, 0);
        assertThat(purger.trimTo(0)).isZero();
        assertThat(dev.scans).isEqualTo(1);
        assertThat(purger.pagesPurged()).isZero();
    }

    @Test
    void theTargetIsUnsigned() {
        var dev = new ScriptedShrinker(() -> -1L, () -> 1); // a wrapped count, 2^64-1
        assertThat(BackgroundPurger.onDemand(dev, 0).trimTo(-1L)).isZero(); // 2^64-1 <= 2^64-1: nothing to do
        assertThat(dev.scans).isZero();
        var small = new ScriptedShrinker(() -> 3, () -> 1);
        assertThat(BackgroundPurger.onDemand(small, 0).trimTo(-2L)).isZero(); // 3 <= 2^64-2
        assertThat(small.scans).isZero();
    }

    @Test
    void anIdleThreadSleepsForItsPeriodAndAPokeWakesIt() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            dev.ioctl(fd, new Command.SetSize(4L * P));
            dev.mmap(fd, 4L * P, Prot.READ | Prot.WRITE, true, 0);
            var purger = BackgroundPurger.start(dev, 1, Duration.ofHours(1));
            try (purger) {
                awaitTicks(purger, 1);
                Thread.sleep(50);
                assertThat(purger.ticks()).as("asleep for the hour").isEqualTo(1);
                assertThat(purger.isRunning()).isTrue();
                dev.ioctl(fd, Command.unpin(0, 3L * P)); // 3 pages over the budget of 1
                dev.ioctl(fd, Command.unpin(3L * P, P)); // two ranges: [0..2] then [3]
                purger.poke();
                awaitTicks(purger, 2);
                assertThat(dev.shrinkCount()).isEqualTo(1); // the oldest range went, the other is within budget
                assertThat(purger.pagesPurged()).isEqualTo(3);
                assertThat(purger.budgetPages()).isEqualTo(1);
            }
            assertThat(purger.isRunning()).isFalse();
            // the thread gave its lock back at every tick: a poke or close after it ended returns at once
            var late = CompletableFuture.runAsync(() -> {
                purger.poke();
                purger.close();
            });
            late.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void closeOnAnInterruptedThreadInterruptsAPurgerStuckInTheDeviceAndKeepsTheInterrupt() throws Exception {
        var entered = new CountDownLatch(1);
        var sawInterrupt = new AtomicBoolean();
        var dev = new ScriptedShrinker(() -> {
            entered.countDown();
            try {
                Thread.sleep(60_000); // a device call that hangs
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
            }
            return 0;
        }, () -> 0);
        var purger = BackgroundPurger.start(dev, 0, Duration.ofHours(1));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.currentThread().interrupt(); // close() cannot wait: it interrupts the purger's thread instead
        purger.close();
        assertThat(Thread.interrupted()).as("close() keeps the caller's interrupt").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (purger.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(sawInterrupt).as("the stuck device call was interrupted").isTrue();
        assertThat(purger.isRunning()).isFalse();
    }

    private static void awaitTicks(BackgroundPurger purger, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (purger.ticks() < n) {
            assertThat(System.nanoTime()).as("tick %d", n).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void closingAPurgerWithoutAThreadReturnsAtOnceAndBadArgumentsAreRefused() {
        var purger = BackgroundPurger.onDemand(new AshmemModel(P), 3);
        purger.close();
        assertThat(purger.isRunning()).isFalse();
        assertThat(purger.ticks()).isZero();
        assertThatThrownBy(() -> BackgroundPurger.start(new AshmemModel(P), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> BackgroundPurger.start(new AshmemModel(P), 0, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackgroundPurger.start(new AshmemModel(P), 0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BackgroundPurger.onDemand(new AshmemModel(P), 0).onMemoryPressure(null))
                .isInstanceOf(NullPointerException.class);
        assertThat(BackgroundPurger.onDemand(new AshmemModel(P), 0).budgetPages()).isZero();
    }
}
