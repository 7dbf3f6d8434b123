package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ashmem stress} stopped by SIGTERM while jcstress runs, as the launcher runs it (a JVM on the
 * shaded jar): exit 143, a summary marked interrupted (no verdict, not FAILED), the console so far kept,
 * and no process left (jcstress' JVM and its forks included).
 */
class StressInterruptIT {
    @TempDir
    Path dir;

    private Process stress;

    @AfterEach
    void noProcessIsLeftEvenWhenTheTestFails() {
        if (stress != null) {
            stress.descendants().forEach(ProcessHandle::destroyForcibly);
            stress.destroyForcibly();
        }
    }

    @Test
    void sigtermWhileJcstressRunsEndsTheTreeAndPrintsTheSummarySoFar() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("stress.jar", "target/jcstress.jar")).toAbsolutePath().toString();
        Path log = dir.resolve("out.log");
        stress = new ProcessBuilder(java, "-cp", jar, StressMain.class.getName(), "--mode", "smoke", "--results", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // SIGTERM, not SIGINT: a test run in the background inherits SIGINT ignored, and so would the child.
        // The stress JVM, jcstress' JVM below it, and a forked test JVM below that.
        Set<Long> seen = new TreeSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // One snapshot of the tree per look: a forked test JVM may end between two looks, and the pids
        // kept must be those that showed the grandchild.
        while (true) {
            var tree = stress.descendants().toList();
            tree.forEach(d -> seen.add(d.pid()));
            if (tree.stream().anyMatch(d -> d.parent().map(p -> p.pid() != stress.pid()).orElse(false))) {
                break;
            }
            assertThat(System.nanoTime()).as("jcstress forking a test JVM:\n%s", Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(stress.pid())).start().waitFor()).isZero();

        assertThat(stress.waitFor(30, TimeUnit.SECONDS)).as("one SIGTERM ends the run").isTrue();
        String out = Files.readString(log);
        assertThat(stress.exitValue()).as(out).isEqualTo(143);
        assertThat(out).containsPattern("ashmem stress summary \\(interrupted\\): no verdict; jcstress so far: .*"
                        + "FORBIDDEN outcomes seen so far: none; jcstress' output so far is in .*console\\.log")
                .doesNotContain("verdict: FAILED", "stress: interrupted", "Exception");
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.stream().anyMatch(dev.ashmem.oracle.protocol.Processes::running)) {
            assertThat(System.nanoTime()).as("every process the stress run started to end").isLessThan(end);
            Thread.sleep(50);
        }
        try (var runs = Files.list(dir)) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            assertThat(Files.readString(run.resolve("console.log"))).contains("Java Concurrency Stress Tests");
        }
    }
}
