package dev.ashmem.check.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The command line: exit codes, the report, the trace. */
class ModelCheckMainTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = ModelCheckMain.run(new PrintStream(out, true), new PrintStream(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aSoundScopePasses() {
        var r = run("--scope", "small", "--quiet", "--validate");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("kernel == model").contains("PASS").contains("states 466 (complete)");
    }

    @Test
    void flagsOverrideTheNamedScope() {
        var r = run("--scope", "1x8", "--pages", "3", "--areas", "2", "--symmetry", "--alphabet", "pin,unpin", "--quiet");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("2 area(s) x 3 page(s)").contains("alphabet pin,unpin").contains("symmetry");
    }

    @Test
    void theRaceWithoutTheWaitExitsNonZeroWithATrace() {
        var r = run("--scope", "conc", "--no-wait", "--quiet");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("VIOLATION INV-PUNCH-PINNED").contains("shortest counterexample: 5 step(s)")
                .contains("shrink_punch 0 -> 0");
    }

    @Test
    void refinementAgainstASecondModel() {
        var r = run("--scope", "small", "--refine", "2", "--impl", "model", "--no-explore", "--quiet");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("implementation == model");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(run("--alphabet", "pin,frobnicate").code()).isEqualTo(2);
        assertThat(run("--scope", "nope").code()).isEqualTo(2);
        assertThat(run("--no-such-flag").code()).isEqualTo(2);
        assertThat(run("--scope", "small", "--workers", "0").code()).isEqualTo(2);
    }

    /** The report, but for the times, is the same with any number of workers (the trace included). */
    @Test
    void workersChangeNothingButTheTime() {
        for (var scope : new String[][] {{"--scope", "2x4", "--pages", "3"}, {"--scope", "conc-1x3", "--no-wait"}}) {
            String one = withoutTimes(run(join(scope, "--workers", "1", "--quiet")).out());
            String two = withoutTimes(run(join(scope, "--workers", "2", "--quiet")).out());
            assertThat(two).isEqualTo(one);
        }
    }

    private static String[] join(String[] a, String... b) {
        var out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String withoutTimes(String report) {
        return report.replaceAll(", time .*", "");
    }

    @Test
    void progressLinesGoToStderr() {
        var r = run("--scope", "2x4", "--pages", "3", "--alphabet", "pin,unpin,status,scan");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("model-check:");
    }
}
