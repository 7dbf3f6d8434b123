package dev.ashmem.impl.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A BackingFile kept after its area and mappings are gone: its memfd is closed and the fd number is free
 * for the next file (memfd_create takes the lowest). Every operation on it refuses instead of acting on
 * whatever file has that number now; before, a punch through the stale object punched the new area.
 */
class StaleBackingFileTest {
    private static final int P = 4096;

    @Test
    void aClosedFileRefusesEveryOperationAndLeavesTheNextFileAlone() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            int first = dev.openHandle();
            assertThat(dev.ioctl(first, new Command.SetSize(P))).isEqualTo(Result.ZERO);
            int m1 = (int) ((Result.Value) dev.mmap(first, P, Prot.READ | Prot.WRITE, true, 0)).value();
            BackingFile stale = dev.backingFile(first).orElseThrow();
            int number = stale.fd();
            assertThat(dev.munmap(m1)).isEqualTo(Result.ZERO);
            assertThat(dev.close(first)).isEqualTo(Result.ZERO);
            assertThat(stale.isOpen()).isFalse();

            int second = dev.openHandle();
            assertThat(dev.ioctl(second, new Command.SetSize(P))).isEqualTo(Result.ZERO);
            int m2 = (int) ((Result.Value) dev.mmap(second, P, Prot.READ | Prot.WRITE, true, 0)).value();
            assertThat(dev.store(m2, 0, new byte[] {9})).isEqualTo(Result.ZERO);
            var fresh = dev.backingFile(second).orElseThrow();
            assertThat(fresh.fd()).as("the number is reused").isEqualTo(number);

            assertThat(stale.punchPages(0, 1)).isEqualTo(-Libc.EBADF);
            assertThat(stale.sealAgainstWrites(List.of())).isEqualTo(-Libc.EBADF);
            assertThat(stale.allocatedBytes()).isEqualTo(-1);
            assertThat(stale.image()).isNull();
            assertThatThrownBy(stale::dataPages).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
            assertThatThrownBy(() -> stale.isDataPage(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> stale.read(0, 1)).isInstanceOf(SysException.class);
            assertThat(fresh.dataPages()).as("the new area's page is still data").containsExactly(0L);
            assertThat(fresh.sealed()).isFalse();
            assertThat(((Result.Bytes) dev.load(m2, 0, 1)).runs().toArray()).containsExactly(9);
        }
    }
}
