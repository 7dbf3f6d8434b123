package dev.ashmem.cli.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.protocol.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ashmem mutate} and the Maven it starts, with a stand-in {@code mvn} on the PATH of a child JVM
 * (a temporary root, so no real report is touched): a SIGTERM ends Maven's processes too, and a PATH
 * without mvn is a one-line error.
 */
class MutateProcessTest {
    @TempDir
    Path root;

    private ProcessBuilder mutate(Path bin) throws Exception {
        Files.createDirectories(root.resolve("cli"));
        Files.writeString(root.resolve("cli/equivalent-mutants.txt"), "");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Dashmem.root=" + root, "-cp", System.getProperty("java.class.path"),
                MutateCommand.class.getName(), "model").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        return pb;
    }

    @Test
    void aSigtermEndsTheMavenItStarted() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path pids = root.resolve("pids");
        Files.writeString(bin.resolve("mvn"), """
                #!/bin/sh
                sleep 300 &
                echo "$$ $!" > '%s'
                wait
                """.formatted(pids));
        assertThat(bin.resolve("mvn").toFile().setExecutable(true)).isTrue();
        var p = mutate(bin).start();
        long[] maven = {};
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(pids) && Files.readString(pids).strip().contains(" ")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            maven = Arrays.stream(Files.readString(pids).strip().split(" ")).mapToLong(Long::parseLong).toArray();
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Arrays.stream(maven).anyMatch(Processes::running) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(Arrays.stream(maven).filter(Processes::running).boxed().toList()).as("Maven's processes left running").isEmpty();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Arrays.stream(maven).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void noMavenOnThePathIsOneLine() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        var pb = mutate(bin);
        pb.environment().put("PATH", bin.toString()); // nothing in it
        var p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).anyMatch(l -> l.startsWith("mutate model: cannot start Maven (") && l.endsWith("is mvn on the PATH?"));
        assertThat(out).doesNotContain("Exception", "\tat ");
    }
}
