package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import org.junit.jupiter.api.Test;

/** mmap, munmap, mprotect and memory access through mappings. */
public abstract class MmapScenarios extends DeviceScenarioBase {

    @Test
    @Exercises({"MMAP-NOSIZE", "MMAP-SIZE", "MMAP-FILE"})
    void mmapLengthIsCheckedAgainstThePageAlignedSize() {
        int fd = dev.openHandle();
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isError(Errno.EINVAL); // size 0
        assertThat(state().area(0).hasFile()).isFalse();
        assertThat(dev.ioctl(fd, new Command.SetSize(P + 1L))).isValue(0); // PAGE_ALIGN = 2P
        assertThat(dev.mmap(fd, 2L * P + 1, RW, SHARED, 0)).isError(Errno.EINVAL); // rounds to 3P
        assertThat(state().area(0).hasFile()).isFalse();
        assertThat(dev.mmap(fd, 2L * P, RW, SHARED, 0)).isSuccess();
        assertThat(state().area(0).hasFile()).isTrue();
        assertThat(state().files().getFirst().size()).isEqualTo(P + 1L);
    }

    @Test
    @Exercises({"MMAP-PROT", "MMAP-MAY", "MPROTECT-MAY"})
    void mprotectCannotGainWhatTheMaskDeniedAtMmapTime() {
        int fd = area(2L * P);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isValue(0);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isError(Errno.EPERM);
        int m = map(fd, P, Prot.READ, SHARED, 0);
        assertThat(dev.mprotect(m, RW)).isError(Errno.EACCES); // CVE-2011-1149
        assertThat(dev.store(m, 0, new byte[] {1})).isFault(Result.Signal.SIGSEGV);
        assertThat(dev.mprotect(m, Prot.NONE)).isValue(0);
        assertThat(dev.mprotect(m, Prot.READ)).isValue(0);
    }

    @Test
    @Exercises({"MMAP-MAY"})
    void aLaterMaskDoesNotReachExistingMappings() {
        int fd = area(2L * P);
        int m = map(fd, P, Prot.READ, SHARED, 0);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isValue(0);
        assertThat(dev.mprotect(m, RW)).isValue(0); // its may-rights were fixed when the mask was rwx
        assertThat(dev.store(m, 0, new byte[] {7})).isValue(0);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isError(Errno.EPERM);
    }

