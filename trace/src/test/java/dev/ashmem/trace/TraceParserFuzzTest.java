package dev.ashmem.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.pbt.Ctx;
import dev.ashmem.pbt.junit.Property;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The trace parser on hostile input ({@link TraceFuzz}): every input ends in traces or in a
 * {@link TraceSyntaxException} at {@code file:line:col}, never in another exception; what it accepts
 * prints and parses again.
 */
class TraceParserFuzzTest {
    private static final Pattern POSITION = Pattern.compile("fuzz\\.trace:[1-9][0-9]*:[1-9][0-9]*: .+", Pattern.DOTALL);

    /**
     * The contract for one input: traces that print and re-read, or a positioned syntax error. Each line
     * also goes through {@link TraceParser#parseLine} (the protocol's request form), so that lines after
     * the first error are tried too: a step that prints, or an error with its column.
     */
    static void parsesOrNamesThePlace(byte[] input) {
        try {
            for (var t : TraceParser.parseAll("fuzz.trace", input)) {
                TraceParser.parseAll("printed", TracePrinter.print(t));
            }
        } catch (TraceSyntaxException e) {
            if (!POSITION.matcher(e.getMessage()).matches()) {
                throw new AssertionError("error without file:line:col: " + e.getMessage(), e);
            }
        }
        for (var line : new String(input, StandardCharsets.UTF_8).split("\r?\n")) {
            try {
                var p = TraceParser.parseLine(line);
                TraceParser.parseLine(TracePrinter.step(p.step()));
            } catch (TraceSyntaxException e) {
                if (e.column() < 1 || e.reason().isBlank()) {
                    throw new AssertionError("error without a column: " + e.getMessage(), e);
                }
            }
        }
    }

    @Property(tries = 1000)
    void everyInputEndsInTracesOrAPositionedError(Ctx ctx) {
        var input = ctx.draw(TraceFuzz.FILES, "input");
        ctx.note(() -> "input as text:\n" + new String(input, StandardCharsets.UTF_8));
        parsesOrNamesThePlace(input);
    }

    @Test
    void aHugeResultOfAnIoctlPrintsAsRuns() {
        // Found by the property on a fresh clone: an ioctl's data result was always quoted, byte by byte (OOM).
        parsesOrNamesThePlace("ashmem-trace 1\nopen -> a\nioctl a SET_SIZE 1 -> hex:00{2147483647}\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCorpusParsesUnchanged() {
        assertThat(TraceFuzz.CORPUS).hasSizeGreaterThan(50);
        for (var text : TraceFuzz.CORPUS) {
            TraceParser.parseAll("corpus", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String parsedLine(String text) {
        var traces = TraceParser.parseAll("c.trace", text.getBytes(StandardCharsets.UTF_8));
        return TracePrinter.print(traces.getFirst());
    }

    @Test
    void whatACTestPrintsIsAccepted() {
        // a BOM, CRLF, upper-case protection and sharing, as C's printf or a Windows editor may write them
        var text = "\uFEFFashmem-trace 1\r\nopen -> 0\r\nioctl 0 SET_SIZE 4096 -> 0\r\nmmap 0 4096 RW- SHARED 0 -> 1\r\n"
                + "mmap 0 4096 R-X Private 0 -> 2\r\n";
        assertThat(parsedLine(text)).contains("mmap 0 4096 rw- shared 0 -> 1").contains("mmap 0 4096 r-x private 0 -> 2");
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLineAndColumn() {
        var bytes = "ashmem-trace 1\nopen -> 0\nioctl 0 SET_NAME \"ab".getBytes(StandardCharsets.UTF_8);
        var bad = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xc3;
        bad[bytes.length + 1] = (byte) 0x28;
        bad[bytes.length + 2] = '"';
        assertThatThrownBy(() -> TraceParser.parseAll("u.trace", bad)).isInstanceOf(TraceSyntaxException.class)
                .hasMessage("u.trace:3:21: invalid UTF-8 (0xc3): traces are UTF-8 text");
    }

    @Test
    void hexErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> TraceParser.parseLine("load 1 0 3 -> hex:000")).isInstanceOfSatisfying(TraceSyntaxException.class,
                e -> assertThat(e.column()).isEqualTo(21)).hasMessage("odd number of hex digits: '0' has no partner");
        assertThatThrownBy(() -> TraceParser.parseLine("load 1 0 3 -> hex:00{2147483648}"))
                .hasMessageContaining("repeat count too large: {2147483648} makes 2147483648 bytes, at most 2147483647");
        assertThatThrownBy(() -> TraceParser.parseLine("store 1 0 hex:00{99999999999999999999}"))
                .hasMessageContaining("repeat count too large").hasMessageContaining("at most " + ByteText.MAX_ARGUMENT);
        assertThatThrownBy(() -> TraceParser.parseLine("load 1 0 3 -> hex:0g")).hasMessageContaining("not a hex digit pair: '0g'");
        assertThatThrownBy(() -> TraceParser.parseLine("load 1 0 3 -> hex:{3}")).hasMessageContaining("must follow a hex digit pair");
        assertThatThrownBy(() -> TraceParser.parseLine("load 1 0 3 -> hex:00{x}")).hasMessageContaining("a repeat count is a decimal number");
    }

    @Test
    void theLargestResultCostsNoMemory() {
        var p = TraceParser.parseLine("load 1 0 2147483647 -> hex:00{2147483647}");
        assertThat(((Outcome.Data) p.outcome()).runs().literalBytes()).isZero();
        assertThat(((Outcome.Data) p.outcome()).runs().length()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aHundredMegabyteLineIsReadAndALongerThanTheLimitIsNamed() {
        String start = "ashmem-trace 1\nstore m 0 hex:";
        var sb = new StringBuilder(start);
        while (sb.length() < 100_000_000) {
            sb.append("0123456789abcdef");
        }
        int hexDigits = sb.length() - start.length();
        var trace = TraceParser.parse("big.trace", sb.append('\n').toString());
        assertThat(((Step.Store) trace.lines().getFirst().step()).data()).hasSize(hexDigits / 2);
        var tooLong = "open " + "#".repeat(TraceParser.MAX_LINE);
        assertThatThrownBy(() -> TraceParser.parse("long.trace", tooLong))
                .hasMessageStartingWith("long.trace:1:" + (TraceParser.MAX_LINE + 1) + ": line of");
    }
}
