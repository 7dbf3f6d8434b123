package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** CTX-PAGE: a device's page size is 4096 by default, 16384 or 65536, fixed for its lifetime; no other. */
class PageSizeTest {

    @Test
    @Exercises({"CTX-PAGE"})
    void aDeviceHasAPageSizeOf4Or16Or64KiB() {
        assertThat(new AshmemModel().pageSize()).as("the default").isEqualTo(4096);
        for (int p : new int[] {4096, 16384, 65536}) {
            assertThat(new AshmemModel(p).pageSize()).isEqualTo(p);
        }
        for (int p : new int[] {0, 2048, 8192, 32768, 131072, -4096}) {
            assertThatThrownBy(() -> new AshmemModel(p)).as("%d", p).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CTX-PAGE");
        }
    }
}
