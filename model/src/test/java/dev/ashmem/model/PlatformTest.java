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

    @Test
    void eachPlatformIsNamedByAWordThatParsesBackToIt() {
        for (var p : new Platform[] {Platform.X86_64, Platform.x86_64(true), Platform.ARM64, Platform.arm64(48),
                Platform.arm64(52, true, true, true), Platform.arm64(39, false, false, true)}) {
            assertThat(Platform.parse(p.name())).isEqualTo(p);
        }
        assertThat(Platform.parse("x86-64")).isSameAs(Platform.X86_64);
        assertThat(Platform.parse("arm64-va39")).isEqualTo(Platform.ARM64);
        assertThat(Platform.parse("arm64+epan+bti")).isEqualTo(Platform.parse("arm64+bti+epan"));
        // the CPU features change only what the spec says they change
        assertThat(Platform.parse("x86-64+pku").execImpliesRead()).isFalse();
        assertThat(Platform.parse("x86-64+pku").taskSize()).isEqualTo(Platform.X86_64.taskSize());
        assertThat(Platform.parse("arm64+bti+mte").mprotectBits()).isEqualTo(Prot.ALL | Prot.SEM | 0x10 | 0x20);
        assertThat(Platform.parse("arm64+epan").execImpliesRead()).isFalse();
        assertThat(Platform.parse("arm64+epan").writeImpliesRead()).isTrue();
    }

    @Test
    void anUnknownPlatformWordIsAnErrorThatListsTheKnownOnes() {
        for (String bad : new String[] {"", "x86", "x86-64+epan", "arm64+pku", "arm64-va40", "x86-64+pku+pku", "x86-64+"}) {
            assertThatThrownBy(() -> Platform.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> Platform.parse("mips")).hasMessageContaining("known: x86-64[+pku], arm64");
    }

    /** With protection keys a PROT_EXEC-only mapping gets the execute-only key: a load faults, a fetch would not. */
    @Test
    @Exercises({"MEM-RIGHTS", "CTX-PLATFORM"})
    void anExecOnlyMappingReadsWithoutProtectionKeysAndFaultsWithThem() {
        for (boolean pku : new boolean[] {false, true}) {
            var dev = new AshmemModel(P, Platform.x86_64(pku));
            int fd = dev.openHandle();
            assertThat(dev.ioctl(fd, new Command.SetSize(P))).isValue(0);
            int shared = (int) ((Result.Value) dev.mmap(fd, P, Prot.EXEC, true, 0)).value();
            int privately = (int) ((Result.Value) dev.mmap(fd, P, Prot.EXEC, false, 0)).value();
            int readExec = (int) ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.EXEC, true, 0)).value();
            for (int id : new int[] {shared, privately}) {
                if (pku) {
                    assertThat(dev.load(id, 0, 1)).isFault(Result.Signal.SIGSEGV);
                } else {
                    assertThat(dev.load(id, 0, 1)).isSuccess();
                }
            }
            assertThat(dev.load(readExec, 0, 1)).isSuccess();
        }
    }
}