    @Test
    @Exercises({"MMAP-PROT", "MPROTECT-MAY", "CTX-CALLER"})
    void readImpliesExecCountsAgainstTheMaskInMmapAndMprotect() {
        int fd = area(2L * P);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ | Prot.WRITE))).isValue(0);
        assertThat(dev.mmap(fd, P, Prot.READ, SHARED, 0, Caller.READ_IMPLIES_EXEC)).isError(Errno.EPERM);
        assertThat(dev.mmap(fd, P, Prot.WRITE, SHARED, 0, Caller.READ_IMPLIES_EXEC)).isSuccess();
        int m = map(fd, P, Prot.READ, SHARED, 0);
        // do_mprotect_pkey adds EXEC only to a mapping with VM_MAYEXEC, which the mask took away here.
        assertThat(dev.mprotect(m, Prot.READ, Caller.READ_IMPLIES_EXEC)).isValue(0);
        assertThat(state().mappings().getLast().prot()).isEqualTo(Prot.READ);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isValue(0);
        int fd2 = area(2L * P);
        int x = map(fd2, P, Prot.NONE, SHARED, 0); // may rights rwx
        assertThat(dev.mprotect(x, Prot.READ, Caller.READ_IMPLIES_EXEC)).isValue(0);
        assertThat(state().mappings().getLast().prot()).isEqualTo(Prot.READ | Prot.EXEC);
    }

    @Test
    @Exercises({"MMAP-FILE-EINVAL"})
    void aSizeAboveTheLargestFileFailsTheFirstMmap() {
        int fd = area(1L << 63);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isError(Errno.EINVAL);
        assertThat(state().area(0).hasFile()).isFalse();
        assertThat(dev.ioctl(fd, new Command.SetSize(4L * P))).isValue(0); // still settable
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isSuccess();
    }

    @Test
    @Exercises({"MMAP-SYSCALL", "CTX-PLATFORM"})
    void genericMmapChecksComeFirst() {
        int fd = dev.openHandle(); // size 0: the driver would say EINVAL, but these fail before it
        assertThat(dev.mmap(fd, 0, RW, SHARED, 0)).isError(Errno.EINVAL);
        assertThat(dev.mmap(fd, P, RW, SHARED, 1)).isError(Errno.EINVAL);
        assertThat(dev.mmap(fd, -1L, RW, SHARED, 0)).isError(Errno.ENOMEM); // PAGE_ALIGN wraps to 0
        assertThat(dev.mmap(fd, 1L << 48, RW, SHARED, 0)).isError(Errno.ENOMEM);
        // get_unmapped_area: x86-64's TASK_SIZE is 2^47 - 4096, so 2^47 bytes do not fit.
        assertThat(dev.mmap(fd, 1L << 47, RW, SHARED, 0)).isError(Errno.ENOMEM);
        // file_mmap_ok: one page at -P would pass byte 2^64 - 1 of a character device.
        assertThat(dev.mmap(fd, P, RW, SHARED, -P)).isError(Errno.EOVERFLOW);
        // the length is tested against TASK_SIZE before the offset against the file.
        assertThat(dev.mmap(fd, 0x8000_0000_1000L, RW, SHARED, -2L * P)).isError(Errno.ENOMEM);
        // no prot bit is checked: PROT_SEM and unknown bits reach the driver (which refuses size 0).
        assertThat(dev.mmap(fd, P, RW | Prot.SEM, SHARED, 0)).isError(Errno.EINVAL);
        int sized = area(P);
        assertThat(dev.mmap(sized, P, RW | Prot.SEM | 0x40, SHARED, 0)).isSuccess();
        assertThat(state().mappings().getLast().prot()).isEqualTo(RW);
    }

    @Test
    @Exercises({"MMAP-ENTRY", "HANDLE-EBADF"})
    void aMisalignedOffsetIsRefusedBeforeTheHandleIsLookedUp() {
        assertThat(dev.mmap(99, P, RW, SHARED, 1)).isError(Errno.EINVAL);
        assertThat(dev.mmap(99, P, RW, SHARED, P)).isError(Errno.EBADF);
        int fd = area(P);
        assertThat(dev.mmap(fd, P, RW, SHARED, P / 2)).isError(Errno.EINVAL);
    }

    @Test
    @Exercises({"MPROTECT-MAY", "CTX-PLATFORM"})
    void mprotectAcceptsProtSemAndRefusesGrowsOnAshmem() {
        int fd = area(P);
        int m = map(fd, P, RW, SHARED, 0);
        assertThat(dev.mprotect(m, Prot.READ | Prot.SEM)).isValue(0); // arch_validate_prot: PROT_SEM passes
        assertThat(state().mappings().getLast().prot()).isEqualTo(Prot.READ);
        assertThat(dev.mprotect(m, 0x10)).isError(Errno.EINVAL);
        assertThat(dev.mprotect(99, 0x10)).isError(Errno.EINVAL); // before the mapping lookup
        assertThat(dev.mprotect(99, Prot.READ | Prot.GROWSDOWN)).isError(Errno.ENOMEM);
        assertThat(dev.mprotect(m, Prot.READ | Prot.GROWSDOWN)).isError(Errno.EINVAL); // not VM_GROWSDOWN
        assertThat(dev.mprotect(m, Prot.READ | Prot.GROWSUP)).isError(Errno.EINVAL);
        assertThat(dev.mprotect(99, Prot.GROWSDOWN | Prot.GROWSUP)).isError(Errno.EINVAL); // both: first
    }

    @Test
    @Exercises({"MMAP-OFFSET", "MEM-EOF"})
    void aNegativeOffsetThatDoesNotOverflowMapsFarBeyondTheFile() {
        int fd = area(2L * P);
        int m = map(fd, P, RW, SHARED, -(1L << 40));
        assertThat(dev.load(m, 0, 1)).isFault(Result.Signal.SIGBUS);
        assertThat(dev.store(m, 0, new byte[] {1})).isFault(Result.Signal.SIGBUS);
    }

    @Test
    @Exercises({"MMAP-ID", "MUNMAP-REMOVE", "MEM-BOUNDS"})
    void mappingIdsCountUpAndAreNeverReused() {
        int fd = area(2L * P);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isValue(1);
        assertThat(dev.mmap(fd, P, RW, PRIVATE, 0)).isValue(2);
        assertThat(dev.munmap(1)).isValue(0);
        assertThat(dev.munmap(1)).isError(Errno.EINVAL);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isValue(3);
        assertThat(dev.load(1, 0, 1)).isFault(Result.Signal.SIGSEGV);
        assertThat(dev.mprotect(1, Prot.READ)).isError(Errno.ENOMEM);
        assertThat(dev.load(3, P - 1, 2)).isFault(Result.Signal.SIGSEGV);
        assertThat(dev.load(3, -1, 1)).isFault(Result.Signal.SIGSEGV);
        assertThat(dev.load(3, P, 0)).hasLength(0);
        assertThat(dev.mprotect(1, 0x10)).isError(Errno.EINVAL); // prot bits before the mapping lookup
    }

    @Test
    @Exercises({"MEM-BOUNDS"})
    void zeroLengthAccessTouchesNoPageAndNeedsNoRights() {
        int fd = area(P);
        int none = map(fd, P, Prot.NONE, SHARED, 0);
        assertThat(dev.load(none, 0, 0)).hasLength(0);
        assertThat(dev.store(none, P, new byte[0])).isValue(0);
        int far = map(fd, P, RW, SHARED, 4L * P); // wholly beyond the file
        assertThat(dev.load(far, 0, 0)).hasLength(0);
        assertThat(dev.load(far, 0, 1)).isFault(Result.Signal.SIGBUS);
    }

    @Test
    @Exercises({"MMAP-SHARED", "MEM-SHARED"})
    void sharedMappingsSeeEachOthersWritesAndRead() {
        int fd = area(2L * P);
        int a = map(fd, 2L * P, RW, SHARED, 0);
        int b = map(fd, P, RW, SHARED, P);
        assertThat(dev.store(a, P + 5, new byte[] {9, 8})).isValue(0);
        assertThat(dev.load(b, 5, 2)).hasBytes(new byte[] {9, 8});
        assertThat(dev.store(b, 0, new byte[] {4})).isValue(0);
        assertThat(dev.load(a, P, 1)).hasBytes(new byte[] {4});
        assertThat(dev.llseek(fd, P, Whence.SEEK_SET)).isValue(P);
        assertThat(dev.read(fd, 7)).hasBytes(new byte[] {4, 0, 0, 0, 0, 9, 8});
    }

    @Test
    @Exercises({"MMAP-PRIVATE", "MEM-PRIVATE"})
    void privateMappingsAreAnonymousMemory() {
        int fd = area(2L * P);
        int shared = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(shared, 0, new byte[] {1, 2, 3})).isValue(0);
        int priv = map(fd, 2L * P, RW, PRIVATE, 0);
        assertThat(dev.load(priv, 0, 3)).hasBytes(new byte[3]); // not the file's content
        assertThat(dev.store(priv, 0, new byte[] {5})).isValue(0);
        assertThat(dev.load(shared, 0, 1)).hasBytes(new byte[] {1});
        assertThat(dev.load(priv, 0, 1)).hasBytes(new byte[] {5});
    }

    @Test
    @Exercises({"MEM-EOF", "MMAP-OFFSET"})
    void touchingAPageAtOrBeyondTheEndOfTheFileFaults() {
        int fd = area(P + 100L); // two file pages; PAGE_ALIGN(size) = 2P
        int m = map(fd, 2L * P, RW, SHARED, P); // offset not checked: covers file pages 1 and 2
        assertThat(dev.store(m, 200, new byte[] {1})).isValue(0); // file page 1, past i_size but inside the page
        assertThat(dev.load(m, P, 1)).isFault(Result.Signal.SIGBUS); // file page 2
        assertThat(dev.store(m, P - 1, new byte[] {1, 2})).isFault(Result.Signal.SIGBUS); // straddles: no effect
        assertThat(dev.load(m, P - 1, 1)).hasBytes(new byte[1]);
        int priv = map(fd, 2L * P, RW, PRIVATE, P);
        assertThat(dev.load(priv, P, 1)).hasBytes(new byte[1]); // anonymous memory never faults
    }

    @Test
    @Exercises({"MEM-RIGHTS"})
    void accessNeedsTheMappingsCurrentRights() {
        int fd = area(P);
        int none = map(fd, P, Prot.NONE, SHARED, 0);
        assertThat(dev.load(none, 0, 1)).isFault(Result.Signal.SIGSEGV);
        int ro = map(fd, P, Prot.READ, SHARED, 0);
        assertThat(dev.store(ro, 0, new byte[] {1})).isFault(Result.Signal.SIGSEGV);
        assertThat(dev.mprotect(ro, RW)).isValue(0);
        assertThat(dev.store(ro, 0, new byte[] {1})).isValue(0);
        assertThat(dev.mprotect(ro, Prot.EXEC)).isValue(0);
        assertThat(dev.store(ro, 0, new byte[] {2})).isFault(Result.Signal.SIGSEGV);
    }

    @Test
    @Exercises({"MEM-RIGHTS", "CTX-PLATFORM"})
    void writeAndExecImplyReadOnX8664() {
        int fd = area(P);
        int wo = map(fd, P, Prot.WRITE, SHARED, 0);
        assertThat(dev.store(wo, 0, new byte[] {5})).isValue(0);
        assertThat(dev.load(wo, 0, 1)).hasBytes(new byte[] {5}); // no write-only page in the protection_map
        int xo = map(fd, P, Prot.EXEC, SHARED, 0);
        assertThat(dev.load(xo, 0, 1)).hasBytes(new byte[] {5}); // PAGE_READONLY_EXEC
    }

    @Test
    @Exercises({"MEM-SHARED", "SEEK-DATA"})
    void aLoadThroughASharedMappingMakesAHolePageData() {
        int fd = area(4L * P);
        int m = map(fd, 4L * P, Prot.READ, SHARED, 0);
        assertThat(state()).hasDataPages(0);
        assertThat(dev.load(m, 2L * P + 1, 1)).hasBytes(new byte[1]);
        assertThat(state()).hasDataPages(0, 2L);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_DATA)).isValue(2L * P);
        assertThat(dev.read(fd, 3 * P)).hasLength(2 * P); // from 2P, where SEEK_DATA left the position; no allocation
        assertThat(state()).hasDataPages(0, 2L);
    }
}
