package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ashmem replay DIR/*}: the traces are replayed; a README and a subdirectory are skipped with a note. */
class ReplayGlobTest {
    @TempDir
    Path dir;

    @Test
    void aReadmeAndADirectoryBesideTheTracesAreSkipped() throws Exception {
        var good = Files.writeString(dir.resolve("good.trace"), "open -> 3\nioctl 3 GET_SIZE -> 0\n");
        var readme = Files.writeString(dir.resolve("README.md"), "# Corpus\n\nOne trace per rule.\n");
        var sub = Files.createDirectories(dir.resolve("broken"));
        var r = CliTest.run("replay", good.toString(), readme.toString(), sub.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 trace(s): 1 matched, 0 did not; 2 file(s) skipped");
        assertThat(r.err()).contains("skipping " + readme + ": not a trace", "skipping " + sub + ": a directory");
        CliTest.noStackTrace(r);
    }

    @Test
    void aBrokenTraceFileIsStillAnError() throws Exception {
        var broken = Files.writeString(dir.resolve("broken.trace"), "# Corpus\n\nOne trace per rule.\n");
        var r = CliTest.run("replay", broken.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("broken.trace:3:1: unknown operation 'One'").doesNotContain("skipping");
    }

    @Test
    void nothingButNonTracesIsAnError() throws Exception {
        var readme = Files.writeString(dir.resolve("README.md"), "# Corpus\n");
        var r = CliTest.run("replay", readme.toString(), dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no traces among the files given");
    }

    /** A trace without results matches any implementation: replaying only such traces checked nothing (it exited 0). */
    @Test
    void tracesWithoutResultsCheckNothingAndSaySo() throws Exception {
        var bare = Files.writeString(dir.resolve("bare.trace"), "ashmem-trace 1\nopen\nioctl 0 GET_SIZE\n");
        var header = Files.writeString(dir.resolve("header.trace"), "ashmem-trace 1\n");
        var r = CliTest.run("replay", bare.toString(), header.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no result to check: no line of the 2 trace(s) has '-> result' (./ashmem expect writes them)");
        var good = Files.writeString(dir.resolve("good.trace"), "open -> 3\n");
        assertThat(CliTest.run("replay", bare.toString(), good.toString()).code()).as("one result checked").isZero();
        var e = CliTest.run("expect", header.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).contains("holds no trace line to give results to");
        CliTest.noStackTrace(r);
    }

    /** An input over the limit (spec/trace-format.md) is one line, not a heap exhausted or a hang; so is endless input. */
    @Test
    void anInputTooLargeOrEndlessIsOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var big = dir.resolve("big.trace");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB of zeros (Files.readAllBytes threw OutOfMemoryError)
        }
        var r = CliTest.run("replay", big.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("big.trace is larger than 256 MiB, the most one input may be (split it)");
        CliTest.noStackTrace(r);
        var e = CliTest.run("expect", "/dev/zero");
        assertThat(e.code()).isEqualTo(1);
        assertThat(e.err()).contains("/dev/zero is larger than 256 MiB");
    }

    /** A shrinker thread's steps out of their order are the trace's fault, not the model's. */
    @Test
    void shrinkerStepsOutOfOrderAreAMalformedTrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var t = dir.resolve("order.trace");
        java.nio.file.Files.writeString(t, "shrink_mark 0 -> 0\nshrink_punch 0 -> 0\n");
        var r = CliTest.run("replay", t.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("line 2: a malformed trace: 'shrink_punch 0': the shrinker thread has no marked range to punch")
                .doesNotContain("the model failed", "java.lang");
    }

    /** Where output cannot go, the message says why, not only the path. */
    @Test
    void anUnwritableOutputSaysWhy() throws Exception {
        var t = dir.resolve("in.trace");
        Files.writeString(t, "open\n");
        var r = CliTest.run("expect", "-o", dir.resolve("no/such/dir/x.trace").toString(), t.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("x.trace: no such file or directory");
        var file = Files.writeString(dir.resolve("afile"), "");
        var g = CliTest.run("generate", "--seed", "1", "--count", "1", "--out", file.toString());
        assertThat(g.code()).isEqualTo(2);
        assertThat(g.err()).contains("afile: already exists (and is not a directory)");
        CliTest.noStackTrace(g);
    }
}
