package dev.ashmem.impl.shrink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.Abi;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A holder of the memfd (it is reachable through /proc/PID/fd, {@code backingFd}) seals it against writes:
 * shmem_fallocate then refuses the shrinker's hole punch with EPERM. The driver ignores what vfs_fallocate
 * returns, so the scan goes on and the range stays purged for PIN; before, the punch threw and left itself
 * in flight, and the next PIN waited for it forever (PINARG-WAIT) holding the mutex.
 */
class SealedFromOutsideTest {
    private static final int P = 4096;

    @ParameterizedTest(name = "seal 0x{0}")
    @ValueSource(ints = {Libc.F_SEAL_FUTURE_WRITE, Libc.F_SEAL_WRITE})
    void aPunchTheSealsRefuseEndsTheScanAndPinStillAnswers(int seal) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (var dev = new OffHeapAshmem(P)) {
                int fd = dev.openHandle();
                assertThat(dev.ioctl(fd, new Command.SetSize(4L * P))).isEqualTo(Result.ZERO);
                var map = dev.mmap(fd, 4L * P, Prot.READ | Prot.WRITE, true, 0); // makes the area's file (MMAP-FILE)
                assertThat(dev.munmap((int) ((Result.Value) map).value())).isEqualTo(Result.ZERO); // F_SEAL_WRITE: no shared mapping left
                int memfd = dev.backingFd(fd).orElseThrow();
                assertThat(Libc.fcntl(memfd, Libc.F_ADD_SEALS, seal)).isZero();
                assertThat(dev.ioctl(fd, Command.unpin(P, 2L * P))).isEqualTo(Result.ZERO);
                assertThat(dev.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isEqualTo(Result.ok(2));
                assertThat(dev.inflight()).as("the punch was released").isZero();
                assertThat(dev.ioctl(fd, Command.pin(P, 2L * P))).isEqualTo(Result.ok(Abi.WAS_PURGED));
                assertThat(dev.shrinkScan(1, true)).as("nothing left to scan").isZero();
            }
        });
    }
}
