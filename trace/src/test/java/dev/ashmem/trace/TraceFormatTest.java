package dev.ashmem.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.model.Command;
import dev.ashmem.model.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser reads back exactly what the printer writes, and says clearly what is wrong with a bad line. */
class TraceFormatTest {

    static final String EVERY_FORM = """
            # every line form of the format
            ashmem-trace 1
            page-size 4096
            results user
            names mapped
            caller rie
            profile mainline
            covers PIN-RET UNPIN-RET
            open -> a
            dup a -> 7
            close 7 -> 0
            ioctl a SET_NAME "n\\0\\x01\\"\\\\" -> 0
            ioctl a SET_NAME hex:41{3}42 -> 0
            ioctl a SET_NAME badptr -> -EFAULT
            ioctl a GET_NAME -> "AAAB\\0"
            ioctl a GET_NAME badptr -> -EFAULT
            ioctl a SET_SIZE 0xffffffffffffffff -> 0
            ioctl a SET_SIZE 65536 -> 0
            ioctl a GET_SIZE -> 65536
            ioctl a SET_PROT_MASK rw- [app] -> 0
            ioctl a SET_PROT_MASK 0x100000000 -> -EINVAL
            ioctl a GET_PROT_MASK -> 3
            ioctl a PIN 0 4096 -> -EINVAL
            ioctl a UNPIN badptr -> -EFAULT
            ioctl a GET_PIN_STATUS 4294963200 0 -> -EINVAL
            ioctl a PURGE_ALL_CACHES [cap,rie] -> 0
            ioctl a GET_FILE_ID -> -ENOTTY
            ioctl a 0x770b -> -ENOTTY
            ioctl a IOCTL 0x7704 -> -ENOTTY
            ioctl a 0x1000000007704 -> -ENOTTY
            mmap a 65536 rw- shared 0 -> 0x7f00aa000000
            mmap a 4096 0x8 private -4096 [cap] -> -EINVAL
            munmap 0x7f00aa000000 -> 0
            mprotect m r-x [rie] -> -ENOMEM
            load m -1 16 -> SIGSEGV
            store m 0 hex:00{4096} -> SIGSEGV
            store m 0 "text" -> SIGSEGV
            read a -1 -> -EINVAL
            read a 16 -> hex:
            llseek a 0 DATA -> -ENXIO
            llseek a -5 7 -> -EINVAL
            shrink_count -> 0
            shrink_scan 0xffffffffffffffff nofs -> 18446744073709551615
            shrink_scan 2  # a comment
            shrink_mark 0 -> 1
            shrink_punch 0 -> 0
            shrink_release 1
            ioctl a PIN 0 4096 -> blocked
            """;

    @Test
    void everyLineFormRoundTrips() {
        var t = TraceParser.parse("forms", EVERY_FORM);
        assertThat(t.lines()).hasSize(40);
        assertThat(t.header().covers()).containsExactly("PIN-RET", "UNPIN-RET");
        String printed = TracePrinter.print(t);
        var again = TraceParser.parse("forms", printed);
        assertThat(again.header()).isEqualTo(t.header());
        assertThat(steps(again)).isEqualTo(steps(t));
        assertThat(outcomes(again)).isEqualTo(outcomes(t));
        assertThat(TracePrinter.print(again)).isEqualTo(printed);
        assertThat(printed).contains("# a comment", "ioctl a SET_NAME \"n\\0\\x01\\\"\\\\\"", "store m 0 hex:00{4096}");
    }

