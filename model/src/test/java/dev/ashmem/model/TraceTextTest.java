package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every operation, command and value prints as the line spec/trace-format.md gives it (sections 1, 3 and 4), so a
 * message that shows an operation shows a line {@code ashmem replay} runs. The trace module's tests read these lines
 * back; here each form is checked against the format's own text.
 */
class TraceTextTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }

    @Test
    @Exercises({"CTX-CALLER"})
    void everyOperationPrintsAsItsLineWithHandlesAndMappingsByNumber() {
        assertThat(new Op.Open()).hasToString("open");
        assertThat(new Op.Dup(3)).hasToString("dup 3");
        assertThat(new Op.Close(4)).hasToString("close 4");
        assertThat(new Op.Ioctl(0, new Command.GetSize(), Caller.APP)).hasToString("ioctl 0 GET_SIZE");
        assertThat(new Op.Ioctl(2, new Command.PurgeAllCaches(), Caller.ADMIN)).hasToString("ioctl 2 PURGE_ALL_CACHES [cap]");
        assertThat(new Op.Mmap(0, 16384, Prot.READ | Prot.WRITE, true, 0, Caller.APP)).hasToString("mmap 0 16384 rw- shared 0");
        assertThat(new Op.Mmap(1, 1L << 33, Prot.SEM, false, -4096, Caller.READ_IMPLIES_EXEC))
                .hasToString("mmap 1 0x200000000 0x8 private -4096 [rie]");
        assertThat(new Op.Munmap(1)).hasToString("munmap 1");
        assertThat(new Op.Mprotect(2, Prot.READ | Prot.EXEC, new Caller(true, true))).hasToString("mprotect 2 r-x [cap,rie]");
        assertThat(new Op.Mprotect(2, Prot.NONE, Caller.APP)).hasToString("mprotect 2 ---");
        assertThat(new Op.Load(1, -1, 16)).hasToString("load 1 -1 16");
        assertThat(new Op.Store(1, 4096, ascii("text"))).hasToString("store 1 4096 \"text\"");
        assertThat(new Op.Store(1, 0, new byte[4096])).hasToString("store 1 0 hex:00{4096}");
        assertThat(new Op.Store(1, 0, new byte[] {(byte) 0x80, 1})).hasToString("store 1 0 hex:8001");
        assertThat(new Op.Read(0, -1)).hasToString("read 0 -1");
        assertThat(new Op.Llseek(0, 0, Whence.SEEK_DATA)).hasToString("llseek 0 0 DATA");
        assertThat(new Op.Llseek(0, -5, 7)).hasToString("llseek 0 -5 7");
        assertThat(new Op.ShrinkCount()).hasToString("shrink_count");
        assertThat(new Op.ShrinkScan(2, true)).hasToString("shrink_scan 2");
        assertThat(new Op.ShrinkScan(-1, false)).hasToString("shrink_scan 0xffffffffffffffff nofs");
    }

    @Test
    void everyCommandPrintsItsWordThenItsArgument() {
        assertThat(Command.SetName.of("demo")).hasToString("SET_NAME \"demo\"");
        assertThat(Command.SetName.unreadable()).hasToString("SET_NAME badptr");
        assertThat(new Command.SetName(new byte[0], false)).hasToString("SET_NAME \"\"");
        assertThat(new Command.GetName(false)).hasToString("GET_NAME");
        assertThat(new Command.GetName(true)).hasToString("GET_NAME badptr");
        assertThat(new Command.SetSize(16384)).hasToString("SET_SIZE 16384");
        assertThat(new Command.SetSize(-1)).hasToString("SET_SIZE 0xffffffffffffffff");
        assertThat(new Command.GetSize()).hasToString("GET_SIZE");
        assertThat(new Command.SetProtMask(Prot.READ | Prot.WRITE)).hasToString("SET_PROT_MASK rw-");
        assertThat(new Command.SetProtMask(0)).hasToString("SET_PROT_MASK ---");
        assertThat(new Command.SetProtMask(Prot.SEM)).hasToString("SET_PROT_MASK 8");
        assertThat(new Command.SetProtMask((1L << 40) | Prot.READ)).hasToString("SET_PROT_MASK 0x10000000001");
        assertThat(new Command.GetProtMask()).hasToString("GET_PROT_MASK");
        assertThat(Command.pin(0, 4096)).hasToString("PIN 0 4096");
        assertThat(Command.unpin(4096, 8192)).hasToString("UNPIN 4096 8192");
        assertThat(Command.pinStatus(4294963200L, 0)).hasToString("GET_PIN_STATUS 4294963200 0");
        assertThat(new Command.Unpin(Command.PinArg.unreadable())).hasToString("UNPIN badptr");
        assertThat(new Command.GetPinStatus(Command.PinArg.unreadable())).hasToString("GET_PIN_STATUS badptr");
        assertThat(new Command.PurgeAllCaches()).hasToString("PURGE_ALL_CACHES");
        assertThat(Command.PinArg.of(8192, 4096)).hasToString("8192 4096");
    }

    @Test
    void anUnknownCommandIsItsNumberAndAMainlineNumberTakesTheRawForm() {
        // section 3: a number that is no mainline command's is written bare ...
        assertThat(new Command.Unknown(0x770b)).hasToString("0x770b");
        assertThat(new Command.Unknown(0x1000000007704L)).hasToString("0x1000000007704");
        // ... a mainline command's number as IOCTL NUMBER, so it is not read back as that command ...
        assertThat(new Command.Unknown(CommandWord.GET_SIZE.number())).hasToString("IOCTL 0x7704");
        assertThat(new Command.Unknown(CommandWord.SET_NAME.number())).hasToString("IOCTL 0x41007701");
        // ... and the Rust driver's GET_FILE_ID by its word
        assertThat(new Command.Unknown(0x8008770bL)).hasToString("GET_FILE_ID");
        assertThat(new Op.Ioctl(3, new Command.Unknown(0x770b), Caller.APP)).hasToString("ioctl 3 0x770b");
    }

    @Test
    void unsignedNumbersAreDecimalUpToTwoToTheThirtyTwoAndHexBeyond() {
        assertThat(TraceText.unsigned(0)).isEqualTo("0");
        assertThat(TraceText.unsigned(1L << 32)).isEqualTo("4294967296");
        assertThat(TraceText.unsigned((1L << 32) + 1)).isEqualTo("0x100000001");
        assertThat(TraceText.unsigned(Long.MIN_VALUE)).isEqualTo("0x8000000000000000");
        assertThat(TraceText.unsigned(-1)).isEqualTo("0xffffffffffffffff");
        assertThat(TraceText.signed(-1)).isEqualTo("-1");
        assertThat(TraceText.signed(1L << 40)).isEqualTo("1099511627776");
    }

    @Test
    void protectionsAreRwxStyleUnlessOtherBitsAreSet() {
        assertThat(TraceText.prot(Prot.NONE)).isEqualTo("---");
        assertThat(TraceText.prot(Prot.READ)).isEqualTo("r--");
        assertThat(TraceText.prot(Prot.WRITE)).isEqualTo("-w-");
        assertThat(TraceText.prot(Prot.EXEC)).isEqualTo("--x");
        assertThat(TraceText.prot(Prot.ALL)).isEqualTo("rwx");
        assertThat(TraceText.prot(Prot.SEM | Prot.READ)).isEqualTo("0x9");
        assertThat(TraceText.prot(Prot.GROWSDOWN)).isEqualTo("0x1000000");
        assertThat(Prot.format(Prot.WRITE | Prot.EXEC)).isEqualTo("-wx");
        assertThat(Prot.format(1L << 32)).isEqualTo("0x100000000");
        assertThat(TraceText.kind(true)).isEqualTo("shared");
        assertThat(TraceText.kind(false)).isEqualTo("private");
    }

    @Test
    void whencesAreNamedAndOtherOriginsAreNumbers() {
        assertThat(TraceText.whence(Whence.SEEK_SET)).isEqualTo("SET");
        assertThat(TraceText.whence(Whence.SEEK_CUR)).isEqualTo("CUR");
        assertThat(TraceText.whence(Whence.SEEK_END)).isEqualTo("END");
        assertThat(TraceText.whence(Whence.SEEK_DATA)).isEqualTo("DATA");
        assertThat(TraceText.whence(Whence.SEEK_HOLE)).isEqualTo("HOLE");
        assertThat(TraceText.whence(-1)).isEqualTo("-1");
        assertThat(TraceText.whence(5)).isEqualTo("5");
    }

    @Test
    @Exercises({"CTX-CALLER"})
    void callersAreAppCapRieOrBothAndAnAppIsNotWrittenPerLine() {
        assertThat(TraceText.caller(Caller.APP)).isEqualTo("app");
        assertThat(TraceText.caller(Caller.ADMIN)).isEqualTo("cap");
        assertThat(TraceText.caller(Caller.READ_IMPLIES_EXEC)).isEqualTo("rie");
        assertThat(TraceText.caller(new Caller(true, true))).isEqualTo("cap,rie");
        assertThat(Caller.ADMIN).hasToString("cap");
        assertThat(TraceText.callerSuffix(null)).isEmpty();
        assertThat(TraceText.callerSuffix(Caller.APP)).isEqualTo(" [app]");
        assertThat(TraceText.callerSuffix(Caller.READ_IMPLIES_EXEC)).isEqualTo(" [rie]");
        assertThat(TraceText.explicit(Caller.APP)).isNull();
        assertThat(TraceText.explicit(new Caller(false, false))).isNull();
        assertThat(TraceText.explicit(Caller.ADMIN)).isEqualTo(Caller.ADMIN);
        assertThat(new Op.Ioctl(0, new Command.GetSize(), new Caller(false, false))).hasToString("ioctl 0 GET_SIZE");
    }

    @Test
    void quotedStringsEscapeCStyle() {
        assertThat(TraceText.quote(new byte[0])).isEqualTo("\"\"");
        assertThat(TraceText.quote(ascii("dev/ashmem\0"))).isEqualTo("\"dev/ashmem\\0\"");
        assertThat(TraceText.quote(ascii("a\nb\tc"))).isEqualTo("\"a\\nb\\tc\"");
        assertThat(TraceText.quote(ascii("say \"hi\" \\o/"))).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        // printable ASCII is 0x20 to 0x7e; everything else, \r included, is \xHH
        assertThat(TraceText.quote(ascii(" ~"))).isEqualTo("\" ~\"");
        assertThat(TraceText.quote(new byte[] {0x1f, 0x7f, '\r', (byte) 0xff, (byte) 0x80}))
                .isEqualTo("\"\\x1f\\x7f\\x0d\\xff\\x80\"");
    }

    @Test
    void hexStringsWriteEveryByteAsTwoDigitsAndRunsOfEightOrMoreAsACount() {
        assertThat(TraceText.hex(new byte[0])).isEqualTo("hex:");
        assertThat(TraceText.hex(new byte[] {0x0f, (byte) 0xf0, (byte) 0xff, 0x00, 0x5a}))
                .isEqualTo("hex:0ff0ff005a");
        assertThat(TraceText.hex(new byte[7])).isEqualTo("hex:00000000000000");
        assertThat(TraceText.hex(new byte[8])).isEqualTo("hex:00{8}");
        assertThat(TraceText.hex(new byte[4096])).isEqualTo("hex:00{4096}");
        byte[] mixed = new byte[2 + 10 + 1];
        mixed[0] = 0x68;
        mixed[1] = 0x69;
        Arrays.fill(mixed, 2, 12, (byte) 0xab);
        mixed[12] = 0x01;
        assertThat(TraceText.hex(mixed)).isEqualTo("hex:6869ab{10}01");
        // a 2 GiB load of untouched memory costs a few characters
        assertThat(TraceText.hex(ByteRuns.zeros(Integer.MAX_VALUE))).isEqualTo("hex:00{2147483647}");
        assertThat(TraceText.hex(ByteRuns.of(filled(100, (byte) 0xc3)))).isEqualTo("hex:c3{100}");
    }

    @Test
    void bytesAreQuotedWhenTextualElseHex() {
        assertThat(TraceText.bytes(ascii("hello"))).isEqualTo("\"hello\"");
        assertThat(TraceText.bytes(ascii("name\0"))).isEqualTo("\"name\\0\"");
        assertThat(TraceText.bytes(new byte[0])).isEqualTo("hex:");
        assertThat(TraceText.bytes(new byte[] {'a', 0x7f})).isEqualTo("hex:617f");
        assertThat(TraceText.bytes(new byte[] {'a', '\n'})).isEqualTo("hex:610a");
        assertThat(TraceText.bytes(filled(300, (byte) 'a'))).startsWith("\"aaa").hasSize(302);
        assertThat(TraceText.bytes(filled(301, (byte) 'a'))).isEqualTo("hex:61{301}");
    }

    @Test
    void textualAllowsNulsPrintableDoesNotAndBothAreShortAndNonEmpty() {
        assertThat(TraceText.textual(ascii("a\0b"))).isTrue();
        assertThat(TraceText.printable(ascii("a\0b"))).isFalse();
        assertThat(TraceText.textual(ascii(" ~"))).isTrue();
        assertThat(TraceText.printable(ascii(" ~"))).isTrue();
        for (byte b : new byte[] {0x1f, 0x7f, (byte) 0x80, (byte) 0xff, '\n'}) {
            assertThat(TraceText.textual(new byte[] {'a', b})).as("textual %02x", b).isFalse();
            assertThat(TraceText.printable(new byte[] {'a', b})).as("printable %02x", b).isFalse();
        }
        assertThat(TraceText.textual(new byte[0])).isFalse();
        assertThat(TraceText.printable(new byte[0])).isFalse();
        assertThat(TraceText.textual(filled(300, (byte) 'x'))).isTrue();
        assertThat(TraceText.printable(filled(300, (byte) 'x'))).isTrue();
        assertThat(TraceText.textual(filled(301, (byte) 'x'))).isFalse();
        assertThat(TraceText.printable(filled(301, (byte) 'x'))).isFalse();
        // the run-length forms decide the same without expanding a long string
        assertThat(TraceText.textual(ByteRuns.of(filled(300, (byte) 0)))).isTrue();
        assertThat(TraceText.textual(ByteRuns.of(filled(301, (byte) 0)))).isFalse();
        assertThat(TraceText.textual(ByteRuns.zeros(Integer.MAX_VALUE))).isFalse();
        assertThat(TraceText.textual(ByteRuns.of(new byte[] {'a', (byte) 0x80}))).isFalse();
        assertThat(TraceText.printable(ByteRuns.of(filled(300, (byte) 'x')))).isTrue();
        assertThat(TraceText.printable(ByteRuns.of(filled(301, (byte) 'x')))).isFalse();
        assertThat(TraceText.printable(ByteRuns.zeros(Integer.MAX_VALUE))).isFalse();
        assertThat(TraceText.printable(ByteRuns.of(ascii("a\0")))).isFalse();
    }
}
