package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import org.junit.jupiter.api.Test;

/**
 * CLOSE-RELEASE through the lookups beyond the driver surface: backingFd and backingFile take a reference on
 * the handle's area while they look, and give it back, so closing the last handle still releases the area
 * (its ranges leave the LRU) and, once its mapping is gone too, closes the memfd.
 */
class LookupsGiveTheirReferencesBackTest {
    private static final int P = 4096;

    @Exercises({"CLOSE-RELEASE"})
    @Test
    void closingTheLastHandleAfterLookupsReleasesTheArea() {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            dev.ioctl(fd, new Command.SetSize(2L * P));
            assertThat(dev.backingFd(fd)).isEmpty(); // no file yet
            assertThat(dev.backingFile(fd)).isEmpty();
            int m = (int) ((Result.Value) dev.mmap(fd, 2L * P, Prot.READ | Prot.WRITE, true, 0)).value();
            dev.ioctl(fd, Command.unpin(0, P));
            int memfd = dev.backingFd(fd).orElseThrow();
            assertThat(dev.backingFile(fd).orElseThrow().fd()).isEqualTo(memfd);
            assertThat(dev.backingFd(99)).isEmpty();
            assertThat(dev.backingFile(99)).isEmpty();
            assertThat(dev.shrinkCount()).isEqualTo(1);
            assertThat(dev.close(fd)).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkCount()).as("the released area's range left the LRU").isZero();
            assertThat(Libc.fcntl(memfd, Libc.F_GET_SEALS, 0)).as("the mapping still holds the file").isNotNegative();
            assertThat(dev.munmap(m)).isEqualTo(Result.ZERO);
            assertThat(Libc.fcntl(memfd, Libc.F_GET_SEALS, 0)).as("the memfd is closed").isNegative();
        }
    }

    /** The refusals after a handle's lookup give its reference back too: an unknown whence, a negative count, an overflowing end. */
    @Exercises({"CLOSE-RELEASE", "SEEK-WHENCE"})
    @Test
    void refusedSeeksAndReadsGiveTheirReferenceBack() {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            dev.ioctl(fd, new Command.SetSize(P));
            int m = (int) ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0)).value();
            dev.munmap(m);
            dev.ioctl(fd, Command.unpin(0, P));
            assertThat(dev.llseek(fd, 0, 5)).isEqualTo(Result.err(Errno.EINVAL));
            assertThat(dev.read(fd, -1)).isEqualTo(Result.err(Errno.EFAULT));
            assertThat(dev.shrinkCount()).isEqualTo(1);
            assertThat(dev.close(fd)).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkCount()).as("the last close released the area").isZero();
        }
    }
}
