package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * drive against implementations in separate processes: the reference implementation and the model's
 * profiles behind {@code serve}, the memfd C example, and servers that misbehave.
 */
class DriveTest {
    static final Path C_SOURCE = Path.of("..", "examples", "memfd-ashmem", "memfd_ashmem.c");
    static final Path C_BINARY = Path.of("target", "memfd-ashmem");

    /** The oracle's own main class in a new JVM, with this test's class path. */
    static String oracle(String args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java + " --enable-native-access=ALL-UNNAMED -cp " + cp + " dev.ashmem.oracle.OracleMain " + args;
    }

    static CliTest.Run drive(String command, String... options) {
        var args = new java.util.ArrayList<String>();
        args.add("drive");
        args.add("--command");
        args.add(command);
        args.addAll(java.util.List.of(options));
        return CliTest.run(args.toArray(String[]::new));
    }

    /** Builds the C example into target/ with gcc; empty when gcc is not there. */
    static synchronized boolean buildC() throws IOException, InterruptedException {
        if (Files.isExecutable(C_BINARY) && Files.getLastModifiedTime(C_BINARY).compareTo(Files.getLastModifiedTime(C_SOURCE)) > 0) {
            return true;
        }
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-o", C_BINARY.toString(), C_SOURCE.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return false; // no gcc
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("gcc on memfd_ashmem.c:\n" + output).isZero();
        return true;
    }

    static void requireC() throws Exception {
        Assumptions.assumeTrue(buildC(), "gcc not found: examples/memfd-ashmem is not built, its drive tests are skipped");
    }

    @Test
    void theReferenceImplementationAsAProcessPasses() {
        String problem = Implementations.referenceProblem();
        Assumptions.assumeTrue(problem == null, () -> "reference implementation unavailable: " + problem);
        var r = drive(oracle("serve --impl reference"), "--seed", "11", "--sequences", "80", "--steps", "40");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("drive: passed 80 sequences", "(reference) under profile mainline");
    }

    @Test
    void aRustServerUnderTheMainlineProfileIsRecognised() {
        var r = drive(oracle("serve --impl model --profile rust-2024"), "--profile", "mainline", "--seed", "3", "--sequences", "100");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("drive: FAILED", "minimal failing trace", "diverges from profile mainline",
                "this behaviour matches profile rust-2024");
        CliTest.noStackTrace(r);
    }

    @Test
    void theMemfdExamplePassesUnderTheMemfdProfile() throws Exception {
        requireC();
        var r = drive(C_BINARY.toString(), "--seed", "5", "--sequences", "150", "--steps", "40");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("drive: passed 150 sequences", "(memfd-ashmem.c) under profile memfd");
    }

