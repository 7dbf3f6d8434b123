package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The arm64 defaults of CTX-PLATFORM (read in 5.15) and what they change in the model's answers. */
class PlatformTest {
    private static final int P = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;

    @Test
    void arm64DefaultsAreThoseOfTheSpecTable() {
        // GKI with 4 KiB pages: VA_BITS is Kconfig's default 39, TASK_SIZE_64 = 1 << vabits_actual
        assertThat(Platform.ARM64.taskSize()).isEqualTo(1L << 39);
        assertThat(Platform.arm64(48).taskSize()).isEqualTo(1L << 48);
        assertThat(Platform.ARM64.mprotectBits()).isEqualTo(Prot.ALL | Prot.SEM);
        assertThat(Platform.ARM64.writeImpliesRead()).isTrue();
        assertThat(Platform.ARM64.execImpliesRead()).isTrue();
        assertThatThrownBy(() -> Platform.arm64(40)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40");
        // a platform prints as its name (the model checker's and the CLI's messages)
        assertThat(Platform.X86_64).hasToString("x86-64");
        assertThat(new Platform("tiny", 1, Prot.ALL, false, false)).hasToString("tiny");
    }

    /** A region of 2^40 bytes mapped one page past 2^39: too long for arm64 with 39-bit addresses only. */
    @Test
    @Exercises({"MMAP-SYSCALL", "CTX-PLATFORM"})
    void theAddressSpaceLimitFollowsVaBits() {
        long length = (1L << 39) + P;
        for (var platform : new Platform[] {Platform.ARM64, Platform.arm64(48), Platform.X86_64}) {
            var dev = new AshmemModel(P, platform);
            int fd = dev.openHandle();
            assertThat(dev.ioctl(fd, new Command.SetSize(1L << 40))).isValue(0);
            if (platform == Platform.ARM64) {
                assertThat(dev.mmap(fd, length, RW, true, 0)).isError(Errno.ENOMEM);
                assertThat(dev.mmap(fd, 1L << 39, RW, true, 0)).isSuccess();
            } else {
                assertThat(dev.mmap(fd, length, RW, true, 0)).isSuccess();
            }
        }
    }

    /** mprotect takes PROT_SEM but not PROT_BTI (0x10) or PROT_MTE (0x20) on a CPU without them. */
    @Test
    @Exercises({"MPROTECT-MAY", "CTX-PLATFORM"})
    void arm64MprotectTakesProtSemButNotBtiOrMteWithoutTheCpuFeatures() {
        var dev = new AshmemModel(P, Platform.ARM64);
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(P))).isValue(0);
        var mapped = dev.mmap(fd, P, RW | 0x10 | 0x20, true, 0); // mmap checks no prot bit
        assertThat(mapped).isSuccess();
        int id = (int) ((Result.Value) mapped).value();
        assertThat(dev.mprotect(id, Prot.WRITE | Prot.SEM, Caller.APP)).isValue(0);
        assertThat(dev.mprotect(id, Prot.READ | 0x10, Caller.APP)).isError(Errno.EINVAL);
        assertThat(dev.mprotect(id, Prot.READ | 0x20, Caller.APP)).isError(Errno.EINVAL);
        // write-only reads: __S010 is PAGE_SHARED
        assertThat(dev.load(id, 0, 1)).isSuccess();
    }
}
