package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import org.junit.jupiter.api.Test;

/** read() and llseek() over the backing file. */
public abstract class FileIoScenarios extends DeviceScenarioBase {

    @Test
    @Exercises({"READ-EOF", "READ-NOFILE", "READ-DATA"})
    void readNeedsASizeAndAFile() {
        int fd = dev.openHandle();
        assertThat(dev.read(fd, 10)).hasLength(0); // size 0: EOF
        assertThat(dev.ioctl(fd, new Command.SetSize(2L * P))).isValue(0);
        assertThat(dev.read(fd, 10)).isError(Errno.EBADF);
        int m = map(fd, P, RW, SHARED, 0);
        assertThat(dev.store(m, 0, "hello".getBytes())).isValue(0);
        assertThat(dev.read(fd, 3)).hasBytes("hel".getBytes());
        assertThat(dev.read(fd, 2)).hasBytes("lo".getBytes());
        assertThat(dev.llseek(fd, 0, Whence.SEEK_CUR)).isValue(5);
    }

    @Test
    @Exercises({"READ-DATA"})
    void readStopsAtTheFileSize() {
        int fd = area(P + 10L);
        int m = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(m, P, bytes(20, 3))).isValue(0); // beyond i_size inside the last page
        assertThat(dev.llseek(fd, P, Whence.SEEK_SET)).isValue(P);
        assertThat(dev.read(fd, 100)).hasBytes(bytes(10, 3));
        assertThat(dev.read(fd, 100)).hasLength(0);
    }

    @Test
    @Exercises({"SEEK-NOSIZE", "SEEK-NOFILE", "SEEK-WHENCE"})
    void llseekNeedsASizeAndAFile() {
        int fd = dev.openHandle();
        assertThat(dev.llseek(fd, 0, Whence.SEEK_SET)).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.SetSize(P))).isValue(0);
        assertThat(dev.llseek(fd, 0, 5)).isError(Errno.EINVAL); // whence is checked before the file
        assertThat(dev.ioctl(fd, new Command.SetSize(0))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.SetSize(P))).isValue(0);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_SET)).isError(Errno.EBADF);
        map(fd, P, RW, SHARED, 0);
        assertThat(dev.llseek(fd, 0, 5)).isError(Errno.EINVAL);
        assertThat(dev.llseek(fd, 0, -1)).isError(Errno.EINVAL);
    }

    @Test
    @Exercises({"SEEK-SET", "SEEK-CUR", "SEEK-END", "SEEK-POS"})
    void setCurAndEndMoveOneSharedPosition() {
        int fd = mapped(2L * P + 3);
        int dupFd = (int) dev.dup(fd).raw();
        assertThat(dev.llseek(fd, 100, Whence.SEEK_SET)).isValue(100);
        assertThat(dev.llseek(dupFd, 50, Whence.SEEK_CUR)).isValue(150);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_CUR)).isValue(150);
        assertThat(dev.llseek(fd, -3, Whence.SEEK_END)).isValue(2L * P);
        assertThat(dev.llseek(fd, 10, Whence.SEEK_END)).isValue(2L * P + 13); // past the end is allowed
        assertThat(dev.llseek(fd, -1, Whence.SEEK_SET)).isError(Errno.EINVAL);
        assertThat(dev.llseek(fd, -(2L * P + 14), Whence.SEEK_CUR)).isError(Errno.EINVAL);
        assertThat(dev.llseek(fd, Long.MAX_VALUE, Whence.SEEK_CUR)).isError(Errno.EINVAL); // wraps negative
        assertThat(dev.llseek(dupFd, 0, Whence.SEEK_CUR)).isValue(2L * P + 13);
    }

    @Test
    @Exercises({"SEEK-DATA", "SEEK-HOLE"})
    void seekDataAndHoleOverARegionMappedAtAnOffsetWithHolesOnBothSides() {
        int fd = area(4L * P);
        int m = map(fd, 2L * P, RW, SHARED, P);
        assertThat(dev.store(m, 0, bytes(2 * P, 0x5a))).isValue(0); // file pages 1 and 2
        assertThat(dev.llseek(fd, 0, Whence.SEEK_DATA)).isValue(P);
        assertThat(dev.llseek(fd, P + 7, Whence.SEEK_DATA)).isValue(P + 7);
        assertThat(dev.llseek(fd, P, Whence.SEEK_HOLE)).isValue(3L * P);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_HOLE)).isValue(0);
        assertThat(dev.llseek(fd, 3L * P + 5, Whence.SEEK_HOLE)).isValue(3L * P + 5);
        assertThat(dev.llseek(fd, 3L * P, Whence.SEEK_DATA)).isError(Errno.ENXIO);
        assertThat(dev.llseek(fd, 4L * P, Whence.SEEK_HOLE)).isError(Errno.ENXIO); // at i_size
        assertThat(dev.llseek(fd, -1, Whence.SEEK_DATA)).isError(Errno.ENXIO);
        assertThat(dev.read(fd, 4)).hasBytes(bytes(4, 0)); // position 3P+5 after the last successful seek
        unpinPages(fd, 1, 1);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(1L);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_DATA)).isValue(2L * P);
        assertThat(dev.llseek(fd, P, Whence.SEEK_HOLE)).isValue(P);
    }

    @Test
    @Exercises({"SEEK-HOLE"})
    void seekHoleInADataTailIsTheFileSize() {
        int fd = area(P + 100L);
        int m = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(m, 0, bytes(P + 100, 1))).isValue(0);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_HOLE)).isValue(P + 100L);
    }

    @Test
    @Exercises({"READ-SYSCALL"})
    void readWhoseEndPassesTheLargestOffsetIsRefusedBeforeTheDriver() {
        int fd = mapped(P);
        assertThat(dev.read(fd, -1)).isError(Errno.EFAULT); // a size_t above 2^63: access_ok
        assertThat(dev.llseek(fd, Long.MAX_VALUE - 10, Whence.SEEK_SET)).isValue(Long.MAX_VALUE - 10);
        assertThat(dev.read(fd, 11)).isError(Errno.EINVAL);
        assertThat(dev.read(fd, 10)).hasLength(0); // past the end of the file: nothing to read
        int unsized = dev.openHandle();
        assertThat(dev.read(unsized, -1)).isError(Errno.EFAULT); // before READ-EOF
        assertThat(dev.read(99, -1)).isError(Errno.EBADF); // ksys_read looks the handle up first
    }
}