    @Test
    void valuesAreReadAsWritten() {
        var t = TraceParser.parse("v", EVERY_FORM);
        assertThat(t.lines().get(3).step()).isEqualTo(new Step.Ioctl(new Name("a"),
                new Command.SetName(new byte[] {'n', 0, 1, '"', '\\'}, false), null));
        assertThat(((Step.Ioctl) t.lines().get(4).step()).cmd()).isEqualTo(new Command.SetName("AAAB".getBytes(), false));
        assertThat(((Step.Ioctl) t.lines().get(8).step()).cmd()).isEqualTo(new Command.SetSize(-1));
        assertThat(t.lines().get(34).outcome()).isEqualTo(new Outcome.Ret(-1));
        assertThat(t.lines().get(35).outcome()).isNull();
        assertThat(t.lines().get(35).comment()).isEqualTo("a comment");
        assertThat(t.lines().get(36).step()).isEqualTo(new Step.ShrinkMark(0));
        assertThat(t.lines().get(36).outcome()).isEqualTo(new Outcome.Ret(1));
        assertThat(t.lines().get(38).step()).isEqualTo(new Step.ShrinkRelease(1));
        assertThat(t.lines().get(39).outcome()).isEqualTo(new Outcome.Blocked());
        assertThat(((Step.Ioctl) t.lines().get(20).step()).cmd()).isEqualTo(new Command.Unknown(0x7704));
        assertThat(ByteText.parseHex("hex:6869{3}0a")).isEqualTo("hiii\n".getBytes());
        assertThat(dev.ashmem.model.TraceText.hex(new byte[12])).isEqualTo("hex:00{12}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pinn a 0 4096                   | 1: unknown operation 'pinn' (expected one of open, dup, close, ioctl
            ioctl a PINN 0 4096             | unknown ioctl command 'PINN' (expected one of SET_NAME
            ioctl a PIN 0                   | ioctl PIN: missing len
            ioctl a PIN 0 0x100000000       | expected len (u32): not a u32
            ioctl a SET_SIZE 12x            | expected size: not a number: 12x
            ioctl a SET_NAME "abc           | unterminated quoted string
            ioctl a 0x7704                  | 0x7704 is GET_SIZE: write its name
            open a                          | open: unexpected 'a'
            read a 5 [cap]                  | read takes no caller
            open -> a b                     | one result token after '->'
            ioctl a GET_SIZE -> banana      | expected a result (a number, -ERRNO such as -EINVAL
            mmap a 4096 rw- shered 0        | expected shared or private, found 'shered'
            load m 0 -1                     | expected length: not a length
            store m 0 hex:0                 | 15: odd number of hex digits: '0' has no partner
            ioctl a SET_PROT_MASK [root]    | unknown caller 'root'
            shrink_punch                    | shrink_punch: missing shrinker thread
            shrink_mark 0 [cap]             | shrink_mark takes no caller
            ioctl a SET_SIZE 0x\u0661\u0660   | expected size: not a 64-bit hex number
            ioctl a SET_NAME "\\x\u0661\u0660"  | \\x needs two hex digits in a quoted string
            store m 0 hex:\u0661\u0660        | not a hex digit pair
            """)
    void badLinesAreNamedWithTheirLineNumber(String line, String message) {
        String text = "ashmem-trace 1\nopen -> a\n" + line.strip() + "\n";
        assertThatThrownBy(() -> TraceParser.parse("bad.trace", text))
                .isInstanceOf(TraceSyntaxException.class)
                .hasMessageStartingWith("bad.trace:3:")
                .hasMessageContaining(message.strip());
    }

    /**
     * SET_NAME and store arguments are held as plain bytes: one input may hold 256 MiB of them (a 2 KB text
     * asked for 9.6 GB; 120 stores of 64 MiB in 4.6 KB ran replay out of heap with a stack trace).
     */
    @Test
    void theNamesAndStoresOfOneInputAreBounded() {
        String big = "ioctl a SET_NAME hex:41{" + ByteText.MAX_ARGUMENT + "}\n";
        String store = "store m 0 hex:41{" + ByteText.MAX_ARGUMENT + "}\n";
        String four = "ashmem-trace 1\nopen -> a\n" + big.repeat(2) + store.repeat(2);
        assertThat(TraceParser.parseAll("names.trace", four).getFirst().lines()).hasSize(5);
        for (String fifth : new String[] {big, store}) {
            assertThatThrownBy(() -> TraceParser.parseAll("names.trace", four + fifth))
                    .isInstanceOf(TraceSyntaxException.class)
                    .hasMessageStartingWith("names.trace:7:1:")
                    .hasMessageContaining("the SET_NAME and store arguments up to here add up to more than 256 MiB");
        }
    }

    /** spec/trace-format.md, byte strings: inside quotes U+0000..U+00FF is one byte of that value, anything else an error. */
    @Test
    void aQuotedCharacterIsTheByteOfItsValueUpToFf() {
        var t = TraceParser.parse("q", "open -> a\nioctl a SET_NAME \"caf\u00e9\\xc3\\xa9\"\n");
        var name = (dev.ashmem.model.Command.SetName) ((Step.Ioctl) t.lines().get(1).step()).cmd();
        assertThat(name.bytes()).containsExactly('c', 'a', 'f', 0xe9, 0xc3, 0xa9);
        assertThatThrownBy(() -> TraceParser.parse("q", "open -> a\nioctl a SET_NAME \"\u0101\"\n"))
                .isInstanceOf(TraceSyntaxException.class).hasMessageContaining("quoted strings hold bytes: use \\xHH");
    }

    @Test
    void headerMistakesAreNamed() {
        assertThatThrownBy(() -> TraceParser.parse("h", "open\npage-size 4096\n"))
                .hasMessageContaining("h:2:").hasMessageContaining("header line 'page-size' after the first operation");
        assertThatThrownBy(() -> TraceParser.parse("h", "page-size 4000\n")).hasMessageContaining("page-size must be 4096, 16384 or 65536");
        assertThatThrownBy(() -> TraceParser.parse("h", "ashmem-trace 2\n")).hasMessageContaining("this reader knows version 1");
        assertThatThrownBy(() -> TraceParser.parse("h", "profile windows\n")).hasMessageContaining("unknown profile 'windows'");
        assertThatThrownBy(() -> TraceParser.parse("h", "results both\n")).hasMessageContaining("results must be kernel or user");
        assertThatThrownBy(() -> TraceParser.parse("h", "platform x86-64+epan\n"))
                .hasMessageContaining("h:1:10").hasMessageContaining("unknown platform 'x86-64+epan'; known: x86-64[+pku]");
    }

    /** CTX-PLATFORM: x86-64 unless the header names another platform; only another one is printed. */
    @Test
    void thePlatformIsX8664UnlessTheHeaderNamesAnother() {
        assertThat(TraceParser.parse("p", "open -> 3\n").header().platform()).isEqualTo(Platform.X86_64);
        assertThat(TracePrinter.header(TraceHeader.defaults())).doesNotContain("platform");
        for (String word : new String[] {"x86-64+pku", "arm64", "arm64-va48+bti+epan"}) {
            var t = TraceParser.parse("p", "ashmem-trace 1\nplatform " + word + "\nopen -> 3\n");
            assertThat(t.header().platform()).isEqualTo(Platform.parse(word));
            String printed = TracePrinter.print(t);
            assertThat(printed).contains("\nplatform " + word + "\n");
            assertThat(TraceParser.parse("p", printed).header()).isEqualTo(t.header());
        }
    }

    private static List<Step> steps(Trace t) {
        return t.lines().stream().map(TraceLine::step).toList();
    }

    private static List<Outcome> outcomes(Trace t) {
        return t.lines().stream().map(TraceLine::outcome).toList();
    }
}
