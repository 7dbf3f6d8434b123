package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.impl.broken.Suite;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Result;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each catalogue entry that names {@link Suite#SCENARIO}, next to the correct device: one hand-written
 * scenario per entry shows the driver's answer on the correct device and a different one on the
 * variant, on the driver surface, which is what the conformance suites need from a broken variant.
 */
class BrokenVariantsTest {
    private static final int P = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;
    private static final Result EINVAL = Result.err(Errno.EINVAL);

    /** A scenario on a broken device and a correct one. */
    @FunctionalInterface
    interface Scenario {
        void show(OffHeapAshmem broken, OffHeapAshmem good) throws Exception;
    }

    private static final Map<BrokenVariant, Scenario> SCENARIOS = new EnumMap<>(BrokenVariant.class);

    static {
        SCENARIOS.put(BrokenVariant.CHECKS_BEFORE_LOCK, BrokenVariantsTest::pinArgumentChecksBeforeTheMutexDoNotWaitForIt);
        SCENARIOS.put(BrokenVariant.NO_INFLIGHT_WAIT, BrokenVariantsTest::pinDoesNotWaitForAnInflightPunch);
        SCENARIOS.put(BrokenVariant.LEN0_NOT_TRUNCATED, (dev, good) -> {
            assertThat(good.ioctl(mapped(good, (1L << 32) + P), Command.unpin(0, 0))).isEqualTo(Result.ZERO);
            assertThat(ranges(good)).isEqualTo("[0..0]"); // (2^32 + P) mod 2^32 = one page
            assertThat(dev.ioctl(mapped(dev, (1L << 32) + P), Command.unpin(0, 0))).isEqualTo(EINVAL);
        });
        SCENARIOS.put(BrokenVariant.LEN0_UNDERFLOW_PANICS, (dev, good) -> {
            // offset 2P > PAGE_ALIGN(size) = P: the driver wraps, fails PINARG-BOUNDS; the Rust rewrite panicked
            assertThat(good.ioctl(mapped(good, P), Command.unpin(2L * P, 0))).isEqualTo(EINVAL);
            int fd = mapped(dev, P);
            assertThatThrownBy(() -> dev.ioctl(fd, Command.unpin(2L * P, 0))).isInstanceOf(ArithmeticException.class);
        });
        SCENARIOS.put(BrokenVariant.ALIGNMENT_UNCHECKED, (dev, good) -> {
            assertThat(good.ioctl(mapped(good, 4L * P), Command.unpin(100, P))).isEqualTo(EINVAL);
            assertThat(dev.ioctl(mapped(dev, 4L * P), Command.unpin(100, P))).isEqualTo(Result.ZERO);
        });
        SCENARIOS.put(BrokenVariant.OVERFLOW_UNCHECKED, (dev, good) -> {
            // offset + len = 2^32 + P: past u32, yet inside PAGE_ALIGN(size)
            assertThat(good.ioctl(mapped(good, (1L << 32) + 2L * P), Command.unpin(0xFFFF_F000L, 2L * P))).isEqualTo(EINVAL);
            assertThat(dev.ioctl(mapped(dev, (1L << 32) + 2L * P), Command.unpin(0xFFFF_F000L, 2L * P))).isEqualTo(Result.ZERO);
        });
        SCENARIOS.put(BrokenVariant.EMPTY_RANGE_REJECTED, (dev, good) -> {
            assertThat(good.ioctl(mapped(good, 4L * P), Command.unpin(4L * P, 0))).isEqualTo(Result.ZERO);
            assertThat(dev.ioctl(mapped(dev, 4L * P), Command.unpin(4L * P, 0))).isEqualTo(EINVAL);
        });
        SCENARIOS.put(BrokenVariant.MERGES_ADJACENT, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int a = mapped(d, 8L * P);
                d.ioctl(a, Command.unpin(0, P));
                d.ioctl(a, Command.unpin(P, P));
            }
            assertThat(ranges(good)).isEqualTo("[1..1] [0..0]");
            assertThat(ranges(dev)).isEqualTo("[0..1]");
        });
        SCENARIOS.put(BrokenVariant.PURGED_NOT_SPREAD, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int b = mapped(d, 8L * P);
                d.ioctl(b, Command.unpin(0, 2L * P));
                d.shrinkScan(1, true);
                d.ioctl(b, Command.unpin(P, 2L * P));
            }
            assertThat(ranges(good)).isEqualTo("[0..2]P");
            assertThat(ranges(dev)).isEqualTo("[0..2]");
        });
        SCENARIOS.put(BrokenVariant.SPLIT_PIECE_IN_PLACE, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int c = mapped(d, 8L * P);
                d.ioctl(c, Command.unpin(0, 6L * P));
                d.ioctl(c, Command.unpin(7L * P, P));
                d.ioctl(c, Command.pin(2L * P, 2L * P));
            }
            assertThat(lru(good)).isEqualTo("a0[0..1] a0[7..7] a0[4..5]");
            assertThat(lru(dev)).isEqualTo("a0[0..1] a0[4..5] a0[7..7]");
        });
        SCENARIOS.put(BrokenVariant.PIN_FORGETS_LRU_COUNT, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int c = mapped(d, 4L * P);
                d.ioctl(c, Command.unpin(0, 2L * P));
                d.ioctl(c, Command.pin(0, P)); // range_shrink() of a range on the LRU
            }
            assertThat(good.shrinkCount()).isOne();
            assertThat(dev.shrinkCount()).isEqualTo(2);
        });
        SCENARIOS.put(BrokenVariant.SCAN_COUNTS_PAGES, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int fd = mapped(d, 8L * P);
                d.ioctl(fd, Command.unpin(0, 4L * P));
                d.ioctl(fd, Command.unpin(5L * P, P));
            }
            assertThat(good.shrinkScan(2, true)).isEqualTo(5); // two ranges
            assertThat(dev.shrinkScan(2, true)).isEqualTo(4); // the first range's 4 pages used up the 2
        });
        SCENARIOS.put(BrokenVariant.PUNCHES_PINNED_PAGE, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int fd = mapped(d, 4L * P);
                d.mmap(fd, 4L * P, RW, true, 0); // mapping 2 covers the whole area
                d.store(2, 3L * P, new byte[] {1}); // page 3 stays pinned
                d.ioctl(fd, Command.unpin(2L * P, P));
                d.shrinkScan(1, true);
            }
            assertThat(good.load(2, 3L * P, 1)).isEqualTo(new Result.Bytes(new byte[] {1}));
            assertThat(dev.load(2, 3L * P, 1)).isEqualTo(new Result.Bytes(new byte[1])); // pinned data punched
        });
        SCENARIOS.put(BrokenVariant.CLOSE_KEEPS_RANGES, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int k = mapped(d, 4L * P);
                d.ioctl(k, Command.unpin(0, P));
                d.close(k);
            }
            assertThat(good.snapshot().lru()).isEmpty();
            assertThat(dev.snapshot().lru()).hasSize(1); // a dead area's range on the LRU
            assertThat(dev.shrinkScan(0, true)).isOne(); // and its file is already closed: nothing punched
        });
        SCENARIOS.put(BrokenVariant.MPROTECT_BEYOND_MASK, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int fd = d.openHandle();
                d.ioctl(fd, new Command.SetSize(P));
                d.ioctl(fd, new Command.SetProtMask(Prot.READ));
                int m = (int) ((Result.Value) d.mmap(fd, P, Prot.READ, false, 0)).value();
                assertThat(d.mprotect(m, RW)).isEqualTo(d == good ? Result.err(Errno.EACCES) : Result.ZERO); // CVE-2011-1149
            }
        });
        SCENARIOS.put(BrokenVariant.MMAP_LONGER_THAN_SIZE, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int fd = d.openHandle();
                d.ioctl(fd, new Command.SetSize(P));
                assertThat(d.mmap(fd, 4L * P, RW, true, 0)).isEqualTo(d == good ? EINVAL : Result.ok(1));
            }
        });
        SCENARIOS.put(BrokenVariant.PRIVATE_MAPPING_MAPS_FILE, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int f = mapped(d, 2L * P);
                d.store(1, 0, new byte[] {5});
                int priv = (int) ((Result.Value) d.mmap(f, 2L * P, RW, false, 0)).value();
                assertThat(d.load(priv, 0, 1)).isEqualTo(new Result.Bytes(new byte[] {(byte) (d == good ? 0 : 5)}));
            }
        });
        SCENARIOS.put(BrokenVariant.SET_SIZE_AFTER_MMAP, (dev, good) -> {
            assertThat(good.ioctl(mapped(good, P), new Command.SetSize(2L * P))).isEqualTo(EINVAL); // CVE-2017-13216
            assertThat(dev.ioctl(mapped(dev, P), new Command.SetSize(2L * P))).isEqualTo(Result.ZERO);
        });
        SCENARIOS.put(BrokenVariant.SET_NAME_AFTER_MMAP, (dev, good) -> {
            assertThat(good.ioctl(mapped(good, P), Command.SetName.of("late"))).isEqualTo(EINVAL);
            assertThat(dev.ioctl(mapped(dev, P), Command.SetName.of("late"))).isEqualTo(Result.ZERO);
        });
        SCENARIOS.put(BrokenVariant.PROT_BIT_READDED, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int r = d.openHandle();
                d.ioctl(r, new Command.SetProtMask(Prot.READ));
                assertThat(d.ioctl(r, new Command.SetProtMask(RW))).isEqualTo(d == good ? EINVAL : Result.ZERO);
            }
        });
        SCENARIOS.put(BrokenVariant.RIE_BEFORE_CHECK, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int fd = d.openHandle();
                d.ioctl(fd, new Command.SetProtMask(Prot.READ));
                // the C driver adds EXEC after the check, so a READ_IMPLIES_EXEC caller gets it back
                assertThat(d.ioctl(fd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC))
                        .isEqualTo(d == good ? Result.ZERO : EINVAL);
            }
        });
        SCENARIOS.put(BrokenVariant.GET_NAME_LEAKS, (dev, good) -> {
            for (var d : List.of(dev, good)) {
                int n = d.openHandle();
                d.ioctl(n, Command.SetName.of("x"));
                assertThat(((Result.Bytes) d.ioctl(n, new Command.GetName(false))).length()).isEqualTo(d == good ? 2 : 256);
            }
        });
    }

    static List<BrokenVariant> variants() {
        return BrokenVariant.forSuite(Suite.SCENARIO);
    }

    @Test
    void everyEntryNamingTheScenarioTestsHasOneAndNoScenarioIsUnlisted() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrderElementsOf(variants());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theScenarioTellsTheVariantFromTheDriver(BrokenVariant variant) throws Exception {
        var scenario = SCENARIOS.get(variant);
        assertThat(scenario).as("scenario for %s", variant).isNotNull();
        try (var broken = variant.create(P); var good = new OffHeapAshmem(P)) {
            assertThat(broken.decisions()).isEqualTo(variant.decisions());
            scenario.show(broken, good);
        }
    }

    @Test
    void theDriverDecisionsAreTheDefault() {
        try (var dev = new OffHeapAshmem(P)) {
            assertThat(dev.decisions()).isEqualTo(Decisions.DRIVER);
            assertThat(Decisions.DRIVER.isDriver()).isTrue();
        }
    }

    private static int mapped(OffHeapAshmem dev, long size) {
        int fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize(size));
        assertThat(dev.mmap(fd, P, RW, true, 0)).isInstanceOf(Result.Value.class);
        return fd;
    }

    private static String ranges(OffHeapAshmem dev) {
        return dev.snapshot().areas().getFirst().unpinned().stream().map(RangeSnapshot::toString).collect(Collectors.joining(" "));
    }

    private static String lru(OffHeapAshmem dev) {
        return dev.snapshot().lru().stream().map(Object::toString).collect(Collectors.joining(" "));
    }

    /** The driver's misaligned PIN waits behind a PIN holding the mutex; the broken one answers at once. */
    private static void pinArgumentChecksBeforeTheMutexDoNotWaitForIt(OffHeapAshmem broken, OffHeapAshmem good) throws Exception {
        for (var dev : List.of(good, broken)) {
            int fd = mapped(dev, 4L * P);
            dev.ioctl(fd, Command.unpin(0, P));
            var punch = dev.shrinkMarkHead().orElseThrow();
            var holder = Thread.ofPlatform().start(() -> dev.ioctl(fd, Command.pin(0, P))); // waits holding the mutex
            awaitWaiting(holder);
            var misaligned = CompletableFuture.supplyAsync(() -> dev.ioctl(fd, Command.pin(1, P)));
            if (dev == broken) {
                assertThat(misaligned.get(5, TimeUnit.SECONDS)).isEqualTo(EINVAL); // answered without the mutex
            } else {
                Thread.sleep(100);
                assertThat(misaligned).isNotDone(); // waits behind the holder
            }
            dev.shrinkPunch(punch);
            dev.shrinkRelease(punch);
            assertThat(misaligned.get(5, TimeUnit.SECONDS)).isEqualTo(EINVAL);
            holder.join();
        }
    }

    /** The driver's PIN waits for a marked punch; the broken one returns while the punch is in flight. */
    private static void pinDoesNotWaitForAnInflightPunch(OffHeapAshmem broken, OffHeapAshmem good) throws Exception {
        for (var dev : List.of(good, broken)) {
            int fd = mapped(dev, 4L * P);
            dev.ioctl(fd, Command.unpin(0, P));
            var punch = dev.shrinkMarkHead().orElseThrow();
            var pin = CompletableFuture.supplyAsync(() -> dev.ioctl(fd, Command.pin(0, P)));
            if (dev == broken) {
                assertThat(pin.get(5, TimeUnit.SECONDS)).isEqualTo(Result.ok(1)); // ASHMEM_WAS_PURGED, punch still in flight
                assertThat(dev.inflight()).isOne();
            } else {
                Thread.sleep(100);
                assertThat(pin).isNotDone(); // PINARG-WAIT
            }
            dev.shrinkPunch(punch);
            dev.shrinkRelease(punch);
            assertThat(pin.get(5, TimeUnit.SECONDS)).isEqualTo(Result.ok(1));
        }
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
