package dev.ashmem.impl.benchcli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.bench.BandwidthRatio;
import dev.ashmem.impl.bench.PinCpuTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code ./ashmem bench ratio} and {@code bench cpu} refuse bad arguments with exit status 2 and a
 * one-line reason first (before, a bad number ended in a NumberFormatException's stack trace). Lives
 * outside {@code bench/}, which surefire skips.
 */
class BenchCommandLinesTest {

    @ParameterizedTest(name = "bench {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ratio | x 4           | 'x' is not an int",
            "ratio | 0             | BYTES must be 1..1073741824, not 0",
            "ratio | 1073741825    | BYTES must be 1..1073741824, not 1073741825",
            "ratio | 4096 3        | ROUNDS must be at least 4 (quartiles), not 3",
            "ratio | 4096 4 5      | Unmatched argument",
            "cpu   | \"\"            | Missing required parameters: 'ROUNDS', 'N'",
            "cpu   | 10            | Missing required parameter: 'N'",
            "cpu   | 3 1           | ROUNDS must be at least 4 (quartiles), not 3",
            "cpu   | 10 1 0        | N must be 1..10000000, not 0",
            "cpu   | 10 10000001   | N must be 1..10000000, not 10000001",
    })
    void badArgumentsExitTwoWithTheReasonFirst(String command, String args, String reason) {
        var err = new StringWriter();
        var cl = new CommandLine(command.equals("ratio") ? new BandwidthRatio() : new PinCpuTime());
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args.isBlank() ? new String[0] : args.strip().split(" +"));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElse("")).contains(reason);
    }

    @ParameterizedTest(name = "bench cpu {0}")
    @CsvSource({"4 1 3"})
    void aSmallRunPrintsOneLinePerRangeCount(String args) {
        var old = System.out;
        var buffer = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = new CommandLine(new PinCpuTime()).execute(args.split(" "));
        } finally {
            System.setOut(old);
        }
        assertThat(status).isZero();
        assertThat(buffer.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList())
                .hasSize(2)
                .allMatch(l -> l.matches("ranges=[13] pinThenUnpin cpu ns/op: median [0-9.]+, .*\\(4 batches of 20000; [01]\\)"));
    }
}
