package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --help} on the launcher's own bash commands prints their help and does nothing else: no
 * Maven run, no build (before, {@code test --help} printed Maven's help and {@code bench --help} started
 * a build). A stand-in {@code mvn} on the PATH records any call.
 */
class LauncherHelpTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("ashmem"); // tests run in cli/

    @TempDir
    Path dir;

    @ParameterizedTest(name = "./ashmem {0}")
    @CsvSource(delimiter = '|', value = {
            "test --help        | usage: ./ashmem test",
            "bench --help       | usage: ./ashmem bench",
            "bench -f 1 --help  | usage: ./ashmem bench",
            "jdk --help         | usage: ./ashmem jdk",
            "help               | usage: ./ashmem <command>",
            "--help             | usage: ./ashmem <command>",
    })
    void helpPrintsHelpAndRunsNothing(String args, String firstLine) throws Exception {
        Path marker = dir.resolve("mvn-was-called");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch '" + marker + "'\nexit 0\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        var command = new java.util.ArrayList<>(java.util.List.of("bash", LAUNCHER.toString()));
        command.addAll(java.util.List.of(args.strip().split(" ")));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        var p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).startsWith(firstLine);
        assertThat(marker).as("mvn was called").doesNotExist();
    }
}
