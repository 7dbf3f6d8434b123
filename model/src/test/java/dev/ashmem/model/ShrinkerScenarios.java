package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shrinker's count and scan, and PURGE_ALL_CACHES. */
public abstract class ShrinkerScenarios extends DeviceScenarioBase {

    @Test
    @Exercises({"SHRINK-NR", "SHRINK-ORDER", "SHRINK-MARK", "SHRINK-RET", "SHRINK-KEEP", "SHRINK-COUNT"})
    void scanTwoOverRangesOfOneTwoAndThreePagesFreesThreePages() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 0);
        unpinPages(fd, 2, 3);
        unpinPages(fd, 5, 7);
        assertThat(dev.shrinkCount()).isEqualTo(6L);
        // nrToScan counts ranges, not pages: the two oldest ranges go, 1 + 2 pages.
        assertThat(dev.shrinkScan(2, true)).isEqualTo(3L);
        assertThat(state()).hasUnpinned(0, "[5..7] [2..3]P [0..0]P").hasLru("a0[5..7]").hasLruCount(3);
        assertThat(dev.shrinkCount()).isEqualTo(3L);
    }

    @Test
    @Exercises({"SHRINK-NR", "ARITH-U64"})
    void scanOfZeroWrapsAndPurgesEverything() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 0);
        unpinPages(fd, 2, 3);
        unpinPages(fd, 5, 7);
        assertThat(dev.shrinkScan(0, true)).isEqualTo(6L);
        assertThat(state()).hasUnpinned(0, "[5..7]P [2..3]P [0..0]P").hasLru("").hasLruCount(0);
    }

    @Test
    @Exercises({"SHRINK-NOFS"})
    void scanThatMayNotEnterTheFilesystemStopsAtOnce() {
        int fd = mapped(8L * P);
        unpinPages(fd, 0, 3);
        var before = state();
        assertThat(dev.shrinkScan(10, false)).isEqualTo(AshmemDevice.SHRINK_STOP);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Exercises({"SHRINK-PUNCH", "MEM-SHARED", "READ-DATA"})
    void purgedPagesReadZeroThroughMappingsAndRead() {
        int fd = mapped(4L * P);
        int m = map(fd, 4L * P, RW, SHARED, 0);
        for (int page = 0; page < 4; page++) {
            assertThat(dev.store(m, (long) page * P, bytes(P, 0x11 * (page + 1)))).isValue(0);
        }
        assertThat(state()).hasDataPages(0, 0L, 1L, 2L, 3L);
        unpinPages(fd, 1, 2);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(2L);
        assertThat(state()).hasDataPages(0, 0L, 3L);
        assertThat(dev.load(m, P, P)).hasBytes(bytes(P, 0));
        assertThat(dev.load(m, 3L * P, P)).hasBytes(bytes(P, 0x44)); // pinned page 3 untouched
        assertThat(dev.llseek(fd, 2L * P, Whence.SEEK_SET)).isValue(2L * P);
        assertThat(dev.read(fd, P)).hasBytes(bytes(P, 0));
        assertThat(pin(fd, P, 2L * P)).isValue(1);
    }

    @Test
    @Exercises({"SHRINK-PUNCH-EXTENT", "PINARG-LEN0"})
    void aWrappedRangePunchesToTheEndOfTheFile() {
        int fd = mapped(1L << 32);
        int m = map(fd, 4L * P, RW, SHARED, 0);
        for (int page = 0; page < 4; page++) {
            assertThat(dev.store(m, (long) page * P, bytes(8, page + 1))).isValue(0);
        }
        // "To the end" from page 2 is 2^32 - 2P bytes: offset + len = 2^32 overflows u32.
        assertThat(unpin(fd, 2L * P, 0)).isError(Errno.EINVAL);
        assertThat(unpin(fd, 0, 0)).isValue(0); // len 2^32 cut to 0: [0 .. 2^64-1]
        assertThat(pin(fd, 0, P)).isValue(0); // starts inside the request: cut to [1 .. 2^64-1]
        assertThat(state()).hasLruCount(-1L);
        assertThat(state()).hasUnpinned(0, "[1..18446744073709551615]");
        dev.shrinkScan(1, true); // punch from page 1 "to" page 0: the end wrapped, so to the end of the file
        assertThat(state()).hasDataPages(0, 0L);
        assertThat(dev.load(m, 0, 8)).hasBytes(bytes(8, 1));
    }

    @Test
    @Exercises({"PURGE-EPERM", "PURGE-RET", "PURGE-SCAN"})
    void purgeAllNeedsTheCapabilityAndReturnsTheCountBeforeScanning() {
        int a = mapped(8L * P);
        int b = mapped(8L * P);
        unpinPages(a, 0, 2);
        unpinPages(b, 4, 4);
        assertThat(dev.ioctl(a, new Command.PurgeAllCaches(), Caller.APP)).isError(Errno.EPERM);
        assertThat(state()).hasLruCount(4);
        assertThat(dev.ioctl(b, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(4);
        assertThat(state()).hasUnpinned(0, "[0..2]P").hasUnpinned(1, "[4..4]P").hasLru("").hasLruCount(0);
        assertThat(dev.ioctl(b, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(0);
    }

    @Test
    @Exercises({"SHRINK-ORDER", "SHRINK-MARK"})
    void scanTakesTheOldestUnpinAcrossAreas() {
        int a = mapped(8L * P);
        int b = mapped(8L * P);
        unpinPages(b, 1, 1);
        unpinPages(a, 5, 6);
        unpinPages(b, 3, 4);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(1L);
        assertThat(state()).hasUnpinned(1, "[3..4] [1..1]P").hasUnpinned(0, "[5..6]").hasLru("a0[5..6] a1[3..4]");
    }

    @Test
    @Exercises({"SHRINK-PUNCH-EXTENT", "PINARG-EMPTY"})
    void theWholeSpaceRangePunchesTheWholeFile() {
        int fd = mapped(1L << 32);
        int m = map(fd, 2L * P, RW, SHARED, (1L << 32) - 2L * P); // the last two pages of the file
        assertThat(dev.store(m, 0, bytes(2 * P, 9))).isValue(0);
        long last = (1L << 32) / P - 1;
        assertThat(state()).hasDataPages(0, last - 1, last);
        assertThat(unpin(fd, 0, 0)).isValue(0); // [0 .. 2^64-1]: start 0, end (2^64) * P = 0
        assertThat(dev.shrinkScan(1, true)).isEqualTo(0L); // its size is 2^64 = 0 pages
        // end == 0 means "to the end of the file", even though end == start.
        assertThat(state()).hasDataPages(0).hasUnpinned(0, "[0..18446744073709551615]P");
        assertThat(dev.load(m, 0, 4)).hasBytes(new byte[4]);
    }
}
