package dev.ashmem.impl.shrink;

import dev.ashmem.impl.broken.BrokenVariant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scan split into its steps (mark under the mutex, punch outside it, release) so that other
 * callers can be placed between them: PIN waits for the punch (PINARG-WAIT), the scan gives up on a
 * busy mutex (SHRINK-TRYLOCK), unlocked reads still answer (CONC-UNLOCKED).
 */
class ShrinkerStepsTest {
    private static final int P = 4096;

    private static int mappedArea(OffHeapAshmem dev, int pages) {
        int fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize((long) pages * P));
        dev.mmap(fd, (long) pages * P, Prot.READ | Prot.WRITE, true, 0);
        return fd;
    }

    private static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("thread never blocked").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void pinWaitsUnderTheMutexUntilTheInFlightPunchIsReleased() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = mappedArea(dev, 4);
            int m = 1;
            dev.store(m, 0, new byte[] {1, 2, 3});
            dev.ioctl(fd, Command.unpin(0, 2 * P));
            var punch = dev.shrinkMarkHead().orElseThrow(); // under the mutex: marked, off the LRU, in flight
            assertThat(dev.inflight()).isOne();
            assertThat(dev.shrinkCount()).isZero();

            var pinned = new CompletableFuture<Result>();
            var pinner = Thread.ofPlatform().start(() -> pinned.complete(dev.ioctl(fd, Command.pin(0, 2 * P))));
            awaitBlocked(pinner);
            assertThat(pinned).isNotDone();
            // it sleeps holding the mutex: a scan cannot get it, unlocked reads still answer
            assertThat(dev.shrinkScan(1, true)).isEqualTo(AshmemDevice.SHRINK_STOP);
            assertThat(dev.ioctl(fd, new Command.GetSize())).isEqualTo(Result.ok(4L * P));
            assertThat(dev.ioctl(fd, new Command.GetProtMask())).isEqualTo(Result.ok(Prot.ALL));

            dev.shrinkPunch(punch); // outside the mutex
            assertThat(pinned).isNotDone();
            dev.shrinkRelease(punch); // in flight 0: the waiter wakes
            assertThat(pinned.get(5, TimeUnit.SECONDS)).isEqualTo(Result.ok(1)); // WAS_PURGED
            pinner.join();
            assertThat(dev.load(m, 0, 3)).isEqualTo(new Result.Bytes(new byte[3]));
            dev.store(m, 0, new byte[] {9});
            assertThat(dev.load(m, 0, 1)).isEqualTo(new Result.Bytes(new byte[] {9})); // pinned data stays
        }
    }

    @Test
    void withoutTheWaitALatePunchWipesDataWrittenAfterPin() {
        // The driver's historic race (bug 6) as the catalogue's broken variant no-inflight-wait.
        try (var dev = BrokenVariant.NO_INFLIGHT_WAIT.create(P)) {
            int fd = mappedArea(dev, 2);
            dev.ioctl(fd, Command.unpin(0, P));
            var punch = dev.shrinkMarkHead().orElseThrow();
            assertThat(dev.ioctl(fd, Command.pin(0, P))).isEqualTo(Result.ok(1)); // returns at once
            dev.store(1, 0, new byte[] {42}); // the owner writes its pinned page
            dev.shrinkPunch(punch); // the late punch
            dev.shrinkRelease(punch);
            assertThat(dev.load(1, 0, 1)).isEqualTo(new Result.Bytes(new byte[1])); // the pinned write is gone
        }
    }

    @Test
    void aScanThatMayNotEnterTheFilesystemDoesNothing() {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = mappedArea(dev, 2);
            dev.ioctl(fd, Command.unpin(0, P));
            assertThat(dev.shrinkScan(10, false)).isEqualTo(AshmemDevice.SHRINK_STOP); // SHRINK-NOFS
            assertThat(dev.shrinkCount()).isOne();
            assertThat(dev.inflight()).isZero();
        }
    }

    @Test
    void thePurgerNeverWaitsForABusyMutex() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = mappedArea(dev, 4);
            dev.ioctl(fd, Command.unpin(0, P));
            dev.ioctl(fd, Command.unpin(2L * P, P));
            var punch = dev.shrinkMarkHead().orElseThrow();
            var pinner = Thread.ofPlatform().start(() -> dev.ioctl(fd, Command.pin(0, P)));
            awaitBlocked(pinner); // holds the mutex until the punch is released
            try (var purger = BackgroundPurger.start(dev, 0, Duration.ofHours(1))) {
                long t0 = System.nanoTime();
                assertThat(purger.onMemoryPressure(MemoryPressure.CRITICAL)).isZero(); // busy: nothing, at once
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
                assertThat(dev.shrinkCount()).isOne();
                dev.shrinkPunch(punch);
                dev.shrinkRelease(punch);
                pinner.join();
                purger.onMemoryPressure(MemoryPressure.CRITICAL);
                // Freed by this call or by the thread's first trim, if that came only now: a trim adds
                // its pages when it ends, so this call may return 0 while the thread's scan is finishing.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (purger.pagesPurged() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(purger.pagesPurged()).isOne();
            }
            assertThat(dev.shrinkCount()).isZero();
        }
    }
}
