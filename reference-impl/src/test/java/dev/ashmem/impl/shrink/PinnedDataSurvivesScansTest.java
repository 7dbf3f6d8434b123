package dev.ashmem.impl.shrink;

import dev.ashmem.impl.broken.BrokenVariant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Threads pin, write a pattern, verify it, unpin, while scans and the background purger run: data in a
 * pinned page is never lost (INV-PUNCH-PINNED), an unpinned chunk that PIN reports NOT_PURGED still
 * holds its data, and one reported WAS_PURGED reads zero (its punch finished before PIN returned).
 */
class PinnedDataSurvivesScansTest {
    private static final int P = 4096;
    private static final int WORKERS = 3;
    private static final int CHUNKS = 4;
    private static final int CHUNK_PAGES = 4;

    @Test
    void concurrentPinnersNeverLoseData() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            var failures = workload(dev, Duration.ofSeconds(2));
            assertThat(failures).isEmpty();
            assertThat(dev.inflight()).isZero();
            assertLruConsistent(dev.snapshot());
        }
    }

    @Test
    void theSameWorkloadCatchesAPinThatDoesNotWaitForPunches() throws Exception {
        try (var dev = BrokenVariant.NO_INFLIGHT_WAIT.create(P)) {
            assertThat(workload(dev, Duration.ofSeconds(20))).isNotEmpty(); // stops at the first loss, usually at once
        }
    }

    /** Runs the pinners, a scanner and the background purger until {@code max} passes or data is lost. */
    private static List<String> workload(OffHeapAshmem dev, Duration max) throws Exception {
        int fd = dev.openHandle();
        long size = (long) WORKERS * CHUNKS * CHUNK_PAGES * P;
        dev.ioctl(fd, new Command.SetSize(size));
        int map = (int) ((Result.Value) dev.mmap(fd, size, Prot.READ | Prot.WRITE, true, 0)).value();
        var stop = new AtomicBoolean();
        var failures = new ConcurrentLinkedQueue<String>();
        var wasPurged = new AtomicLong();
        var notPurged = new AtomicLong();
        var scans = new AtomicLong();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().name("pinner-" + w).start(() -> {
                var rnd = ThreadLocalRandom.current();
                var expected = new byte[CHUNKS][];
                for (int c = 0; c < CHUNKS; c++) {
                    expected[c] = new byte[CHUNK_PAGES * P]; // everything starts pinned and zero
                }
                boolean[] unpinned = new boolean[CHUNKS];
                int iteration = 0;
                while (!stop.get() && failures.isEmpty()) {
                    int c = rnd.nextInt(CHUNKS);
                    long off = ((long) (worker * CHUNKS + c) * CHUNK_PAGES) * P;
                    long len = (long) CHUNK_PAGES * P;
                    if (unpinned[c]) {
                        var r = dev.ioctl(fd, Command.pin(off, len));
                        var now = ((Result.Bytes) dev.load(map, off, (int) len)).data();
                        if (r.equals(Result.ok(0))) {
                            notPurged.incrementAndGet();
                            if (!Arrays.equals(now, expected[c])) {
                                failures.add("NOT_PURGED chunk " + worker + "/" + c + " lost its data");
                            }
                        } else if (r.equals(Result.ok(1))) {
                            wasPurged.incrementAndGet();
                            if (!Arrays.equals(now, new byte[(int) len])) {
                                failures.add("WAS_PURGED chunk " + worker + "/" + c + " is not zero");
                            }
                        } else {
                            failures.add("PIN answered " + r);
                        }
                        unpinned[c] = false;
                    }
                    var pattern = new byte[(int) len];
                    Arrays.fill(pattern, (byte) (worker * 64 + c * 16 + (iteration++ % 15) + 1));
                    dev.store(map, off, pattern);
                    Thread.yield(); // let scans run while pinned
                    var back = ((Result.Bytes) dev.load(map, off, (int) len)).data();
                    if (!Arrays.equals(back, pattern)) {
                        failures.add("pinned chunk " + worker + "/" + c + " changed under its owner");
                    }
                    expected[c] = pattern;
                    if (!dev.ioctl(fd, Command.unpin(off, len)).equals(Result.ZERO)) {
                        failures.add("UNPIN failed");
                    }
                    unpinned[c] = true;
                }
            }));
        }
        threads.add(Thread.ofPlatform().name("scanner").start(() -> {
            var rnd = ThreadLocalRandom.current();
            while (!stop.get()) {
                dev.shrinkScan(1 + rnd.nextInt(3), true);
                scans.incrementAndGet();
            }
        }));
        try (var purger = BackgroundPurger.start(dev, 2 * CHUNK_PAGES, Duration.ofMillis(1))) {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline && failures.isEmpty() && purger.isRunning()) {
                Thread.sleep(10);
            }
            stop.set(true);
            for (var t : threads) {
                t.join();
            }
        }
        if (failures.isEmpty()) {
            assertThat(wasPurged.get()).as("purges seen by PIN").isPositive();
            assertThat(notPurged.get()).as("unpinned chunks that survived").isPositive();
        }
        return List.copyOf(failures);
    }

    static void assertLruConsistent(DeviceSnapshot s) {
        long sum = 0;
        for (var e : s.lru()) {
            sum += e.pgend() - e.pgstart() + 1;
        }
        assertThat(sum).isEqualTo(s.lruCount()); // INV-LRU-COUNT
        long unpurged = s.areas().stream().flatMap(a -> a.unpinned().stream()).filter(r -> !r.purged()).count();
        assertThat(s.lru()).hasSize((int) unpurged); // INV-LRU-IFF
    }
}
