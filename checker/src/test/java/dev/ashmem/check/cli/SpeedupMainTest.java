package dev.ashmem.check.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.explore.Stats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** {@code ./ashmem speedup}: child JVMs alternated, the same results asserted, the exit codes. */
class SpeedupMainTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = SpeedupMain.run(new PrintStream(out, true), new PrintStream(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void pairsAlternateTheirOrderAndEveryRunFindsTheSameGraph() {
        var r = run("--scopes", "small", "--workers", "2", "--pairs", "2", "--repeat", "2");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("pair 1 (1 then 2): cold ").contains("pair 2 (2 then 1): cold ")
                .contains("; warm ").contains("every run 466 states, 25,164 successors, depth 9");
    }

    @Test
    void theNWorkerJvmMeasuresTheCeilingAndEachSpeedUpIsGivenAsAShareOfIt() {
        var r = run("--scopes", "small", "--workers", "2", "--pairs", "2", "--repeat", "2", "--ceiling");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("pair ")))
                .hasSize(2).allSatisfy(l -> assertThat(l).containsPattern("; ceiling [\\d.]+ s against [\\d.]+ s = [\\d.]+x, the speed-up \\d+% of it$"));
        assertThat(r.out()).containsPattern(", ceiling median [\\d.]+x \\([\\d.]+-[\\d.]+x\\), speed-up median \\d+% \\(\\d+-\\d+%\\) of it;");
        assertThat(run("--scopes", "small", "--workers", "2", "--pairs", "1", "--repeat", "2").out()).doesNotContain("ceiling");
    }

    @Test
    void aCeilingThatCannotBeMeasuredIsAFailedChild() {
        var r = run("--scopes", "small", "--workers", "2", "--pairs", "1", "--repeat", "1", "--ceiling", "--", "--max-depth", "2");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("model-check --scope small --workers 2 --ceiling 2 --ceiling-passes 1 exited 2 with 1 of 1 runs' figures and 0 of 1 ceiling passes")
                .contains("--ceiling not measured");
    }

    @Test
    void aMedianBelowTheTargetExitsOne() {
        var r = run("--scopes", "small", "--workers", "2", "--pairs", "1", "--repeat", "1", "--target", "1000");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("is below the target 1000.00x").doesNotContain("; warm ");
    }

    @Test
    void optionsAfterTheDashesReachEveryRun() {
        var r = run("--scopes", "small", "--workers", "2", "--pairs", "1", "--repeat", "1", "--", "--max-depth", "2");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("model-check --max-depth 2").contains("depth 2").doesNotContain("466 states");
    }

    @Test
    void aChildThatFailsIsReportedAndExitsThree() {
        var r = run("--scopes", "small", "--workers", "2", "--pairs", "1", "--repeat", "1", "--", "--max-depth", "nope");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("speedup: model-check --scope small --workers 1 exited 2 with 0 of 1 runs' figures");
    }

    @Test
    void badOptionsAreUsageErrors() {
        var unknown = run("--scopes", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown scope 'nope'; known: small, 1x8");
        assertThat(run("--scopes", "small", "--workers", "5000").err()).contains("--workers 5000: at most 1024");
        assertThat(run("--scopes", "small", "--workers", "1").err()).contains("the speed-up of one worker over one is 1");
    }

    @Test
    void theCeilingOfAPairIsTheMeanOverTheMean() {
        var one = new SpeedupMain.Jvm(1, java.util.List.of(stats(2.0), stats(2.0), stats(1.8)), 9, java.util.List.of());
        var two = new SpeedupMain.Jvm(2, java.util.List.of(stats(1.5), stats(1.0), stats(1.0)), 6, java.util.List.of(
                new dev.ashmem.check.explore.Ceiling.Pass(1.8, 1.0, 2, 1), new dev.ashmem.check.explore.Ceiling.Pass(2.2, 1.0, 2, 1)));
        var pair = new SpeedupMain.Pair(one, two);
        assertThat(pair.warm()).isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pair.ceilingRatio()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pair.ofCeiling()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static Stats stats(double seconds) {
        return new Stats(466, 25_164, 9_000, 0, 9, true, (long) (seconds * 1e9), 1, 1, 0, 0, 1, 53);
    }

    @Test
    void runsOfTheSameGraphAgreeWhateverTheirTimes() {
        var a = new Stats(466, 25_164, 9_000, 0, 9, true, 1, 2, 3, 4, 5, 1, 53);
        var slower = new Stats(466, 25_164, 9_000, 0, 9, true, 10, 20, 30, 40, 50, 1, 53);
        var oneStateMore = new Stats(467, 25_164, 9_000, 0, 9, true, 1, 2, 3, 4, 5, 1, 53);
        var deeper = new Stats(466, 25_164, 9_000, 0, 10, true, 1, 2, 3, 4, 5, 1, 53);
        assertThat(SpeedupMain.sameGraph(a, slower)).isTrue();
        assertThat(SpeedupMain.sameGraph(a, oneStateMore)).isFalse();
        assertThat(SpeedupMain.sameGraph(a, deeper)).isFalse();
        assertThat(SpeedupMain.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(SpeedupMain.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}
