package dev.ashmem.impl.shrink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundPurgerTest {
    private static final int P = 4096;

    /** 32 one-page ranges unpinned oldest first: pages 0, 2, 4, ... 62 (never adjacent). */
    private static int unpinned32(OffHeapAshmem dev) {
        int fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize(64L * P));
        dev.mmap(fd, 64L * P, Prot.READ | Prot.WRITE, true, 0);
        for (int i = 0; i < 32; i++) {
            dev.ioctl(fd, Command.unpin(2L * i * P, P));
        }
        return fd;
    }

    @Test
    void theBackgroundThreadKeepsUnpinnedPagesUnderTheBudgetOldestFirst() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            unpinned32(dev);
            var purger = BackgroundPurger.start(dev, 8, Duration.ofMillis(5));
            try (purger) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (dev.shrinkCount() > 8) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(2);
                }
            }
            assertThat(purger.isRunning()).isFalse(); // joined: its last trim has been counted
            assertThat(purger.pagesPurged()).isEqualTo(24);
            // the list is descending: pages 62, 60, ... 0; the 24 oldest (pages 0..46) went first
            var ranges = dev.snapshot().areas().getFirst().unpinned();
            assertThat(ranges).hasSize(32);
            for (var r : ranges) {
                assertThat(r.purged()).as("%s", r).isEqualTo(r.pgstart() < 48);
            }
        }
    }

    @Test
    void memoryPressureTrimsAtOnceOnTheCallersThread() {
        try (var dev = new OffHeapAshmem(P); var purger = BackgroundPurger.onDemand(dev, 16)) {
            assertThat(purger.isRunning()).isFalse();
            unpinned32(dev);
            assertThat(purger.onMemoryPressure(MemoryPressure.MODERATE)).isEqualTo(24); // to 16 / 2
            assertThat(dev.shrinkCount()).isEqualTo(8);
            assertThat(purger.onMemoryPressure(MemoryPressure.LOW)).isEqualTo(4); // to 16 / 4
            assertThat(purger.onMemoryPressure(MemoryPressure.CRITICAL)).isEqualTo(4);
            assertThat(dev.snapshot().areas().getFirst().unpinned()).allMatch(RangeSnapshot::purged);
        }
    }

    @Test
    void closeStopsAndJoinsTheThread() {
        try (var dev = new OffHeapAshmem(P)) {
            var purger = BackgroundPurger.start(dev, 0, Duration.ofMillis(1));
            assertThat(purger.isRunning()).isTrue();
            purger.close();
            assertThat(purger.isRunning()).isFalse();
            purger.close(); // idempotent
        }
        assertThatThrownBy(() -> BackgroundPurger.start(null, 0, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("device");
        assertThatThrownBy(() -> BackgroundPurger.start(new OffHeapAshmem(P), -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
