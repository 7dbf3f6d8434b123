package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import org.junit.jupiter.api.Test;

/** PIN, UNPIN and GET_PIN_STATUS: the list walks, merging, splitting and the LRU. */
public abstract class PinScenarios extends DeviceScenarioBase {

    @Test
    @Exercises({"UNPIN-ADJACENT", "UNPIN-WALK", "UNPIN-INSERT", "UNPIN-RET"})
    void adjacentUnpinsStaySeparate() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 1);
        unpinPages(fd, 2, 3);
        // [2..3] stops at [0..1] (wholly below page 2) and is inserted before it; touching is not overlapping.
        assertThat(state()).hasUnpinned(0, "[2..3] [0..1]").hasLru("a0[0..1] a0[2..3]").hasLruCount(4);
    }

    @Test
    @Exercises({"UNPIN-MERGE", "UNPIN-INSERT"})
    void overlappingUnpinsMergeAndGoToTheLruTail() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 1);
        unpinPages(fd, 4, 5);
        unpinPages(fd, 1, 2);
        // [1..2] shares page 1 with [0..1]: the union [0..2] replaces it and joins the LRU behind [4..5].
        assertThat(state()).hasUnpinned(0, "[4..5] [0..2]").hasLru("a0[4..5] a0[0..2]").hasLruCount(5);
    }

    @Test
    @Exercises({"UNPIN-MERGE"})
    void anUnpinSpanningSeveralRangesSwallowsThemAll() {
        int fd = mapped(8L * P);
        unpinPages(fd, 1, 1);
        unpinPages(fd, 3, 3);
        unpinPages(fd, 5, 5);
        unpinPages(fd, 0, 6);
        assertThat(state()).hasUnpinned(0, "[0..6]").hasLru("a0[0..6]").hasLruCount(7);
    }

    @Test
    @Exercises({"UNPIN-SUBSUMED"})
    void unpinInsideAnUnpinnedRangeChangesNothing() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 3);
        unpinPages(fd, 6, 6);
        var before = state();
        unpinPages(fd, 1, 2);
        assertThat(state()).isEqualTo(before).hasLru("a0[0..3] a0[6..6]");
    }

    @Test
    @Exercises({"PIN-CASE-4", "PIN-SPLIT-TAIL", "PIN-RET"})
    void pinInTheMiddleSplitsAndSendsTheUpperPieceToTheLruTail() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 5);
        unpinPages(fd, 7, 7);
        assertThat(pin(fd, 2L * P, 2L * P)).isValue(0);
        // [0..5] keeps [0..1] in its LRU place; [4..5] is new, placed before it in the list and at the LRU tail.
        assertThat(state()).hasUnpinned(0, "[7..7] [4..5] [0..1]").hasLru("a0[0..1] a0[7..7] a0[4..5]").hasLruCount(5);
    }

    @Test
    @Exercises({"PIN-CASE-1", "PIN-CASE-2", "PIN-CASE-3", "PIN-WALK"})
    void pinCutsStartsAndEndsAndDeletesCoveredRanges() {
        int fd = mapped(8L * P);
        unpinPages(fd, 1, 2);
        unpinPages(fd, 4, 6);
        assertThat(pin(fd, 3L * P, 2L * P)).isValue(0); // pages 3..4: [4..6] starts inside -> [5..6]
        assertThat(state()).hasUnpinned(0, "[5..6] [1..2]").hasLru("a0[1..2] a0[5..6]").hasLruCount(4);
        assertThat(pin(fd, 6L * P, 2L * P)).isValue(0); // pages 6..7: [5..6] ends inside -> [5..5]
        assertThat(state()).hasUnpinned(0, "[5..5] [1..2]").hasLru("a0[1..2] a0[5..5]").hasLruCount(3);
        assertThat(pin(fd, 0, 0)).isValue(0); // everything: both ranges deleted
        assertThat(state()).hasUnpinned(0, "").hasLru("").hasLruCount(0);
    }

    @Test
    @Exercises({"PIN-RET", "PIN-CASE-2", "STATUS-RET", "STATUS-WALK"})
    void pinReportsWasPurgedWhenItTouchesAPurgedRange() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 1);
        unpinPages(fd, 4, 4);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(2L); // only the oldest range, [0..1]
        assertThat(pin(fd, 4L * P, P)).isValue(0); // [4..4] was not purged
        assertThat(pin(fd, 0, P)).isValue(1); // touches [0..1]P, cuts it to [1..1]P
        assertThat(state()).hasUnpinned(0, "[1..1]P").hasLru("").hasLruCount(0);
        assertThat(status(fd, P, P)).isValue(0); // IS_UNPINNED
        assertThat(status(fd, 0, P)).isValue(1); // IS_PINNED
        assertThat(status(fd, 2L * P, 6L * P)).isValue(1);
    }

    @Test
    @Exercises({"UNPIN-PURGED-SPREAD", "UNPIN-MERGE"})
    void aFreshUnpinOverlappingAPurgedRangeIsPurgedAndOffTheLru() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 1);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(2L);
        unpinPages(fd, 1, 3);
        assertThat(state()).hasUnpinned(0, "[0..3]P").hasLru("").hasLruCount(0);
        unpinPages(fd, 5, 6); // not touching anything purged: on the LRU
        assertThat(state()).hasUnpinned(0, "[5..6] [0..3]P").hasLru("a0[5..6]").hasLruCount(2);
        assertThat(pin(fd, 3L * P, P)).isValue(1);
    }

    @Test
    @Exercises({"PINARG-EMPTY", "STATUS-EMPTY", "PURGE-RET", "PURGE-SCAN", "SHRINK-PUNCH-EXTENT", "PIN-CASE-1"})
    void theEmptyRangeThenPurgeAllThenPinOfEverythingReportsWasPurged() {
        int fd = mapped(4L * P);
        assertThat(unpin(fd, 4L * P, 0)).isValue(0); // offset == PAGE_ALIGN(size), len 0 -> [4..3]
        assertThat(state()).hasUnpinned(0, "[4..3]").hasLru("a0[4..3]").hasLruCount(0);
        assertThat(status(fd, 0, 0)).isValue(0); // [0..3] "subsumes" the empty range: IS_UNPINNED
        assertThat(dev.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(0);
        assertThat(state()).hasUnpinned(0, "[4..3]P").hasLru("").hasLruCount(0);
        assertThat(pin(fd, 0, 0)).isValue(1); // WAS_PURGED, though no real page was ever unpinned
        assertThat(state()).hasUnpinned(0, "").hasLruCount(0);
    }

    @Test
    @Exercises({"PINARG-EMPTY", "UNPIN-WALK", "PIN-CASE-1"})
    void anEmptyRangeBesideARealOneSurvivesAPinThatStopsAtIt() {
        int fd = mapped(8L * P);
        unpinPages(fd, 2, 3);
        assertThat(unpin(fd, 8L * P, 0)).isValue(0); // [8..7] sits above [2..3]
        assertThat(state()).hasUnpinned(0, "[8..7] [2..3]").hasLru("a0[2..3] a0[8..7]").hasLruCount(2);
        assertThat(pin(fd, 2L * P, 2L * P)).isValue(0);
        // The walk passes [8..7] (not below page 2, not overlapping [2..3]) and deletes [2..3].
        assertThat(state()).hasUnpinned(0, "[8..7]").hasLruCount(0);
    }

    @Test
    @Exercises({"PINARG-LEN0", "ARITH-U64"})
    void lenZeroOnARegionOfFourGibPlusOnePageCoversOnlyOnePage() {
        int fd = mapped((1L << 32) + 4096);
        assertThat(unpin(fd, 0, 0)).isValue(0); // len = 2^32 + 4096 cut to u32 = 4096
        assertThat(state()).hasUnpinned(0, "[0..0]").hasLruCount(1);
        assertThat(status(fd, P, P)).isValue(1);
    }

    @Test
    @Exercises({"PINARG-LEN0", "ARITH-U64", "PIN-CASE-4", "PURGE-RET"})
    void lenZeroOnAFourGibRegionWrapsAndLruCountGoesBelowZero() {
        int fd = mapped(1L << 32);
        assertThat(unpin(fd, 0, 0)).isValue(0); // len 2^32 cut to 0: [0 .. 0-1] = [0 .. 2^64-1]
        assertThat(state()).hasUnpinned(0, "[0..18446744073709551615]").hasLruCount(0); // size 2^64 = 0
        assertThat(pin(fd, P, P)).isValue(0);
        // upper piece [2..2^64-1] adds 2^64-2; [0..2^64-1] -> [0..0] removes (0 - 1): the count wraps to 2^64-1.
        assertThat(state()).hasUnpinned(0, "[2..18446744073709551615] [0..0]")
                .hasLru("a0[0..0] a0[2..18446744073709551615]").hasLruCount(-1L);
        assertThat(dev.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(-1);
    }

    @Test
    @Exercises({"PINARG-EFAULT", "PINARG-NOFILE"})
    void badPointerComesBeforeTheFileCheck() {
        int fd = area(8L * P);
        for (var cmd : new Command[] {new Command.Pin(Command.PinArg.unreadable()),
                new Command.Unpin(Command.PinArg.unreadable()), new Command.GetPinStatus(Command.PinArg.unreadable())}) {
            assertThat(dev.ioctl(fd, cmd)).isError(Errno.EFAULT);
        }
        assertThat(pin(fd, 0, P)).isError(Errno.EINVAL);
        assertThat(unpin(fd, 0, P)).isError(Errno.EINVAL);
        assertThat(status(fd, 0, P)).isError(Errno.EINVAL);
    }

    @Test
    @Exercises({"PINARG-ALIGN", "PINARG-OVERFLOW", "PINARG-BOUNDS", "PINARG-LEN0"})
    void everyArgumentErrorIsEinvalAndChangesNothing() {
        int fd = mapped(8L * P);
        unpinPages(fd, 6, 7);
        var before = state();
        long[][] bad = {
            {1, P}, {0, P + 1L}, {P / 2, 0},                 // misaligned offset or len
            {0xFFFF_F000L, 0x2000}, {0xFFFF_F000L, 0xFFFF_F000L}, // offset + len past u32
            {7L * P, 2L * P}, {8L * P, P}, {0, 9L * P},       // past PAGE_ALIGN(size)
            {9L * P, 0},                                      // len 0 past the end: 8P - 9P cut to u32 overflows
        };
        for (var a : bad) {
            assertThat(pin(fd, a[0], a[1])).as("PIN(%s, %s)", a[0], a[1]).isError(Errno.EINVAL);
            assertThat(unpin(fd, a[0], a[1])).as("UNPIN(%s, %s)", a[0], a[1]).isError(Errno.EINVAL);
            assertThat(status(fd, a[0], a[1])).as("STATUS(%s, %s)", a[0], a[1]).isError(Errno.EINVAL);
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Exercises({"PINARG-PAGES"})
    void pagesAreComputedFromAlignedOffsetAndLength() {
        int fd = mapped(5L * P + 1); // PAGE_ALIGN(size) = 6P: the partial last page can be unpinned
        assertThat(unpin(fd, 5L * P, P)).isValue(0);
        assertThat(unpin(fd, P, 3L * P)).isValue(0);
        assertThat(state()).hasUnpinned(0, "[5..5] [1..3]").hasLruCount(4);
    }

    @Test
    @Exercises({"CTX-PAGE", "PINARG-ALIGN"})
    void sixteenKibPagesChangeTheArithmetic() {
        usePageSize(16384);
        int fd = mapped(4L * P);
        assertThat(unpin(fd, 4096, 4096)).isError(Errno.EINVAL); // aligned to 4 KiB, not to P
        assertThat(unpin(fd, P, 2L * P)).isValue(0);
        assertThat(state()).hasUnpinned(0, "[1..2]").hasLruCount(2);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(2L);
        assertThat(pin(fd, 0, 0)).isValue(1);
    }

    @Test
    @Exercises({"UNPIN-WALK", "UNPIN-INSERT"})
    void rangesOfTwoAreasShareOneLruInUnpinOrder() {
        int a = mapped(4L * P);
        int b = mapped(4L * P);
        unpinPages(b, 0, 0);
        unpinPages(a, 1, 2);
        unpinPages(b, 3, 3);
        assertThat(state()).hasUnpinned(0, "[1..2]").hasUnpinned(1, "[3..3] [0..0]")
                .hasLru("a1[0..0] a0[1..2] a1[3..3]").hasLruCount(4);
    }

    @Test
    @Exercises({"UNPIN-SUBSUMED", "UNPIN-MERGE", "PINARG-EMPTY"})
    void anUnpinCoveredByARangeStillSwallowsAnEmptyRangeItMeetsFirst() {
        int fd = mapped(8L * P);
        unpinPages(fd, 5, 7);
        assertThat(unpin(fd, 8L * P, 0)).isValue(0);
        assertThat(state()).hasUnpinned(0, "[8..7] [5..7]").hasLru("a0[5..7] a0[8..7]");
        unpinPages(fd, 6, 6); // [8..7] is not "subsumed" by [6..6]: nothing changes
        assertThat(state()).hasUnpinned(0, "[8..7] [5..7]");
        unpinPages(fd, 7, 7); // [8..7] counts as inside [7..7]: merged away before [5..7] is found to cover
        assertThat(state()).hasUnpinned(0, "[5..7]").hasLru("a0[5..7]").hasLruCount(3);
    }
}
