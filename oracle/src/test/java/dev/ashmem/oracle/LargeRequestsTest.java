package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The largest load and read there are (2^31 - 1 bytes of a 2 GiB mapping) answered by serve and replay
 * in a JVM of 256 MiB (256 MiB loads for the reference implementation, see {@link LargeRequestsChild}): results cost the memory of the bytes written, not of the length asked for.
 * Before results were run-length encoded this child died of OutOfMemoryError.
 */
class LargeRequestsTest {

    @Test
    void twoGibLoadsAndReadsFitASmallHeap() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LargeRequestsChild.class.getName())
                .redirectErrorStream(true);
        var p = pb.start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(output).isZero();
        var replies = output.lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertThat(replies.subList(1, 8)).as(output).containsExactly("0", "0", "1", "0",
                LargeRequestsChild.LOAD, LargeRequestsChild.READ, LargeRequestsChild.LOAD_AT_1); // the model
        assertThat(replies.subList(9, 15)).as(output).containsExactly("0", "0", "1", "0",
                LargeRequestsChild.REFERENCE_LOAD, LargeRequestsChild.REFERENCE_READ); // the reference implementation
        assertThat(replies.get(15)).as(output).isEqualTo("replay true");
        assertThat(Long.parseLong(replies.get(16).substring("heap ".length()))).isLessThanOrEqualTo(256L << 20);
    }
}
