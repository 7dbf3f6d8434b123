package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.protocol.DriveRate;
import dev.ashmem.oracle.protocol.Driver;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.InProcessClient;
import dev.ashmem.oracle.protocol.ProtocolServer;
import dev.ashmem.trace.Profile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code drive-rate} in this JVM (servers in process, the same protocol lines): a few catalogue variants and
 * seeds on drive's default budget, so that a generator that stops catching them shows here; the full
 * ten-seed run over the whole catalogue is {@code ./ashmem drive-rate}.
 */
class DriveRateTest {
    @BeforeAll
    static void reference() {
        String problem = Implementations.referenceProblem();
        Assumptions.assumeTrue(problem == null, () -> "reference implementation unavailable: " + problem);
    }

    @Test
    void variantsAreCaughtOnEverySeedAndTheReferencePasses() {
        // One variant seen in a result at once, two that need a state built over several steps first.
        var r = CliTest.run("drive-rate", "--in-process", "--seeds", "3", "--variant", "set-size-after-mmap",
                "--variant", "overflow-unchecked", "--variant", "mprotect-beyond-mask");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("set-size-after-mmap +3/3 .* ok")
                .containsPattern("overflow-unchecked +3/3 .* ok")
                .containsPattern("mprotect-beyond-mask +3/3 .* ok")
                .containsPattern("reference \\(correct\\) +0/3 +- +- +ok \\(passed every seed\\)")
                .contains("drive-rate: passed: 0 of 4 targets below the bar (a variant caught on >= 3/3 seeds");
        assertThat(r.err()).contains("overflow-unchecked seed 2: caught after ", "reference seed 3: passed");
        CliTest.noStackTrace(r);
    }

    @Test
    void aVariantBelowTheThresholdFailsTheRun() {
        // One short sequence per seed cannot build the 4 GiB region overflow-unchecked needs.
        var r = CliTest.run("drive-rate", "--in-process", "--seeds", "2", "--sequences", "1", "--steps", "4",
                "--variant", "overflow-unchecked", "--no-reference");
        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).containsPattern("overflow-unchecked +0/2 +- +- +BELOW 2/2").contains("drive-rate: FAILED: 1 of 1 targets")
                .containsPattern("reproduce one seed of overflow-unchecked: ashmem drive --command \".* serve --impl reference --page-size 4096 --variant overflow-unchecked\" --seed S");
    }

    @Test
    void nothingToRunOrAnUnknownVariantIsAnError() {
        var r = CliTest.run("drive-rate", "--in-process", "--no-reference", "--variant", "no-such-variant");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'no-such-variant' is not a catalogue entry that drive must catch; those are: mprotect-beyond-mask");
        // a concurrency bug has no sequential counterexample: drive is not asked to catch it
        assertThat(CliTest.run("drive-rate", "--in-process", "--variant", "no-inflight-wait").code()).isEqualTo(2);
        CliTest.noStackTrace(r);
    }

    @Test
    void aServerThatDoesNotStartIsAnErrorNotACatch() {
        var broken = new DriveRate.Target("dead", true, "dead", () -> {
            throw new dev.ashmem.oracle.protocol.ImplementationFailure(
                    dev.ashmem.oracle.protocol.ImplementationFailure.Kind.EXITED, "cannot start 'dead'");
        });
        var budget = new DriveRate.Budget(Driver.DEFAULT_SEQUENCES, Driver.DEFAULT_STEPS, Duration.ofSeconds(5), Duration.ofSeconds(2));
        var rows = DriveRate.measure(List.of(broken), 2, 2, budget, 1, run -> { });
        assertThat(rows.getFirst().caught()).isZero();
        assertThat(rows.getFirst().errors()).hasSize(2);
        assertThat(rows.getFirst().ok()).isFalse();
        assertThat(DriveRate.table(rows)).containsPattern("dead +0/2 +- +- +ERROR on seed 1");
    }

    @Test
    void theInProcessClientSpeaksTheProtocol() {
        var server = new ProtocolServer(() -> Implementations.reference(4096).orElseThrow(),
                new Hello(Hello.VERSION, 4096, Profile.MAINLINE, "reference"));
        try (var client = new InProcessClient(server)) {
            assertThat(client.hello().impl()).isEqualTo("reference");
            assertThat(client.request("open")).isEqualTo("0");
            assertThat(client.reset()).isTrue();
            assertThat(client.request("ioctl 0 GET_SIZE")).isEqualTo("-EBADF");
            assertThat(client.request("bye")).isEqualTo("bye");
            assertThat(client.alive()).isFalse();
        }
    }

    @Test
    void childServersRunOnThisJvmEvenWhenTheLauncherStartedIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        // A launcher that would rebuild the project (here: one that fails) is what the report shows, never what runs.
        var launcher = root.resolve("ashmem");
        java.nio.file.Files.writeString(launcher, "#!/bin/sh\ntouch '" + root.resolve("launcher-ran") + "'\nexit 1\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        String before = System.getProperty("ashmem.root");
        System.setProperty("ashmem.root", root.toString());
        try {
            var r = CliTest.run("drive-rate", "--seeds", "1", "--variant", "set-size-after-mmap", "--no-reference");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("servers: '" + launcher + "' serve --impl reference --page-size 4096")
                    .containsPattern("set-size-after-mmap +1/1 .* ok");
            assertThat(root.resolve("launcher-ran")).doesNotExist();
        } finally {
            if (before == null) {
                System.clearProperty("ashmem.root");
            } else {
                System.setProperty("ashmem.root", before);
            }
        }
    }
}
