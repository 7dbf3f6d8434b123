package dev.ashmem.impl.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import org.junit.jupiter.api.Test;

/**
 * An area's memfd keeps its size: F_SEAL_SHRINK | F_SEAL_GROW from its creation. A holder that reaches it
 * through /proc/PID/fd cannot truncate pages out from under this process's mappings (the next access
 * would raise SIGBUS in the JVM); the driver's own fd has no ftruncate at all.
 */
class SizeSealTest {
    private static final int P = 4096;

    @Test
    void anotherHolderCannotTruncateOrGrowTheMemfd() {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            assertThat(dev.ioctl(fd, new Command.SetSize(3L * P))).isEqualTo(Result.ZERO);
            var map = (Result.Value) dev.mmap(fd, 3L * P, Prot.READ | Prot.WRITE, true, 0);
            int memfd = dev.backingFd(fd).orElseThrow();
            int seals = Libc.fcntl(memfd, Libc.F_GET_SEALS, 0);
            assertThat(seals & (Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW)).isEqualTo(Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW);
            assertThat(seals & (Libc.F_SEAL_WRITE | Libc.F_SEAL_FUTURE_WRITE | Libc.F_SEAL_SEAL)).as("nothing else").isZero();
            assertThat(Libc.ftruncate(memfd, P)).isEqualTo(-Libc.EPERM);
            assertThat(Libc.ftruncate(memfd, 0)).isEqualTo(-Libc.EPERM);
            assertThat(Libc.ftruncate(memfd, 4L * P)).isEqualTo(-Libc.EPERM);
            assertThat(Libc.ftruncate(memfd, 3L * P)).as("the same size").isZero();
            assertThat(dev.store((int) map.value(), 3L * P - 1, new byte[] {7})).as("the last byte is still there").isEqualTo(Result.ZERO);
        }
    }
}
