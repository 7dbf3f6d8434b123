package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How HostPlatform reads a host's facts: CPU features, VA_BITS from the process's mappings, the kernel version. */
class HostPlatformTest {
    private static final String ARM64_39 = "7ffffde000-8000000000 rw-p 00000000 00:00 0 [stack]\n";

    @Test
    void x8664HasExecuteOnlyPagesOnlyWithProtectionKeysTheKernelTurnedOn() {
        assertThat(HostPlatform.of("amd64", Set.of("fpu", "sse2"), "6.1.0", "")).contains(Platform.X86_64);
        assertThat(HostPlatform.of("amd64", Set.of("pku"), "6.1.0", "")).contains(Platform.X86_64);
        assertThat(HostPlatform.of("amd64", Set.of("pku", "ospke"), "6.1.0", "")).contains(Platform.parse("x86-64+pku"));
        assertThat(HostPlatform.cpuFlags("processor\t: 0\nflags\t\t: fpu pku ospke\n")).contains("pku", "ospke");
    }

    @Test
    void arm64TakesItsFeaturesFromTheCpuAndEnhancedPanFrom513() {
        var p = HostPlatform.of("aarch64", Set.of("bti", "mte", "epan"), "5.15.94-android13-8", ARM64_39).orElseThrow();
        assertThat(p).isEqualTo(Platform.parse("arm64+bti+mte+epan"));
        assertThat(p.mprotectBits()).isEqualTo(Prot.ALL | Prot.SEM | 0x10 | 0x20);
        assertThat(HostPlatform.of("aarch64", Set.of("epan"), "5.10.198", ARM64_39)).contains(Platform.ARM64);
        assertThat(HostPlatform.of("riscv64", Set.of(), "6.1.0", "")).isEmpty();
    }

    @Test
    void hostNamesTheHostsPlatformAndIsAnErrorWhereTheSpecHasNone() {
        assertThat(HostPlatform.parse("arm64-va48", "amd64", () -> { throw new AssertionError("not asked"); }))
                .isEqualTo(Platform.arm64(48));
        assertThat(HostPlatform.parse("host", "amd64", () -> Optional.of(Platform.x86_64(true)))).isEqualTo(Platform.x86_64(true));
        assertThatThrownBy(() -> HostPlatform.parse("host", "riscv64", Optional::empty))
                .hasMessageContaining("no generic-layer defaults").hasMessageContaining("riscv64");
        assertThatThrownBy(() -> HostPlatform.parse("hots", "amd64", Optional::empty)).hasMessageContaining("unknown platform 'hots'");
    }

    @Test
    void arm64VaBitsIsTheSmallestWidthHoldingTheStack() {
        // VA_BITS=39 (Android GKI): the stack ends at 2^39
        assertThat(HostPlatform.arm64VaBits("5500000000-5500001000 r-xp 00000000 00:00 0 /bin/x\n" + ARM64_39)).isEqualTo(39);
        // VA_BITS=48: the stack ends at 2^48
        assertThat(HostPlatform.arm64VaBits("""
                aaaad0000000-aaaad0001000 r-xp 00000000 00:00 0 /bin/x
                ffffc0000000-1000000000000 rw-p 00000000 00:00 0 [stack]
                """)).isEqualTo(48);
        assertThat(HostPlatform.arm64VaBits("ffff00000000-ffff00001000 rw-p 00000000 00:00 0\n")).isEqualTo(48);
        assertThat(HostPlatform.arm64VaBits("")).isEqualTo(39);
        // a mapping above 2^48: a 52-bit kernel on a CPU with 52-bit addressing
        assertThat(HostPlatform.arm64VaBits("fff000000000000-fff000000001000 rw-p 00000000 00:00 0\n")).isEqualTo(52);
    }

    @Test
    void arm64VaBitsReadsOnlyLinesThatStartWithAnAddressRange() {
        // an empty line, a line without a range and one that starts with '-' are not mappings
        assertThat(HostPlatform.arm64VaBits("\nno range here\n-ffffffffffff x\n" + ARM64_39)).isEqualTo(39);
    }

    @Test
    void cpuFlagsAreTheWordsAfterTheColonOfTheFlagsAndFeaturesLinesOnly() {
        String x86 = "processor\t: 0\nmodel name\t: pku bti\nflags\t\t: fpu pku ospke\n";
        assertThat(HostPlatform.cpuFlags(x86)).containsExactlyInAnyOrder("fpu", "pku", "ospke");
        String arm64 = "processor\t: 0\nFeatures\t: fp asimd bti mte\nCPU part\t: 0xd44\n";
        assertThat(HostPlatform.cpuFlags(arm64)).containsExactlyInAnyOrder("fp", "asimd", "bti", "mte");
    }

    @Test
    void enhancedPanCountsFrom513() {
        assertThat(HostPlatform.atLeast("5.15.94-android13-8", 5, 13)).isTrue();
        assertThat(HostPlatform.atLeast("5.10.198", 5, 13)).isFalse();
        assertThat(HostPlatform.atLeast("6.1.0", 5, 13)).isTrue();
        assertThat(HostPlatform.atLeast("5.13", 5, 13)).isTrue();
        assertThat(HostPlatform.atLeast("5.12.19", 5, 13)).isFalse();
    }
}
