package dev.ashmem.oracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM that reaches drive's JVM right after it spawned an implementation, before the client
 * around it exists, still ends the implementation's process group. Before, the process was registered
 * for the shutdown hook only in the client's constructor: a CI run left four processes of a test server
 * running (DriveTest's SIGTERM test on a loaded machine).
 */
class ProcessClientShutdownTest {
    @Test
    void aSigtermBetweenTheSpawnAndTheClientEndsTheImplementation(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        Path server = dir.resolve("server.sh");
        Files.writeString(server, """
                #!/bin/sh
                sleep 300 </dev/null >/dev/null 2>&1 &
                echo "$$ $!" > '%s'
                echo "ashmem-protocol 1 page-size 4096 profile mainline"
                sleep 300
                """.formatted(pids));
        assertThat(server.toFile().setExecutable(true)).isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowStartChild.class.getName(), server.toString())
                .redirectErrorStream(true).start();
        try {
            var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("spawned");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(pids) && Files.readString(pids).strip().contains(" ")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long[] serverPids = Arrays.stream(Files.readString(pids).strip().split(" ")).mapToLong(Long::parseLong).toArray();
            assertThat(Processes.running(serverPids[0])).isTrue();
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((Processes.running(serverPids[0]) || Processes.running(serverPids[1])) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(Processes.running(serverPids[0])).as("the server's shell").isFalse();
            assertThat(Processes.running(serverPids[1])).as("the server's background child").isFalse();
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            if (Files.exists(pids)) {
                for (String pid : Files.readString(pids).strip().split(" ")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    @Test
    void theShutdownEndsImplementationsThatIgnoreSigtermTogetherNotOneGraceEach(@TempDir Path dir) throws Exception {
        Path server = dir.resolve("stubborn.sh");
        Files.writeString(server, """
                #!/bin/sh
                trap '' TERM
                echo $$ >> '%s'
                echo "ashmem-protocol 1 page-size 4096 profile mainline"
                while true; do sleep 1; done
                """.formatted(dir.resolve("pids")));
        assertThat(server.toFile().setExecutable(true)).isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long grace = 3_000;
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StubbornServersChild.class.getName(),
                server.toString(), "3", Long.toString(grace)).redirectErrorStream(true).start();
        try {
            var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");
            long t0 = System.nanoTime();
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor()).isZero();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // one grace, then SIGKILL; one after the other they took three
            assertThat(took).as("ms to end three implementations that ignore SIGTERM").isLessThan(2 * grace);
            for (String pid : Files.readAllLines(dir.resolve("pids"))) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (Processes.running(Long.parseLong(pid.strip())) && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(Processes.running(Long.parseLong(pid.strip()))).as("server %s", pid).isFalse();
            }
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }
}