    /**
     * CTX-PLATFORM: a server whose memory is x86-64's with protection keys (a PROT_EXEC-only mapping is
     * execute-only) passes under the platform its hello names and fails under plain x86-64, and the minimal
     * trace replays clean once its header names the platform.
     */
    @Test
    void thePlatformTheHelloNamesIsTheOneExpected() throws Exception {
        String server = oracle("serve --impl model --profile memfd --platform x86-64+pku");
        var r = drive(server, "--seed", "5", "--sequences", "150", "--steps", "40");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("drive: passed 150 sequences", "under profile memfd on x86-64+pku");
        var plain = drive(server, "--platform", "x86-64", "--seed", "5", "--sequences", "150", "--steps", "40");
        assertThat(plain.code()).as(plain.out()).isEqualTo(1);
        assertThat(plain.out()).contains("diverges from profile memfd", "observed: SIGSEGV");
        CliTest.noStackTrace(plain);
        String trace = plain.out().substring(plain.out().indexOf("# minimal failing sequence"), plain.out().indexOf("\nminimal failing trace:"));
        assertThat(trace).doesNotContain("platform");
        var f = Files.createTempFile("exec-only", ".trace");
        try {
            Files.writeString(f, trace);
            assertThat(CliTest.run("replay", f.toString()).code()).isEqualTo(1);
            Files.writeString(f, trace.replace("\ncaller app\n", "\ncaller app\nplatform x86-64+pku\n"));
            var again = CliTest.run("replay", f.toString());
            assertThat(again.code()).as(again.out()).isZero();
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void theMemfdExampleFailsUnderTheMainlineProfileWithAReadableReport() throws Exception {
        requireC();
        var r = drive(C_BINARY.toString(), "--profile", "mainline", "--seed", "5", "--sequences", "150", "--steps", "40");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("drive: FAILED against", "under profile mainline", "minimal failing trace",
                "profile mainline", "diverges from profile mainline", "expected:", "observed:", "deciding rule:",
                "this behaviour matches profile memfd");
        CliTest.noStackTrace(r);
        // the printed minimal trace replays to the same divergence
        String trace = r.out().substring(r.out().indexOf("# minimal failing sequence"), r.out().indexOf("\nminimal failing trace:"));
        var f = Files.createTempFile("minimal", ".trace");
        Files.writeString(f, trace);
        var replay = CliTest.run("replay", f.toString());
        assertThat(replay.code()).isEqualTo(1);
        assertThat(replay.out()).contains("diverges from profile mainline", "this behaviour matches profile memfd");
        assertThat(CliTest.run("replay", "--profile", "memfd", f.toString()).code()).isZero();
        Files.delete(f);
    }

    @Test
    void malformedRepliesAreReported() {
        var r = drive("printf 'ashmem-protocol 1 page-size 4096\\n'; while read l; do echo banana; done",
                "--seed", "1", "--sequences", "5", "--shrink-time", "2s");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("malformed reply 'banana' to '", "found 'banana'", "# no valid reply");
        CliTest.noStackTrace(r);
        r = drive("printf 'ashmem-protocol 1 page-size 4096\\n'; while read l; do echo 'error no idea'; done",
                "--seed", "1", "--sequences", "5", "--shrink-time", "2s");
        assertThat(r.out()).contains("the implementation refused the request: error no idea");
    }

    @Test
    void aHungImplementationTimesOutAndIsStopped() {
        long start = System.nanoTime();
        var r = drive("printf 'ashmem-protocol 1 page-size 4096\\n'; exec sleep 60", "--timeout", "300ms", "--grace", "200ms",
                "--seed", "1", "--sequences", "3", "--shrink-time", "2s");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("no reply to 'open' within 300 ms; the process was stopped",
                "what happened: the implementation did not reply to step 1 ('open') within 300 ms", "raise --timeout");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
        CliTest.noStackTrace(r);
    }

    /**
     * With --fresh-process, a process that does not start for a later sequence stops the run with its reason;
     * it was reported as a failing sequence of no steps ('? open'), its cause lost.
     */
    @Test
    void aFreshProcessThatDoesNotStartStopsTheRunWithItsReason(@org.junit.jupiter.api.io.TempDir Path dir) {
        var marker = dir.resolve("started");
        var r = drive("if [ -e '" + marker + "' ]; then echo 'refusing to start twice' >&2; exit 3; fi; touch '" + marker + "'; exec "
                + oracle("serve"), "--fresh-process", "--seed", "1", "--sequences", "5", "--shrink-time", "2s");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("a fresh process did not start", "for sequence 2 did not start", "it ended before hello line",
                "exit status 3", "refusing to start twice").doesNotContain("failing trace", "? open");
        CliTest.noStackTrace(r);
    }

    @Test
    void aDyingImplementationOrABadHelloIsReported() {
        var r = drive("printf 'ashmem-protocol 1 page-size 4096\\n'; read l; echo 'it hurts' >&2; exit 3",
                "--seed", "1", "--sequences", "3", "--shrink-time", "2s");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("it ended before reply to 'open'", "exit status 3", "it hurts",
                "what happened: the implementation died at step 1 ('open'), before replying", "send the 0 requests above");
        r = drive("echo hello there", "--seed", "1", "--sequences", "3");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("bad hello line", "expected 'ashmem-protocol 1 page-size N");
        CliTest.noStackTrace(r);
    }

    @Test
    void anImplementationThatRefusesEverythingFailsAndWhatItForkedEndsWithTheRun(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // The server leaves a grandchild that outlives its parent (re-parented, no longer its descendant) but
        // stays in its process group. Before: drive ended only descendants, and the grandchild survived.
        Path pidFile = dir.resolve("grandchild.pid");
        Path server = dir.resolve("refuse.sh");
        Files.writeString(server, """
                #!/bin/sh
                (sleep 300 </dev/null >/dev/null 2>&1 & echo $! > '%s')
                echo "ashmem-protocol 1 page-size 4096 profile mainline"
                while read line; do echo "error refused"; done
                """.formatted(pidFile));
        assertThat(server.toFile().setExecutable(true)).isTrue();
        var r = drive(server.toString(), "--sequences", "3", "--seed", "1", "--grace", "500ms");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("drive: FAILED", "the implementation refused the request: error refused");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean left = alive(pid);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(left).as("the server's grandchild %d is still running", pid).isFalse();
    }

    @Test
    void sigtermOnDriveEndsTheImplementationsProcessGroupAndExits143(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        Path server = dir.resolve("hang.sh");
        Files.writeString(server, """
                #!/bin/sh
                (sleep 300 </dev/null >/dev/null 2>&1 & echo $! > '%s')
                echo "ashmem-protocol 1 page-size 4096 profile mainline"
                sleep 300
                """.formatted(pidFile));
        assertThat(server.toFile().setExecutable(true)).isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var drive = new ProcessBuilder(java, "-cp", cp, "dev.ashmem.oracle.OracleMain", "drive", "--command", server.toString(),
                "--timeout", "60s").redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(pidFile) && drive.descendants().count() >= 2) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            var seen = new java.util.ArrayList<>(drive.descendants().map(ProcessHandle::pid).toList());
            seen.add(Long.parseLong(Files.readString(pidFile).strip()));
            new ProcessBuilder("kill", "-TERM", Long.toString(drive.pid())).start().waitFor();
            assertThat(drive.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(drive.exitValue()).isEqualTo(143);
            assertThat(Files.readString(dir.resolve("out.log"))).contains("drive: interrupted before a verdict");
            long end = System.nanoTime() + 5_000_000_000L;
            while (seen.stream().anyMatch(DriveTest::alive) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(seen.stream().filter(DriveTest::alive).toList()).as("processes left behind").isEmpty();
        } finally {
            drive.descendants().forEach(ProcessHandle::destroyForcibly);
            drive.destroyForcibly();
        }
    }

    private static boolean alive(long pid) {
        return dev.ashmem.oracle.protocol.Processes.running(pid);
    }
}
