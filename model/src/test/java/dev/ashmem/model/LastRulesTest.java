package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link AshmemModel#lastRules()} path by path: each operation reports its own rules only (traceability, the
 * generator's steering and the suites' coverage count them), and each path reports the rule the spec gives it.
 */
class LastRulesTest {
    private static final int P = 4096;
    private final AshmemModel m = new AshmemModel(P);

    /** An area of {@code pages} pages with a file, its first page holding data, and the mapping's id. */
    private int[] mapped(int pages) {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize((long) pages * P));
        int id = (int) ((Result.Value) m.mmap(fd, (long) pages * P, Prot.READ | Prot.WRITE, true, 0)).value();
        m.store(id, 0, new byte[] {1, 2, 3});
        return new int[] {fd, id};
    }

    private List<String> after(Function<AshmemModel, ?> op) {
        op.apply(m);
        return m.lastRules();
    }

    @Test
    void everyOperationReportsOnlyItsOwnRules() {
        int[] a = mapped(4);
        int fd = a[0], id = a[1];
        m.ioctl(fd, Command.unpin(P, P));
        record Case(String name, Function<AshmemModel, ?> op, String rule) {}
        var cases = List.of(
                new Case("open", AshmemModel::open, "OPEN-AREA"),
                new Case("dup", x -> x.dup(fd), "DUP-HANDLE"),
                new Case("close", x -> x.close((int) ((Result.Value) x.dup(fd)).value()), "CLOSE-REF"),
                new Case("ioctl", x -> x.ioctl(fd, new Command.GetSize()), "SIZE-GET"),
                new Case("mmap", x -> x.mmap(fd, P, Prot.READ, true, 0), "MMAP-ID"),
                new Case("munmap", x -> x.munmap((int) ((Result.Value) x.mmap(fd, P, Prot.READ, true, 0)).value()), "MUNMAP-REMOVE"),
                new Case("mprotect", x -> x.mprotect(id, Prot.READ | Prot.WRITE), "MPROTECT-MAY"),
                new Case("load", x -> x.load(id, 0, 1), "MEM-SHARED"),
                new Case("store", x -> x.store(id, 0, new byte[1]), "MEM-SHARED"),
                new Case("read", x -> x.read(fd, 1), "READ-DATA"),
                new Case("llseek", x -> x.llseek(fd, 0, Whence.SEEK_SET), "SEEK-SET"),
                new Case("shrinkCount", AshmemModel::shrinkCount, "SHRINK-COUNT"),
                new Case("shrinkScan", x -> x.shrinkScan(1, false), "SHRINK-NOFS"),
                new Case("shrinkScan racing", x -> x.shrinkScan(1, true, () -> false), "SHRINK-TRYLOCK"));
        for (var c : cases) {
            m.ioctl(fd, new Command.GetProtMask()); // PROT-GET: no operation below fires it
            assertThat(after(c.op())).as(c.name()).contains(c.rule()).doesNotContain("PROT-GET");
        }
        m.ioctl(fd, new Command.GetProtMask());
        var punch = m.shrinkMarkHead().orElseThrow();
        assertThat(m.lastRules()).as("shrinkMarkHead").contains("SHRINK-MARK", "CONC-INFLIGHT").doesNotContain("PROT-GET");
        m.shrinkPunch(punch);
        assertThat(m.lastRules()).as("shrinkPunch").contains("SHRINK-PUNCH").doesNotContain("SHRINK-MARK");
        m.shrinkRelease();
        assertThat(m.lastRules()).as("shrinkRelease").containsExactly("CONC-INFLIGHT");
    }

    @Test
    void zeroLengthAccessesTouchNoPageAndBoundsFaultsDecideAlone() {
        int id = mapped(2)[1];
        assertThat(after(x -> x.load(id, P, 0))).containsExactly("MEM-BOUNDS");
        assertThat(after(x -> x.store(id, P, new byte[0]))).containsExactly("MEM-BOUNDS");
        assertThat(after(x -> x.load(id, 2L * P, 1))).containsExactly("MEM-BOUNDS");
        assertThat(after(x -> x.store(id, -1, new byte[1]))).containsExactly("MEM-BOUNDS");
        assertThat(after(x -> x.store(id, P, new byte[1]))).containsExactly("MEM-SHARED");
        assertThat(after(x -> x.load(id, P, 1))).containsExactly("MEM-SHARED");
    }

    @Test
    void aReadAtTheEndOfTheFileDoesNotMoveThePosition() {
        int fd = mapped(1)[0];
        assertThat(after(x -> x.read(fd, 0))).as("nothing asked at 0").containsExactly("READ-DATA", "SEEK-POS");
        assertThat(m.read(fd, 0)).hasLength(0);
        assertThat(after(x -> x.read(fd, 2))).containsExactly("READ-DATA", "SEEK-POS");
        m.llseek(fd, P, Whence.SEEK_SET);
        assertThat(after(x -> x.read(fd, 5))).as("at i_size exactly").containsExactly("READ-DATA");
        assertThat(after(x -> x.llseek(fd, 0, Whence.SEEK_DATA))).containsExactly("SEEK-DATA", "SEEK-POS");
    }

    @Test
    void mmapReportsAWindowPastTheSizeOnlyWhenItIsOne() {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(2L * P));
        assertThat(after(x -> x.mmap(fd, 2L * P, Prot.READ, true, 0))).contains("MMAP-FILE", "MMAP-SHARED").doesNotContain("MMAP-OFFSET");
        assertThat(after(x -> x.mmap(fd, P, Prot.READ, true, P))).doesNotContain("MMAP-OFFSET");
        assertThat(after(x -> x.mmap(fd, 2L * P, Prot.READ, false, P))).contains("MMAP-PRIVATE", "MMAP-OFFSET");
    }

    @Test
    void readImpliesExecIsReportedAsTheCallersContext() {
        int fd = mapped(1)[0];
        assertThat(after(x -> x.mmap(fd, P, Prot.READ, true, 0, Caller.READ_IMPLIES_EXEC))).contains("CTX-CALLER", "MMAP-ID");
        assertThat(after(x -> x.mmap(fd, P, Prot.WRITE, true, 0, Caller.READ_IMPLIES_EXEC))).doesNotContain("CTX-CALLER");
        assertThat(after(x -> x.ioctl(fd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC)))
                .containsExactly("PROT-RIE", "CTX-CALLER", "PROT-SET");
    }

    @Test
    void getSizeReportsTheSignedReadingOnlyForHugeSizes() {
        int fd = m.openHandle();
        assertThat(after(x -> x.ioctl(fd, new Command.GetSize()))).containsExactly("SIZE-GET");
        m.ioctl(fd, new Command.SetSize(Long.MIN_VALUE));
        assertThat(after(x -> x.ioctl(fd, new Command.GetSize()))).containsExactly("SIZE-GET", "ARITH-LONG");
    }

    @Test
    void pinStatusAndUnpinReportTheirResult() {
        int fd = mapped(8)[0];
        assertThat(after(x -> x.ioctl(fd, Command.pinStatus(0, P)))).last().isEqualTo("STATUS-RET");
        m.ioctl(fd, Command.unpin(4L * P, P));
        assertThat(after(x -> x.ioctl(fd, Command.pinStatus(0, 8L * P)))).last().isEqualTo("STATUS-RET");
        assertThat(after(x -> x.ioctl(fd, Command.unpin(4L * P, P)))).containsSubsequence("UNPIN-SUBSUMED", "UNPIN-RET");
        assertThat(after(x -> x.ioctl(fd, Command.unpin(P, P)))).contains("UNPIN-INSERT").last().isEqualTo("UNPIN-RET");
        // [3] touches [4] from below: adjacent, kept apart, reported once it is seen in the walk.
        assertThat(after(x -> x.ioctl(fd, Command.unpin(3L * P, P)))).contains("UNPIN-ADJACENT").doesNotContain("UNPIN-MERGE");
        assertThat(after(x -> x.ioctl(fd, Command.unpin(6L * P, P)))).doesNotContain("UNPIN-ADJACENT");
        assertThat(after(x -> x.ioctl(fd, Command.pin(0, 0)))).contains("PINARG-LEN0").doesNotContain("PINARG-EMPTY");
    }

    @Test
    void aScanAndAPurgeReportTheirSteps() {
        int fd = mapped(4)[0];
        m.ioctl(fd, Command.unpin(0, P));
        m.ioctl(fd, Command.unpin(2L * P, P));
        assertThat(after(x -> x.shrinkScan(1, true))).containsSubsequence("SHRINK-MARK", "SHRINK-PUNCH", "CONC-INFLIGHT", "SHRINK-NR");
        assertThat(after(x -> x.shrinkScan(5, true, new java.util.function.BooleanSupplier() {
            int calls;

            @Override
            public boolean getAsBoolean() {
                return calls++ == 0; // free at entry, taken after the first punch
            }
        }))).last().isEqualTo("SHRINK-TRYLOCK");
        m.ioctl(fd, Command.unpin(3L * P, P));
        assertThat(after(x -> x.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)))
                .containsSubsequence("PURGE-SCAN", "SHRINK-MARK", "PURGE-RET").doesNotContain("ARITH-LONG");
        assertThat(after(x -> x.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN))).contains("PURGE-RET").doesNotContain("SHRINK-MARK");
    }
}
