package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Op} applied to the model is the driver call it names, with the result and rules the spec gives that
 * call: a trace line, a generated step and an explored transition all run through {@link Op#applyTo}.
 */
class OpApplyTest {
    private static final int P = 4096;
    private final AshmemModel m = new AshmemModel(P);

    private Result apply(Op op) {
        return op.applyTo(m);
    }

    @Test
    @Exercises({"HANDLE-NUM", "OPEN-AREA", "DUP-HANDLE", "CLOSE-REF", "SIZE-SET", "MMAP-ID", "MEM-SHARED", "READ-DATA",
            "SEEK-SET", "MPROTECT-MAY", "MUNMAP-REMOVE", "UNPIN-RET", "SHRINK-COUNT", "SHRINK-RET"})
    void eachOperationIsTheCallItNames() {
        assertThat(apply(new Op.Open())).isValue(0);
        assertThat(m.lastRules()).contains("OPEN-AREA");
        assertThat(apply(new Op.Dup(0))).isValue(1);
        assertThat(m.lastRules()).contains("DUP-HANDLE");
        assertThat(apply(new Op.Ioctl(0, new Command.SetSize(2L * P), Caller.APP))).isValue(0);
        assertThat(m.lastRules()).contains("SIZE-SET");
        assertThat(apply(new Op.Ioctl(1, new Command.GetSize(), Caller.APP))).isValue(2L * P);
        assertThat(apply(new Op.Mmap(0, 2L * P, Prot.READ | Prot.WRITE, true, 0, Caller.APP))).isValue(1);
        assertThat(m.lastRules()).contains("MMAP-ID");
        assertThat(apply(new Op.Store(1, 1, "hi".getBytes(StandardCharsets.US_ASCII)))).isValue(0);
        assertThat(m.lastRules()).contains("MEM-SHARED");
        assertThat(apply(new Op.Load(1, 0, 3))).isEqualTo(new Result.Bytes(new byte[] {0, 'h', 'i'}));
        assertThat(apply(new Op.Read(1, 2))).isEqualTo(new Result.Bytes(new byte[] {0, 'h'}));
        assertThat(m.lastRules()).contains("READ-DATA");
        assertThat(apply(new Op.Llseek(0, 1, Whence.SEEK_SET))).isValue(1);
        assertThat(m.lastRules()).contains("SEEK-SET");
        assertThat(apply(new Op.Read(0, 2))).isEqualTo(new Result.Bytes("hi".getBytes(StandardCharsets.US_ASCII)));
        assertThat(apply(new Op.Mprotect(1, Prot.READ, Caller.APP))).isValue(0);
        assertThat(m.lastRules()).contains("MPROTECT-MAY");
        assertThat(apply(new Op.Store(1, 0, new byte[1]))).isFault(Result.Signal.SIGSEGV);
        assertThat(apply(new Op.Ioctl(0, Command.unpin(P, P), Caller.APP))).isValue(0);
        assertThat(apply(new Op.ShrinkCount())).isValue(1);
        assertThat(m.lastRules()).contains("SHRINK-COUNT");
        assertThat(apply(new Op.ShrinkScan(1, true))).isValue(1);
        assertThat(m.lastRules()).contains("SHRINK-RET");
        assertThat(apply(new Op.ShrinkCount())).isValue(0);
        assertThat(apply(new Op.Munmap(1))).isValue(0);
        assertThat(m.lastRules()).contains("MUNMAP-REMOVE");
        assertThat(apply(new Op.Munmap(1))).isError(Errno.EINVAL);
        assertThat(apply(new Op.Close(1))).isValue(0);
        assertThat(m.lastRules()).contains("CLOSE-REF");
        assertThat(apply(new Op.Close(1))).isError(Errno.EBADF);
    }

    @Test
    @Exercises({"CTX-CALLER", "PURGE-EPERM", "MMAP-PROT", "MMAP-MAY", "SHRINK-NOFS"})
    void theOperationsCarryTheirCallerAndFlags() {
        apply(new Op.Open());
        assertThat(apply(new Op.Ioctl(0, new Command.PurgeAllCaches(), Caller.APP))).isError(Errno.EPERM);
        assertThat(apply(new Op.Ioctl(0, new Command.PurgeAllCaches(), Caller.ADMIN))).isValue(0);
        apply(new Op.Ioctl(0, new Command.SetSize(P), Caller.APP));
        // an app's mmap PROT_READ of a mask without exec is allowed; with READ_IMPLIES_EXEC it asks for exec too
        apply(new Op.Ioctl(0, new Command.SetProtMask(Prot.READ), Caller.APP));
        assertThat(apply(new Op.Mmap(0, P, Prot.READ, false, 0, Caller.APP))).isValue(1);
        assertThat(apply(new Op.Mmap(0, P, Prot.READ, false, 0, Caller.READ_IMPLIES_EXEC))).isError(Errno.EPERM);
        // mprotect: READ_IMPLIES_EXEC adds no exec to a mapping that may not exec, exec asked for is refused
        assertThat(apply(new Op.Mprotect(1, Prot.READ, Caller.READ_IMPLIES_EXEC))).isValue(0);
        assertThat(apply(new Op.Mprotect(1, Prot.READ | Prot.EXEC, Caller.APP))).isError(Errno.EACCES);
        apply(new Op.Ioctl(0, Command.unpin(0, P), Caller.APP));
        assertThat(apply(new Op.ShrinkScan(1, false))).isValue(-1);
        assertThat(m.lastRules()).contains("SHRINK-NOFS");
    }

    @Test
    void storeDataIsACopyAndStoresAreEqualByContent() {
        byte[] data = {1, 2, 3};
        var s = new Op.Store(1, 8, data);
        data[0] = 9;
        assertThat(s.data()).containsExactly(1, 2, 3);
        s.data()[1] = 9;
        assertThat(s.data()).containsExactly(1, 2, 3);
        assertThat(s).isEqualTo(new Op.Store(1, 8, new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new Op.Store(1, 8, new byte[] {1, 2, 3}));
        assertThat(s).isNotEqualTo(new Op.Store(2, 8, new byte[] {1, 2, 3}))
                .isNotEqualTo(new Op.Store(1, 9, new byte[] {1, 2, 3}))
                .isNotEqualTo(new Op.Store(1, 8, new byte[] {1, 2, 4}))
                .isNotEqualTo(new Op.Load(1, 8, 3));
        var hashes = new HashSet<Integer>();
        for (int i = 0; i < 16; i++) {
            hashes.add(new Op.Store(i, 0, new byte[] {1}).hashCode());
            hashes.add(new Op.Store(0, i + 1, new byte[] {1}).hashCode());
        }
        assertThat(hashes).hasSize(32);
    }

    @Test
    void operationsAreValuesAndPrintAsTraceLines() {
        List<Op> ops = List.of(new Op.Open(), new Op.Dup(1), new Op.Close(1), new Op.Ioctl(1, new Command.GetSize(), Caller.APP),
                new Op.Mmap(1, P, Prot.READ, true, 0, Caller.APP), new Op.Munmap(1), new Op.Mprotect(1, Prot.READ, Caller.APP),
                new Op.Load(1, 0, 1), new Op.Store(1, 0, new byte[1]), new Op.Read(1, 1), new Op.Llseek(1, 0, Whence.SEEK_END),
                new Op.ShrinkCount(), new Op.ShrinkScan(1, true));
        for (var op : ops) {
            assertThat(op.toString()).as(op.getClass().getSimpleName())
                    .startsWith(OpWord.valueOf(camelToWord(op.getClass().getSimpleName())).word());
        }
        assertThat(new HashSet<>(ops)).hasSize(ops.size());
    }

    private static String camelToWord(String simpleName) {
        return simpleName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
