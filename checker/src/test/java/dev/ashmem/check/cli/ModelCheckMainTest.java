package dev.ashmem.check.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.explore.Explorer;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.model.UserDeviceClass;
import dev.ashmem.properties.ProgressLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void repeatedRunsReportTheSameExplorationEachTime() {
        var r = run("--scope", "small", "--repeat", "3", "--workers", "2", "--quiet");
        assertThat(r.code()).isZero();
        var lines = r.out().lines().filter(l -> l.startsWith("# stats")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("# stats (run 1 of 3): ");
        assertThat(lines.get(1)).startsWith("# stats (run 2 of 3): ");
        assertThat(lines.get(2)).startsWith("# stats: states 466 (complete)");
        var figures = lines.stream().map(l -> l.substring(l.indexOf("states "), l.indexOf(", time "))).distinct().toList();
        assertThat(figures).hasSize(1);
    }

    @Test
    void theCeilingRedoesTheRunsExpansionsAfterIt() {
        var r = run("--scope", "small", "--workers", "2", "--ceiling", "2", "--ceiling-passes", "2", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("# ceiling \\(pass 1 of 2\\): 1 thread [\\d.]+ s, 2 threads [\\d.]+ s: [\\d.]+x, 25,164 successors each")
                .contains("# ceiling (pass 2 of 2): ");
        // Not measurable: the command says so and does not pass.
        var bounded = run("--scope", "small", "--max-depth", "2", "--ceiling", "2", "--quiet");
        assertThat(bounded.code()).isEqualTo(2);
        assertThat(bounded.err()).contains("--ceiling not measured: it needs a complete run in memory that passed");
        assertThat(bounded.out()).doesNotContain("# ceiling");
        var violation = run("--scope", "conc", "--no-wait", "--ceiling", "2", "--quiet");
        assertThat(violation.code()).isEqualTo(1);
        assertThat(violation.out()).contains("VIOLATION");
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
        assertThat(r.out()).contains("# stats: states 120 (stopped at the violation)");
        assertThat(r.out()).contains("VIOLATION INV-PUNCH-PINNED").contains("shortest counterexample: 5 step(s)")
                .contains("shrink_punch 0 -> 0");
    }

    @Test
    void refinementAgainstASecondModel() {
        var r = run("--scope", "small", "--refine", "2", "--impl", "model", "--no-explore", "--quiet");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("implementation == model");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--alphabet pin,frobnicate | unknown alphabet part 'frobnicate'; known: pin,unpin,",
            "--scope nope              | unknown scope 'nope'; known: small, 1x8, 2x4",
            "--scope 2x                | unknown scope '2x'",
            "--sizes 3Q                | bad size '3Q'",
            "--no-such-flag            | Unknown option: '--no-such-flag'",
            "--no-explor               | Unknown option: '--no-explor'",
            "--workers 0               | Invalid value for option '--workers': must be at least 1, not 0",
            "--workers -2              | Invalid value for option '--workers': must be at least 1, not -2",
            "--workers x               | Invalid value for option '--workers': 'x' is not a whole number",
            "--memory 5x               | Invalid value for option '--memory': '5x' is not a size",
            "--memory 512k             | Invalid value for option '--memory': '512k' is not a usable size (1m at least)",
            "--pages -1                | Invalid value for option '--pages': must be at least 0, not -1",
            "--max-depth -1            | Invalid value for option '--max-depth': must be at least 0, not -1",
            "--validate-max -5         | Invalid value for option '--validate-max': must be at least 1, not -5",
            "--refine 0                | Invalid value for option '--refine': must be at least 1, not 0",
            "--callers 0               | Invalid value for option '--callers': must be at least 1, not 0",
            "--repeat 0                | Invalid value for option '--repeat': must be at least 1, not 0",
            "--ceiling 1               | Invalid value for option '--ceiling': must be at least 2, not 1",
            "--ceiling 2000            | Invalid value for option '--ceiling': at most 1024, not 2000",
            "--ceiling-passes 0        | Invalid value for option '--ceiling-passes': must be at least 1, not 0",
            "--areas 9                 | areas must be 1..4: 9",
            "--scan-max 65485          | the scope has 65,537 actions, more than the 65,536 a run can tell apart (lower --scan-max or shorten --sizes)",
            "--initial weird           | Invalid value for option '--initial': unknown kind 'weird'; known: fresh, sized, file, mapped",
            "--page-size 1000          | page size must be 4096, 16384 or 65536 (CTX-PAGE): 1000",
            "--impl model              | --impl and --classpath apply to --refine only",
            "--refine 2 --impl no.Such | --impl: implementation class no.Such is not on the class path",
            "--refine 2 --scope conc   | --refine runs sequential scopes only (drop --concurrency)",
            "--refine 2 --classpath /no/such.jar | --classpath: /no/such.jar does not exist",
    })
    void aBadOptionPrintsOneLineAndTheUsageAndExitsTwo(String args, String firstLine) {
        // Before: --workers 0 printed the scope line first, --validate-max -5, --callers 0 and --refine -1 were
        // taken, --initial said "No enum constant", and scope errors and unknown flags with suggestions had no usage.
        var r = run(args.strip().split("\\s+"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith(firstLine));
        assertThat(r.err()).contains("Usage: model-check").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @TempDir
    Path dir;

    @Test
    void refinementOfAnImplementationFromTheUsersClassPath() throws Exception {
        // Before: model-check had no --classpath; a user's class could not be refined from a runnable jar.
        var classes = UserDeviceClass.compileInto(dir);
        var without = run("--scope", "small", "--refine", "2", "--impl", UserDeviceClass.NAME, "--no-explore", "--quiet");
        assertThat(without.code()).isEqualTo(2);
        assertThat(without.err()).startsWith("--impl: implementation class user.ModelDevice is not on the class path");
        var with = run("--scope", "small", "--refine", "2", "--classpath", classes.toString(), "--impl", UserDeviceClass.NAME,
                "--no-explore", "--quiet");
        assertThat(with.code()).as(with.err()).isZero();
        assertThat(with.out()).contains("# refine: implementation == model");
    }

    @Test
    void theHelpOfImplSaysWhatTheClassNeeds() {
        var r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--impl=CLASS", "AshmemDevice with a public (int pageSize) constructor",
                "public (int pageSize) constructor", "--classpath=PATH");
    }

    /**
     * The report, but for the times, is the same with any number of workers and when the run goes on
     * disk (the trace included); the disk run leaves no file behind.
     */
    @Test
    void workersAndSpillingChangeNothingButTheTime() throws java.io.IOException {
        for (var scope : new String[][] {{"--scope", "2x4", "--pages", "3"}, {"--scope", "1x8", "--pages", "6"}, {"--scope", "conc-1x3", "--no-wait"}}) {
            var first = run(join(scope, "--workers", "1", "--quiet"));
            String one = withoutTimes(first.out());
            assertThat(one).contains("# stats: states");
            for (var more : new String[][] {{"--workers", "2"}, {"--workers", "4"}, {"--memory", "1m", "--spill-dir", dir.toString()},
                    {"--memory", "1m", "--spill-dir", dir.toString(), "--workers", "2"}}) {
                var r = run(join(join(scope, more), "--quiet"));
                assertThat(r.code()).as(String.join(" ", more)).isEqualTo(first.code());
                assertThat(withoutTimes(r.out())).as(String.join(" ", more)).isEqualTo(one);
            }
        }
        try (var left = java.nio.file.Files.list(dir)) {
            assertThat(left).as("spill files left").isEmpty();
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

    /**
     * The explorer's progress on a clock that moves a second at each reading, so lines are due however fast
     * the machine explores.
     */
    private static String progress(boolean live) {
        var bytes = new ByteArrayOutputStream();
        var cmd = new ModelCheckMain();
        new picocli.CommandLine(cmd).parseArgs("--scope", "2x4", "--pages", "3", "--alphabet", "pin,unpin,status,scan", "--workers", "1");
        long[] now = {0};
        var line = ProgressLine.of(new PrintStream(bytes, true), live, () -> now[0] += 1_000_000_000L);
        assertThat(new Explorer(new Kernel(cmd.scope()), line, 1).run().passed()).isTrue();
        line.finish();
        return bytes.toString();
    }

    @Test
    void inALogProgressIsPlainLines() {
        // Before: the explorer printed a line of its own every second whatever the output was.
        String log = progress(false);
        assertThat(log.lines().filter(l -> l.startsWith("model-check: depth")).count()).as(log).isGreaterThan(1);
        assertThat(log).doesNotContain("\r", "\u001b");
    }

    @Test
    void onATerminalProgressIsOneLineRewrittenInPlace() {
        // Before: no live line at all.
        String live = progress(true);
        assertThat(live).startsWith("\rmodel-check: depth").endsWith(System.lineSeparator())
                .doesNotContain("\n" + "model-check", "\u001b");
        assertThat(live.chars().filter(c -> c == '\r').count()).isGreaterThan(1);
    }

    @Test
    void theCommandsProgressInALogHasNoCarriageReturn() {
        var r = run("--scope", "2x4", "--pages", "3", "--alphabet", "pin,unpin,status,scan");
        assertThat(r.code()).isZero();
        assertThat(r.err()).doesNotContain("\r", "\u001b");
    }

    @Test
    void progressLinesGoToStderr() {
        var r = run("--scope", "2x4", "--pages", "3", "--alphabet", "pin,unpin,status,scan");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("model-check:");
    }
}
