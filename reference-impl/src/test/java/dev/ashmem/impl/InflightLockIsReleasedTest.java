package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ashmem.model.Command;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * CONC-INFLIGHT: the lock the in-flight count's waiters sleep on is given back by the release that wakes them
 * and by every waiter. It is reentrant, so the thread that kept it never notices; another thread does, the next
 * time a release drops the count to 0 (it takes the lock to signal) or a PIN waits for the count. Here a fresh
 * thread runs a whole mark, punch, release after each path, and must be done within a few seconds.
 */
class InflightLockIsReleasedTest {
    private static final int P = 4096;

    /** A new thread marks, punches and releases the LRU head: it takes the in-flight lock when the count drops to 0. */
    private static void anotherThreadCompletesAPunch(OffHeapAshmem dev, String after) {
        var done = new CompletableFuture<Void>();
        var t = Thread.ofPlatform().daemon().start(() -> {
            try {
                var punch = dev.shrinkMarkHead().orElseThrow();
                dev.shrinkPunch(punch);
                dev.shrinkRelease(punch);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            fail(after + " left the in-flight lock held: another thread's release cannot take it");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(dev.inflight()).isZero();
    }

    private static int area(OffHeapAshmem dev) {
        int fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize(8L * P));
        assertThat(dev.mmap(fd, 8L * P, Prot.READ | Prot.WRITE, true, 0)).isInstanceOf(Result.Value.class);
        for (int i = 0; i < 4; i++) {
            assertThat(dev.ioctl(fd, Command.unpin(2L * i * P, P))).isEqualTo(Result.ZERO); // four one-page ranges
        }
        return fd;
    }

    @Exercises({"CONC-INFLIGHT"})
    @Test
    void aReleaseThatDropsTheCountToZeroGivesTheLockBack() {
        var dev = new OffHeapAshmem(P); // closed only on success: a lock left held would block close()
        area(dev);
        var punch = dev.shrinkMarkHead().orElseThrow();
        dev.shrinkPunch(punch);
        dev.shrinkRelease(punch); // 1 -> 0: takes the lock to signal the waiters
        anotherThreadCompletesAPunch(dev, "a release to 0");
        assertThat(dev.shrinkScan(1, true)).as("a whole scan after it").isEqualTo(1);
        anotherThreadCompletesAPunch(dev, "a scan");
        dev.close();
    }

    @Exercises({"CONC-INFLIGHT", "PINARG-WAIT"})
    @Test
    void aPinThatWaitedForThePunchGivesTheLockBack() throws Exception {
        var dev = new OffHeapAshmem(P); // closed only on success: a lock left held would block close()
        int fd = area(dev);
        var punch = dev.shrinkMarkHead().orElseThrow(); // page 0 is in flight
        var pin = new CompletableFuture<Result>();
        var waiter = Thread.ofPlatform().daemon().start(() -> pin.complete(dev.ioctl(fd, Command.pin(2L * P, P))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (waiter.getState() != Thread.State.WAITING) { // asleep on the drained condition
            assertThat(System.nanoTime()).as("the PIN waits for the punch in flight").isLessThan(deadline);
            Thread.sleep(1);
        }
        assertThat(pin).isNotDone();
        dev.shrinkPunch(punch);
        dev.shrinkRelease(punch);
        try {
            assertThat(pin.get(5, TimeUnit.SECONDS)).isEqualTo(Result.ok(0)); // NOT_PURGED: page 2 was not the head
        } catch (TimeoutException e) {
            fail("the PIN never returned: the release that woke it kept the in-flight lock");
        }
        waiter.join(5000);
        anotherThreadCompletesAPunch(dev, "a PIN that waited");
        dev.close();
    }
}
