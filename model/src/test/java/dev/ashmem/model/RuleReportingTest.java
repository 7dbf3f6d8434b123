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
}
