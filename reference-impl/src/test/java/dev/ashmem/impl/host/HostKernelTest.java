package dev.ashmem.impl.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How HostKernel reads an arm64 host's facts: VA_BITS from the process's mappings, the kernel version. */
class HostKernelTest {

    @Test
    void arm64VaBitsIsTheSmallestWidthHoldingTheStack() {
        // VA_BITS=39 (Android GKI): the stack ends at 2^39
        assertThat(HostKernel.arm64VaBits("""
                5500000000-5500001000 r-xp 00000000 00:00 0 /bin/x
                7ffffde000-8000000000 rw-p 00000000 00:00 0 [stack]
                """)).isEqualTo(39);
        // VA_BITS=48: the stack ends at 2^48
        assertThat(HostKernel.arm64VaBits("""
                aaaad0000000-aaaad0001000 r-xp 00000000 00:00 0 /bin/x
                ffffc0000000-1000000000000 rw-p 00000000 00:00 0 [stack]
                """)).isEqualTo(48);
        assertThat(HostKernel.arm64VaBits("ffff00000000-ffff00001000 rw-p 00000000 00:00 0\n")).isEqualTo(48);
        assertThat(HostKernel.arm64VaBits("")).isEqualTo(39);
    }

    @Test
    void enhancedPanCountsFrom513() {
        assertThat(HostKernel.atLeast("5.15.94-android13-8", 5, 13)).isTrue();
        assertThat(HostKernel.atLeast("5.10.198", 5, 13)).isFalse();
        assertThat(HostKernel.atLeast("6.1.0", 5, 13)).isTrue();
    }
}
