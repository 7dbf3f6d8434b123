package dev.ashmem.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.CommandWord;
import dev.ashmem.model.Op;
import dev.ashmem.model.OpWord;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Whence;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary: a model operation prints ({@code Op.toString()}) exactly the trace line the trace
 * printer writes for it, the parser reads that line back to the same operation, and every word of the
 * model's {@link OpWord} and {@link CommandWord} is read and written.
 */
class VocabularyTest {

    static final List<Op> EVERY_OP = List.of(
            new Op.Open(), new Op.Dup(3), new Op.Close(4),
            new Op.Ioctl(0, Command.SetName.of("ab\"\\\0"), Caller.APP),
            new Op.Ioctl(0, Command.SetName.unreadable(), Caller.APP),
            new Op.Ioctl(0, new Command.GetName(false), Caller.READ_IMPLIES_EXEC),
            new Op.Ioctl(0, new Command.GetName(true), Caller.APP),
            new Op.Ioctl(0, new Command.SetSize(-1), Caller.APP),
            new Op.Ioctl(0, new Command.SetSize(16384), Caller.APP),
            new Op.Ioctl(0, new Command.GetSize(), Caller.APP),
            new Op.Ioctl(0, new Command.SetProtMask(Prot.READ | Prot.EXEC), new Caller(true, true)),
            new Op.Ioctl(0, new Command.SetProtMask(1L << 40), Caller.APP),
            new Op.Ioctl(0, new Command.GetProtMask(), Caller.APP),
            new Op.Ioctl(0, Command.pin(0, 4096), Caller.APP),
            new Op.Ioctl(0, Command.unpin(4096, 0), Caller.APP),
            new Op.Ioctl(0, new Command.Unpin(Command.PinArg.unreadable()), Caller.APP),
            new Op.Ioctl(0, Command.pinStatus(0xfffff000L, 0), Caller.APP),
            new Op.Ioctl(0, new Command.PurgeAllCaches(), Caller.ADMIN),
            new Op.Ioctl(0, new Command.Unknown(CommandWord.GET_FILE_ID.number()), Caller.APP),
            new Op.Ioctl(0, new Command.Unknown(0x7704), Caller.APP),
            new Op.Ioctl(0, new Command.Unknown(0x1234), Caller.APP),
            new Op.Mmap(0, 1L << 33, Prot.READ | Prot.WRITE, true, 0, Caller.APP),
            new Op.Mmap(0, 4096, 8, false, -4096, Caller.ADMIN),
            new Op.Munmap(1), new Op.Mprotect(1, Prot.READ, Caller.READ_IMPLIES_EXEC),
            new Op.Load(1, -1, 16), new Op.Store(1, 0, new byte[4096]), new Op.Store(1, 8, "text".getBytes()),
            new Op.Store(1, 0, new byte[] {1, 2, (byte) 0xff}),
            new Op.Read(0, -1), new Op.Llseek(0, -5, Whence.SEEK_DATA), new Op.Llseek(0, 0, 7),
            new Op.ShrinkCount(), new Op.ShrinkScan(-1, false), new Op.ShrinkScan(2, true));

    @Test
    void anOperationPrintsAsTheTraceLineAndParsesBack() {
        for (var op : EVERY_OP) {
            var step = Traces.step(op);
            assertThat(op.toString()).isEqualTo(TracePrinter.step(step));
            var parsed = TraceParser.parseLine(op.toString()).step();
            assertThat(parsed).as(op.toString()).isEqualTo(step);
            assertThat(Traces.op(parsed, Caller.APP)).as(op.toString()).isEqualTo(op);
        }
    }

    @Test
    void everyWordIsWrittenAndRead() {
        var opWords = EnumSet.noneOf(OpWord.class);
        var commandWords = EnumSet.noneOf(CommandWord.class);
        for (var op : EVERY_OP) {
            var step = TraceParser.parseLine(op.toString()).step();
            opWords.add(step.word());
            if (op instanceof Op.Ioctl i) {
                commandWords.add(i.cmd().word());
            }
        }
        for (var s : List.<Step>of(new Step.ShrinkMark(0), new Step.ShrinkPunch(1), new Step.ShrinkRelease(2))) {
            assertThat(TraceParser.parseLine(TracePrinter.step(s)).step()).isEqualTo(s);
            opWords.add(s.word());
        }
        assertThat(opWords).containsExactlyInAnyOrder(OpWord.values());
        assertThat(commandWords).containsExactlyInAnyOrder(CommandWord.values());
        assertThat(TraceParser.OPERATIONS).contains("shrink_mark", "shrink_scan");
    }

    @Test
    void commandsPrintTheirTraceText() {
        assertThat(new Command.SetSize(16384)).hasToString("SET_SIZE 16384");
        assertThat(Command.pin(0, 4096)).hasToString("PIN 0 4096");
        assertThat(new Command.Unknown(0x7704)).hasToString("IOCTL 0x7704");
        assertThat(new Op.Ioctl(0, new Command.GetSize(), Caller.APP)).hasToString("ioctl 0 GET_SIZE");
        assertThat(new Op.Mmap(0, 8192, 3, true, 0, Caller.APP)).hasToString("mmap 0 8192 rw- shared 0");
    }
}
