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
}
