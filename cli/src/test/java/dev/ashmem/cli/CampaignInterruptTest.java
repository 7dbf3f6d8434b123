package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ashmem campaign} stopped by a signal, as a child JVM: it exits 128 + the signal, prints a
 * summary marked interrupted (not FAILED), keeps the failures it wrote, and leaves no process behind
 * (the stress JVM and jcstress' JVMs below it included).
 */
class CampaignInterruptTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent(); // tests run in cli/

    @TempDir
    Path dir;

    private Process campaign;

    @AfterEach
    void noProcessIsLeftEvenWhenATestFails() {
        if (campaign != null) {
            campaign.descendants().forEach(ProcessHandle::destroyForcibly);
            campaign.destroyForcibly();
        }
    }

    private Process start(String... args) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-D" + CampaignCommand.ROOT_PROPERTY + "=" + ROOT,
                "-cp", System.getProperty("java.class.path"), CampaignCommand.class.getName()));
        command.addAll(List.of(args));
        campaign = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        return campaign;
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("out.log"));
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", limit, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void signal(Process p, String signal) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static int exitStatus(Process p) throws InterruptedException {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the campaign ends after one signal").isTrue();
        return p.exitValue();
    }

    private static String summaryLine(String output) {
        return output.lines().filter(l -> l.startsWith("campaign summary")).reduce((a, b) -> b).orElse("(no summary line)");
    }

    @Test
    void sigintDuringTheDifferentialPartKeepsTheFailuresFoundAndExits130() throws Exception {
        Path out = dir.resolve("results");
        var p = start("--time", "120s", "--seed", "3", "--impl", GetSizeOffByOne.class.getName(), "--no-stress",
                "--no-model-check", "--out", out.toString());
        Path trace = out.resolve("differential").resolve("failure-1.trace");
        await("the first failure", Duration.ofSeconds(60), () -> Files.exists(trace) && Files.exists(trace.resolveSibling("failure-1.txt")));
        signal(p, "INT");
        assertThat(exitStatus(p)).isEqualTo(130);
        String output = output();
        assertThat(summaryLine(output)).isEqualTo("campaign summary (interrupted): differential interrupted, stress skipped, "
                + "model checking skipped; results in " + out);
        assertThat(output).containsPattern("differential part so far: \\d+ chains, \\d+ actions checked, [1-9]\\d* distinct failure\\(s\\) written")
                .doesNotContain("campaign done");
        assertThat(Files.readString(trace)).contains("ioctl 0 GET_SIZE");
    }

    @Test
    void sigtermDuringJcstressEndsTheWholeProcessTreeAndExits143() throws Exception {
        var p = start("--tries", "1", "--seed", "1", "--no-model-check", "--out", dir.resolve("results").toString());
        // The stress JVM, and jcstress' JVM below it: record every descendant seen until the signal.
        Set<Long> seen = new TreeSet<>();
        await("jcstress running under the stress JVM", Duration.ofSeconds(90), () -> {
            p.descendants().forEach(d -> seen.add(d.pid()));
            return p.children().anyMatch(c -> c.children().findAny().isPresent());
        });
        p.descendants().forEach(d -> seen.add(d.pid()));
        signal(p, "TERM");
        assertThat(exitStatus(p)).isEqualTo(143);
        String output = output();
        assertThat(summaryLine(output)).isEqualTo("campaign summary (interrupted): differential passed, stress interrupted, "
                + "model checking skipped; results in " + dir.resolve("results"));
        assertThat(output).doesNotContain("FAILED", "== 3/3");
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        await("every process the campaign started to end", Duration.ofSeconds(5),
                () -> seen.stream().noneMatch(dev.ashmem.oracle.protocol.Processes::running));
    }

    @Test
    void aNormalEndPrintsNoInterruptedSummary() throws Exception {
        var p = start("--tries", "1", "--seed", "1", "--no-stress", "--no-model-check", "--out", dir.resolve("results").toString());
        assertThat(exitStatus(p)).as(output()).isZero();
        assertThat(output()).doesNotContain("interrupted").contains("campaign summary: differential passed");
    }
}
