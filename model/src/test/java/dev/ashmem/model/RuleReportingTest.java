package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import org.junit.jupiter.api.Test;

/** The model reports which rules each operation applied, and which check decided an error. */
class RuleReportingTest {
    private final AshmemModel m = new AshmemModel(4096);

    private int mapped(int pages) {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(pages * 4096L));
        m.mmap(fd, 4096, Prot.READ, true, 0);
        return fd;
    }

    @Test
    void theLastRuleOfAnErrorIsTheCheckThatDecidedIt() {
        int fd = mapped(4);
        assertThat(m.ioctl(fd, Command.pin(1, 4096))).isError(Errno.EINVAL);
        assertThat(m.lastRules()).last().isEqualTo("PINARG-ALIGN");
        assertThat(m.ioctl(fd, Command.pin(0xFFFF_F000L, 0x2000))).isError(Errno.EINVAL);
        assertThat(m.lastRules()).last().isEqualTo("PINARG-OVERFLOW");
        assertThat(m.ioctl(fd, Command.pin(4096, 4 * 4096))).isError(Errno.EINVAL);
        assertThat(m.lastRules()).last().isEqualTo("PINARG-BOUNDS");
        assertThat(m.ioctl(9, new Command.GetSize())).isError(Errno.EBADF);
        assertThat(m.lastRules()).containsExactly("HANDLE-EBADF");
    }

    @Test
    void effectsAreReportedInTheOrderTheyHappen() {
        int fd = mapped(8);
        m.ioctl(fd, Command.unpin(0, 6 * 4096));
        assertThat(m.ioctl(fd, Command.pin(2 * 4096, 2 * 4096))).isValue(0);
        assertThat(m.lastRules()).containsSubsequence("PINARG-PAGES", "PIN-CASE-4", "PIN-SPLIT-TAIL", "PIN-RET");
        m.ioctl(fd, Command.unpin(6 * 4096, 4096));
        assertThat(m.lastRules()).contains("UNPIN-ADJACENT", "UNPIN-INSERT").doesNotContain("UNPIN-MERGE");
        assertThat(m.shrinkScan(0, true)).isEqualTo(5L);
        assertThat(m.lastRules()).containsSubsequence("SHRINK-ORDER", "SHRINK-MARK", "SHRINK-PUNCH", "SHRINK-NR", "SHRINK-RET");
        assertThat(m.lastRules()).contains("ARITH-U64");
    }

    @Test
    void aRuleIsReportedWheneverItsTextDecidesTheStepNotOnlyOnItsQuirk() {
        int fd = m.openHandle();
        m.ioctl(fd, Command.SetName.of("a\0b"));
        assertThat(m.lastRules()).as("bytes after the first NUL are dropped").contains("NAME-TRUNC");
        m.ioctl(fd, Command.SetName.of("ab\0"));
        assertThat(m.lastRules()).as("a terminated name loses nothing").doesNotContain("NAME-TRUNC");
        m.ioctl(fd, new Command.SetSize(4 * 4096));
        m.mmap(fd, 4096, Prot.READ, true, 0);
        assertThat(m.lastRules()).contains("MMAP-FILE");
        m.mmap(fd, 4096, Prot.READ, true, 0);
        assertThat(m.lastRules()).as("the existing file is used as it is").contains("MMAP-FILE");
        assertThat(m.ioctl(fd, Command.pinStatus(4 * 4096, 0))).isValue(Abi.IS_PINNED);
        assertThat(m.lastRules()).as("an empty request is decided by STATUS-EMPTY, met or not").contains("STATUS-EMPTY");
        m.ioctl(fd, Command.unpin(0, 4096));
        m.shrinkScan(1, true);
        assertThat(m.lastRules()).as("every punch has its extent").contains("SHRINK-PUNCH-EXTENT");
    }

    @Test
    void aPageAlignThatWrapsIsUnsignedArithmetic() {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4096));
        assertThat(m.mmap(fd, -1L, Prot.READ, true, 0)).isError(Errno.ENOMEM);
        assertThat(m.lastRules()).containsExactly("CTX-PAGE", "ARITH-U64", "MMAP-SYSCALL");
    }

    @Test
    void purgeAllCachesReportsItsResultLast() {
        int fd = mapped(4);
        m.ioctl(fd, Command.unpin(0, 4096));
        assertThat(m.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(1);
        assertThat(m.lastRules()).containsSubsequence("SHRINK-COUNT", "PURGE-SCAN", "SHRINK-RET", "PURGE-RET").last().isEqualTo("PURGE-RET");
    }

    /** A rule that no operation below fires, so whatever reports it still reports the step before. */
    private void markPreviousStep(int fd) {
        m.ioctl(fd, new Command.GetProtMask());
        assertThat(m.lastRules()).containsExactly("PROT-GET");
    }

    @Test
    @Exercises({"CLOSE-REF", "MUNMAP-REMOVE", "HANDLE-EBADF"})
    void closeAndMunmapForgetTheRulesOfTheStepBefore() {
        int fd = mapped(2);
        int other = (int) ((Result.Value) m.dup(fd)).value();
        int id = (int) ((Result.Value) m.mmap(fd, 4096, Prot.READ, true, 0)).value();
        markPreviousStep(fd);
        assertThat(m.close(other)).isValue(0);
        assertThat(m.lastRules()).contains("CLOSE-REF").doesNotContain("PROT-GET");
        markPreviousStep(fd);
        assertThat(m.munmap(id)).isValue(0);
        assertThat(m.lastRules()).contains("MUNMAP-REMOVE").doesNotContain("PROT-GET");
        markPreviousStep(fd);
        assertThat(m.close(99)).isError(Errno.EBADF);
        assertThat(m.lastRules()).containsExactly("HANDLE-EBADF");
    }

    @Test
    @Exercises({"MMAP-ID", "MEM-RIGHTS", "CTX-PLATFORM"})
    void aLoadReportsWhyItFaultedAndWhenTheMissingReadRightIsImplied() {
        int fd = mapped(1);
        assertThat(m.load(99, 0, 1)).isEqualTo(new Result.Fault(Result.Signal.SIGSEGV));
        assertThat(m.lastRules()).containsExactly("MMAP-ID");
        int writeOnly = (int) ((Result.Value) m.mmap(fd, 4096, Prot.WRITE, true, 0)).value();
        assertThat(m.load(writeOnly, 0, 1)).hasBytes(new byte[1]);
        assertThat(m.lastRules()).as("x86-64 has no write-only page: WRITE implies READ")
                .containsSubsequence("CTX-PLATFORM", "MEM-RIGHTS", "MEM-SHARED");
        assertThat(m.store(writeOnly, 0, new byte[] {7})).isValue(0);
        assertThat(m.lastRules()).as("a store needs WRITE only: nothing is implied").doesNotContain("CTX-PLATFORM", "MEM-RIGHTS");
        int readOnly = (int) ((Result.Value) m.mmap(fd, 4096, Prot.READ, true, 0)).value();
        assertThat(m.load(readOnly, 0, 1)).hasBytes(new byte[] {7});
        assertThat(m.lastRules()).doesNotContain("CTX-PLATFORM", "MEM-RIGHTS");
        int none = (int) ((Result.Value) m.mmap(fd, 4096, Prot.NONE, true, 0)).value();
        assertThat(m.load(none, 0, 1)).isEqualTo(new Result.Fault(Result.Signal.SIGSEGV));
        assertThat(m.lastRules()).contains("MEM-RIGHTS").doesNotContain("CTX-PLATFORM");
    }

    @Test
    @Exercises({"MMAP-SYSCALL"})
    void aZeroLengthMmapIsRefusedByTheSystemCallBeforeTheDriverSeesIt() {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4096));
        assertThat(m.mmap(fd, 0, Prot.READ, true, 0)).isError(Errno.EINVAL);
        assertThat(m.lastRules()).last().isEqualTo("MMAP-SYSCALL");
        assertThat(m.lastRules()).doesNotContain("MMAP-FILE");
        assertThat(m.snapshot().files()).as("no file is created").isEmpty();
    }

    @Test
    @Exercises({"MMAP-SYSCALL", "CTX-PLATFORM"})
    void anOffsetNearTheTopOfTheFileSpaceIsNoOverflowForALengthBelowTheTaskSize() {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4096));
        // pgoff 2^52-1 plus 2^40-1 pages does not wrap; only the length (over TASK_SIZE) is refused.
        assertThat(m.mmap(fd, (1L << 52) - 4096, Prot.READ, true, -4096L)).isError(Errno.ENOMEM);
        assertThat(m.lastRules()).containsSubsequence("CTX-PLATFORM", "MMAP-SYSCALL");
    }

    @Test
    @Exercises({"PINARG-LEN0", "PINARG-EMPTY", "ARITH-U64"})
    void onlyAnEmptyPinRequestReportsItsUnsignedWrap() {
        int fd = mapped(4);
        assertThat(m.ioctl(fd, Command.pin(4 * 4096, 0))).isValue(0); // len 0 at PAGE_ALIGN(size): [4..3]
        assertThat(m.lastRules()).contains("PINARG-LEN0", "PINARG-EMPTY", "ARITH-U64");
        assertThat(m.ioctl(fd, Command.pin(4096, 0))).isValue(0); // len 0: to the end, 3 pages
        assertThat(m.lastRules()).contains("PINARG-LEN0").doesNotContain("PINARG-EMPTY", "ARITH-U64");
        assertThat(m.ioctl(fd, Command.pin(4096, 4096))).isValue(0);
        assertThat(m.lastRules()).doesNotContain("PINARG-LEN0", "PINARG-EMPTY", "ARITH-U64");
    }

    @Test
    @Exercises({"UNPIN-ADJACENT", "UNPIN-INSERT"})
    void aNewRangeIsAdjacentOnEitherSideOrNotAtAll() {
        int fd = mapped(8);
        assertThat(m.ioctl(fd, Command.unpin(5 * 4096, 4096))).isValue(0);
        assertThat(m.lastRules()).contains("UNPIN-INSERT").doesNotContain("UNPIN-ADJACENT");
        assertThat(m.ioctl(fd, Command.unpin(2 * 4096, 4096))).isValue(0);
        assertThat(m.lastRules()).as("the walk passes page 5, which does not touch page 2").doesNotContain("UNPIN-ADJACENT");
        assertThat(m.ioctl(fd, Command.unpin(6 * 4096, 4096))).isValue(0);
        assertThat(m.lastRules()).as("page 6 follows page 5").contains("UNPIN-ADJACENT");
        assertThat(m.ioctl(fd, Command.unpin(4096, 4096))).isValue(0);
        assertThat(m.lastRules()).as("page 1 precedes page 2").contains("UNPIN-ADJACENT");
        assertThat(m.ioctl(fd, Command.unpin(0, 4096))).isValue(0);
        assertThat(m.lastRules()).as("page 0 precedes page 1").contains("UNPIN-ADJACENT", "UNPIN-INSERT");
    }

    /** A 4 GiB area whose whole range [0, 2^64-1] is unpinned, then its first page pinned: lruCount 2^64-1. */
    private int wrappedLruCount() {
        int fd = mapped(1 << 20);
        assertThat(m.ioctl(fd, Command.unpin(0, 0))).isValue(0); // [0, 2^64-1]: 2^64 pages, size 0 mod 2^64
        assertThat(m.lastRules()).contains("PINARG-EMPTY");
        assertThat(m.shrinkCount()).isZero();
        assertThat(m.ioctl(fd, Command.pin(0, 4096))).isValue(0); // [1, 2^64-1] after the cut: 2^64-1 pages
        return fd;
    }

    @Test
    @Exercises({"PINARG-EMPTY", "PIN-CASE-2", "ARITH-U64"})
    void cuttingTheWrappedRangeGrowsItAndWrapsTheLruCount() {
        wrappedLruCount();
        assertThat(m.lastRules()).contains("PIN-CASE-2", "ARITH-U64");
        assertThat(m.shrinkCount()).isEqualTo(-1L);
        int plain = mapped(4);
        m.ioctl(plain, Command.unpin(0, 2 * 4096));
        assertThat(m.ioctl(plain, Command.pin(0, 4096))).isValue(0);
        assertThat(m.lastRules()).as("an ordinary cut shrinks the range").contains("PIN-CASE-2").doesNotContain("ARITH-U64");
    }

    @Test
    @Exercises({"PURGE-RET", "ARITH-LONG"})
    void purgeAllCachesReturnsTheLruCountAsASignedLong() {
        int fd = mapped(4);
        assertThat(m.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(0);
        assertThat(m.lastRules()).as("an empty LRU: 0 is no negative count").contains("PURGE-RET").doesNotContain("ARITH-LONG");
        wrappedLruCount();
        assertThat(m.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isValue(-1);
        assertThat(m.lastRules()).contains("PURGE-RET", "ARITH-LONG");
    }

    @Test
    @Exercises({"SHRINK-NR", "ARITH-U64"})
    void onlyAScanOfZeroWrapsItsCount() {
        int fd = mapped(4);
        m.ioctl(fd, Command.unpin(0, 4096));
        assertThat(m.shrinkScan(1, true)).isEqualTo(1L);
        assertThat(m.lastRules()).contains("SHRINK-NR").doesNotContain("ARITH-U64");
        m.ioctl(fd, Command.unpin(4096, 4096)); // page 0's range is purged: a new page
        assertThat(m.shrinkScan(0, true)).isEqualTo(1L);
        assertThat(m.lastRules()).contains("SHRINK-NR", "ARITH-U64");
    }

    @Test
    @Exercises({"CLOSE-RELEASE", "CLOSE-MAPPINGS"})
    void onlyTheAreasOwnMappingsOutliveItsClose() {
        int mappedFd = mapped(1); // another area's mapping stays
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4096));
        int id = (int) ((Result.Value) m.mmap(fd, 4096, Prot.READ, true, 0)).value();
        m.munmap(id); // the file stays, its mappings are gone
        assertThat(m.close(fd)).isValue(0);
        assertThat(m.lastRules()).contains("CLOSE-RELEASE").doesNotContain("CLOSE-MAPPINGS");
        m.mmap(mappedFd, 4096, Prot.READ, true, 0);
        assertThat(m.close(mappedFd)).isValue(0);
        assertThat(m.lastRules()).contains("CLOSE-RELEASE", "CLOSE-MAPPINGS");
    }

    @Test
    @Exercises({"CTX-PAGE", "ARITH-U64", "MMAP-SYSCALL"})
    void onlyAPageAlignThatWrapsReportsUnsignedArithmetic() {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4096));
        assertThat(m.mmap(fd, 4096, Prot.READ, true, 0)).isValue(1);
        assertThat(m.lastRules()).contains("CTX-PAGE").doesNotContain("ARITH-U64");
        assertThat(m.mmap(fd, 0, Prot.READ, true, 0)).isError(Errno.EINVAL);
        assertThat(m.lastRules()).as("a length of 0 aligns to 0 without wrapping").contains("CTX-PAGE").doesNotContain("ARITH-U64");
        assertThat(m.mmap(fd, -4096L, Prot.READ, true, 0)).isError(Errno.ENOMEM);
        assertThat(m.lastRules()).as("2^64 - P is aligned already").doesNotContain("ARITH-U64");
        assertThat(m.mmap(fd, -4095L, Prot.READ, true, 0)).isError(Errno.ENOMEM);
        assertThat(m.lastRules()).containsSubsequence("CTX-PAGE", "ARITH-U64");
    }

    @Test
    @Exercises({"UNPIN-ADJACENT", "ARITH-U64"})
    void aRangeEndingAtTheLastPageNumberTouchesPageZero() {
        int fd = wrappedLruCount(); // [1, 2^64-1]
        assertThat(m.ioctl(fd, Command.pin(0, 5 * 4096))).isValue(0); // [5, 2^64-1]
        assertThat(m.ioctl(fd, Command.unpin(0, 3 * 4096))).isValue(0);
        assertThat(m.lastRules()).as("2^64-1 + 1 is page 0 in u64 arithmetic").contains("UNPIN-ADJACENT");
    }

    /** 4 GiB and a page: a length of 0 at offset P is the u32 cut of 2^32, the empty request [1..0]. */
    @Test
    @Exercises({"PINARG-LEN0", "PINARG-EMPTY", "PIN-CASE-2", "ARITH-U64"})
    void anEmptyPinThatCutsNothingKeepsTheLruCount() {
        int fd = mapped((1 << 20) + 1);
        m.ioctl(fd, Command.unpin(4096, 2 * 4096)); // [1..2]
        assertThat(m.ioctl(fd, Command.pin(4096, 0))).isValue(0);
        var rules = m.lastRules();
        assertThat(rules).containsSubsequence("PINARG-LEN0", "PINARG-EMPTY", "PIN-CASE-2", "PIN-RET");
        assertThat(rules.subList(rules.indexOf("PIN-CASE-2"), rules.size())).as("the cut [1..2] -> [1..2] wraps nothing")
                .doesNotContain("ARITH-U64");
        assertThat(m.shrinkCount()).isEqualTo(2);
    }
}
