package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Out of file descriptors (EMFILE, in a child JVM under {@code ulimit -n 256}): mmap, which creates the
 * backing memfd, fails with {@link OsLimitException} naming memfd_create and EMFILE (the driver surface
 * has no errno for it), not with IllegalStateException from deep inside; the device goes on working.
 */
class FdExhaustionTest {

    @Test
    void runningOutOfFileDescriptorsIsNamedAndSurvived() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = "ulimit -n 256 && exec \"$0\" --enable-native-access=ALL-UNNAMED -Xmx128m -cp \"$1\" " + FdExhaustionChild.class.getName();
        var p = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("memfd_create 24")
                .contains("mmap: the operating system refused memfd_create with EMFILE (too many open files in this process)")
                .contains("recovered 42");
    }
}
