package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar's top-level command: it lists every tool and hands each its arguments untouched. */
class AshmemMainTest {
    private record Run(int status, String out, String err) {}

    @TempDir
    Path dir;

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = AshmemMain.run(new PrintStream(out, true), new PrintStream(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryTool() {
        var r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: ashmem").contains("campaign", "replay", "expect", "generate", "drive", "serve",
                "model-check", "stress", "--classpath");
    }

    @Test
    void noCommandOrAnUnknownOneExitsTwo() {
        assertThat(run().status()).isEqualTo(2);
        var r = run("frobnicate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument", "frobnicate");
    }

    @Test
    void aToolsOwnHelpAndOptionsPassThrough() {
        var help = run("model-check", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: model-check").contains("--scope");
        var bad = run("campaign", "--tries", "0");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).startsWith("Invalid value for option '--tries'");
    }

    @Test
    void replayRunsOnATraceFile() throws Exception {
        var trace = dir.resolve("t.trace");
        Files.writeString(trace, """
                ashmem-trace 1
                page-size 4096
                open -> 0
                ioctl 0 SET_SIZE 8192 -> 0
                ioctl 0 GET_SIZE -> 8192
                """);
        var ok = run("replay", trace.toString());
        assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
        Files.writeString(trace, Files.readString(trace).replace("GET_SIZE -> 8192", "GET_SIZE -> 4096"));
        assertThat(run("replay", trace.toString()).status()).isEqualTo(1);
    }
}
