package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import org.junit.jupiter.api.Test;

/**
 * Mapping ids come from a counter (MMAP-ID: the device's choice) that wraps after 2^32 mmaps onto ids
 * that may still be mapped: a new mapping skips them. Before, it replaced the live mapping in the table,
 * whose window and hold on the memfd then leaked.
 */
class MappingIdWrapTest {
    private static final int P = 4096;

    @Test
    void aWrappedCounterSkipsTheIdsStillMapped() throws Exception {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            assertThat(dev.ioctl(fd, new Command.SetSize(P))).isEqualTo(Result.ZERO);
            long a = ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0)).value();
            long b = ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0)).value();
            var field = OffHeapAshmem.class.getDeclaredField("s");
            field.setAccessible(true);
            ((DeviceState) field.get(dev)).nextMappingId = (int) a; // as after 2^32 more mmaps
            long c = ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0)).value();
            assertThat(c).isNotIn(a, b);
            assertThat(dev.store((int) a, 0, new byte[] {1})).isEqualTo(Result.ZERO);
            assertThat(dev.store((int) c, 1, new byte[] {2})).isEqualTo(Result.ZERO);
            for (long m : new long[] {a, b, c}) {
                assertThat(dev.munmap((int) m)).as("mapping %d", m).isEqualTo(Result.ZERO);
            }
        }
    }
}
