package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that runs out of heap says so in one line and exits 2 (before: picocli let the Error through, a stack trace). */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aTraceLargerThanTheHeapIsOneLineAndExitTwo() throws Exception {
        // 40 MB of a valid trace (under the 256 MiB an input may be), replayed in a heap of 16 MB.
        Path trace = dir.resolve("big.trace");
        try (var w = Files.newBufferedWriter(trace)) {
            w.write("ashmem-trace 1\npage-size 4096\nresults kernel\nnames mapped\ncaller app\nprofile mainline\nopen -> a\n");
            String line = "ioctl a GET_SIZE -> 0\n";
            for (long n = 0; n < (40L << 20) / line.length(); n++) {
                w.write(line);
            }
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var p = new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), OracleMain.class.getName(),
                "replay", trace.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err;
        try {
            err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        var lines = err.lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertThat(lines).as(err).hasSize(1);
        assertThat(lines.getFirst()).matches("ashmem replay: out of memory \\(a heap of \\d+ MB\\): ask for less "
                + "\\(fewer or shorter traces\\) or give the JVM more \\(ASHMEM_JAVA_OPTS=-Xmx\\.\\.\\.\\)");
        assertThat(p.exitValue()).isEqualTo(2);
    }
}
