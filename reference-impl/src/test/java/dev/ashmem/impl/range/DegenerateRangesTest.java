package dev.ashmem.impl.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Result;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quirks of the driver's linear walks that the tree must reproduce: the empty range [N, N-1],
 * duplicate empty ranges, the empty request, and the wrapped range [0, 2^64-1] with its lruCount wrap.
 * Expected states are worked out by hand from the walk rules (PINARG-EMPTY, STATUS-EMPTY, UNPIN-*,
 * PIN-CASE-1 to PIN-CASE-4), and checked on the model and on the implementation alike.
 */
class DegenerateRangesTest {
    private static final int P = 4096;
    private static final long MAX = -1L;

    static Stream<Arguments> devices() {
        return Stream.of(
                Arguments.of("model", (IntFunction<AshmemDevice>) AshmemModel::new),
                Arguments.of("off-heap", (IntFunction<AshmemDevice>) OffHeapAshmem::new));
    }

    private static int mapped(AshmemDevice dev, long size) {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(size))).isEqualTo(Result.ZERO);
        assertThat(dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0)).isInstanceOf(Result.Value.class);
        return fd;
    }

    private static String ranges(DeviceSnapshot s) {
        return s.areas().getFirst().unpinned().stream().map(RangeSnapshot::toString).collect(Collectors.joining(" "));
    }

    private static String lru(DeviceSnapshot s) {
        return s.lru().stream().map(DeviceSnapshot.LruEntry::toString).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void emptyRangesAtTheEndStackUpAndCountAsSubsumed(String name, IntFunction<AshmemDevice> factory) {
        try (var dev = factory.apply(P)) {
            int fd = mapped(dev, 4L * P);
            // offset == PAGE_ALIGN(size), len 0: every check passes, pages [4, 3]
            assertThat(dev.ioctl(fd, Command.unpin(4L * P, 0))).isEqualTo(Result.ZERO);
            assertThat(dev.ioctl(fd, Command.unpin(4L * P, 0))).isEqualTo(Result.ZERO); // stops at the first: a second one
            var s = dev.snapshot();
            assertThat(ranges(s)).isEqualTo("[4..3] [4..3]");
            assertThat(lru(s)).isEqualTo("a0[4..3] a0[4..3]");
            assertThat(s.lruCount()).isZero();
            // pages [3, 3]: the empty ranges end at 3, so the walk reaches them and they are "subsumed"
            assertThat(dev.ioctl(fd, Command.pinStatus(3L * P, P))).isEqualTo(Result.ok(0)); // IS_UNPINNED
            assertThat(dev.ioctl(fd, Command.pinStatus(4L * P, 0))).isEqualTo(Result.ok(1)); // an empty request: IS_PINNED
            assertThat(dev.ioctl(fd, Command.pin(3L * P, P))).isEqualTo(Result.ok(0)); // PIN-CASE-1 on both
            assertThat(ranges(dev.snapshot())).isEmpty();
            assertThat(dev.snapshot().lru()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void anEmptyRequestSplitsTheRangeHoldingItsPage(String name, IntFunction<AshmemDevice> factory) {
        try (var dev = factory.apply(P)) {
            // PAGE_ALIGN(size) - 8P = 2^32: len 0 at offset 8P truncates to 0, giving the empty request [8, 7]
            int fd = mapped(dev, (1L << 32) + 8L * P);
            assertThat(dev.ioctl(fd, Command.unpin(5L * P, 7L * P))).isEqualTo(Result.ZERO); // [5..11]
            assertThat(dev.ioctl(fd, Command.unpin(P, P))).isEqualTo(Result.ZERO); // [1..1]
            assertThat(dev.ioctl(fd, Command.pinStatus(8L * P, 0))).isEqualTo(Result.ok(0)); // page 8 is in [5..11]
            assertThat(dev.ioctl(fd, Command.pin(8L * P, 0))).isEqualTo(Result.ok(0));
            // PIN-CASE-4 with pgend + 1 == pgstart: [5..7] keeps its LRU place, [8..11] is new at the tail
            var s = dev.snapshot();
            assertThat(ranges(s)).isEqualTo("[8..11] [5..7] [1..1]");
            assertThat(lru(s)).isEqualTo("a0[5..7] a0[1..1] a0[8..11]");
            assertThat(s.lruCount()).isEqualTo(8);
            // again: [8..11] starts at 8, PIN-CASE-2 cuts it to [8..11]: nothing changes
            assertThat(dev.ioctl(fd, Command.pin(8L * P, 0))).isEqualTo(Result.ok(0));
            assertThat(dev.snapshot()).isEqualTo(s);
            // UNPIN of the empty request inside [8..11] is subsumed
            assertThat(dev.ioctl(fd, Command.unpin(8L * P, 0))).isEqualTo(Result.ZERO);
            assertThat(dev.snapshot()).isEqualTo(s);
            // with page 8 pinned the empty range [8..7] goes in just above [5..7]
            assertThat(dev.ioctl(fd, Command.pin(8L * P, 4L * P))).isEqualTo(Result.ok(0));
            assertThat(dev.ioctl(fd, Command.unpin(8L * P, 0))).isEqualTo(Result.ZERO);
            s = dev.snapshot();
            assertThat(ranges(s)).isEqualTo("[8..7] [5..7] [1..1]");
            assertThat(lru(s)).isEqualTo("a0[5..7] a0[1..1] a0[8..7]");
            assertThat(s.lruCount()).isEqualTo(4);
            // pages [6..8] swallow the empty range (subsumed by the request) and overlap [5..7]: one [5..8]
            assertThat(dev.ioctl(fd, Command.unpin(6L * P, 3L * P))).isEqualTo(Result.ZERO);
            s = dev.snapshot();
            assertThat(ranges(s)).isEqualTo("[5..8] [1..1]");
            assertThat(lru(s)).isEqualTo("a0[1..1] a0[5..8]");
            assertThat(s.lruCount()).isEqualTo(5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void aPurgedEmptyRangeSpreadsItsFlagToTheRangeThatSwallowsIt(String name, IntFunction<AshmemDevice> factory) {
        try (var dev = factory.apply(P)) {
            int fd = mapped(dev, 4L * P);
            assertThat(dev.ioctl(fd, Command.unpin(4L * P, 0))).isEqualTo(Result.ZERO); // [4..3]
            assertThat(dev.shrinkScan(1, true)).isZero(); // purges it: 0 pages, flag set, off the LRU
            assertThat(ranges(dev.snapshot())).isEqualTo("[4..3]P");
            // pages [2..3] reach it (it ends at 3): swallowed, and its purged flag spreads (UNPIN-PURGED-SPREAD)
            assertThat(dev.ioctl(fd, Command.unpin(2L * P, 2L * P))).isEqualTo(Result.ZERO);
            var s = dev.snapshot();
            assertThat(ranges(s)).isEqualTo("[2..3]P");
            assertThat(s.lru()).isEmpty();
            assertThat(dev.ioctl(fd, Command.pin(2L * P, P))).isEqualTo(Result.ok(1)); // WAS_PURGED
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void theWrappedRangeMakesLruCountWrap(String name, IntFunction<AshmemDevice> factory) {
        try (var dev = factory.apply(P)) {
            int fd = mapped(dev, 1L << 32); // PAGE_ALIGN(size) = 2^32: len 0 at offset 0 truncates to 0
            assertThat(dev.ioctl(fd, Command.unpin(0, 0))).isEqualTo(Result.ZERO); // [0, 0 + 0 - 1] = [0..2^64-1]
            var s = dev.snapshot();
            assertThat(s.areas().getFirst().unpinned()).containsExactly(new RangeSnapshot(0, MAX, false));
            assertThat(s.lruCount()).isZero(); // its size is 2^64 = 0
            // it covers everything: any later UNPIN is subsumed
            assertThat(dev.ioctl(fd, Command.unpin(P, P))).isEqualTo(Result.ZERO);
            assertThat(dev.snapshot()).isEqualTo(s);
            // PIN page 1: case 4 gives [0..0] (in place) and [2..2^64-1] (tail): lruCount 0 + 1 + (2^64 - 2) = 2^64 - 1
            assertThat(dev.ioctl(fd, Command.pin(P, P))).isEqualTo(Result.ok(0));
            s = dev.snapshot();
            assertThat(s.areas().getFirst().unpinned())
                    .containsExactly(new RangeSnapshot(2, MAX, false), new RangeSnapshot(0, 0, false));
            assertThat(lru(s)).isEqualTo("a0[0..0] a0[2..18446744073709551615]");
            assertThat(dev.shrinkCount()).isEqualTo(MAX);
            // PURGE_ALL_CACHES returns the count as a signed long: -1; then purges both (freed wraps too)
            assertThat(dev.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isEqualTo(Result.ok(-1));
            assertThat(dev.shrinkCount()).isZero();
            assertThat(ranges(dev.snapshot())).isEqualTo("[2..18446744073709551615]P [0..0]P");
            // a full PIN (len 0 at offset 0: [0..2^64-1] again) deletes everything and reports the purge
            assertThat(dev.ioctl(fd, Command.pin(0, 0))).isEqualTo(Result.ok(1));
            assertThat(ranges(dev.snapshot())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void aFullUnpinSwallowsEveryRangeIncludingEmptyOnes(String name, IntFunction<AshmemDevice> factory) {
        try (var dev = factory.apply(P)) {
            int fd = mapped(dev, 1L << 32);
            dev.ioctl(fd, Command.unpin(P, P));
            dev.ioctl(fd, Command.unpin(5L * P, 2L * P));
            dev.shrinkScan(1, true); // [1..1] purged
            var status = dev.ioctl(fd, Command.pinStatus(0, 0)); // the full request touches everything
            assertThat(status).isEqualTo(Result.ok(0));
            assertThat(dev.ioctl(fd, Command.unpin(0, 0))).isEqualTo(Result.ZERO);
            var s = dev.snapshot();
            assertThat(s.areas().getFirst().unpinned()).containsExactly(new RangeSnapshot(0, MAX, true)); // flag spread
            assertThat(s.lru()).isEmpty();
            assertThat(s.lruCount()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void adjacentRangesNeverMergeAndTheWalkStopsAtTheFirstRangeBelow(String name, IntFunction<AshmemDevice> factory) {
        try (var dev = factory.apply(P)) {
            int fd = mapped(dev, 16L * P);
            for (long page : List.of(0L, 2L, 4L, 6L)) {
                dev.ioctl(fd, Command.unpin(page * P, P));
            }
            dev.ioctl(fd, Command.unpin(P, P)); // touches [0..0] and [2..2], overlaps neither
            dev.ioctl(fd, Command.unpin(3L * P, 3L * P)); // pages 3..5 overlap [4..4] only
            var s = dev.snapshot();
            assertThat(ranges(s)).isEqualTo("[6..6] [3..5] [2..2] [1..1] [0..0]");
            assertThat(lru(s)).isEqualTo("a0[0..0] a0[2..2] a0[6..6] a0[1..1] a0[3..5]");
            assertThat(s.lruCount()).isEqualTo(7);
            assertThat(dev.ioctl(fd, Command.pinStatus(7L * P, 9L * P))).isEqualTo(Result.ok(1)); // IS_PINNED
        }
    }
}
