package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A stats line read back: what {@code ./ashmem speedup} compares between its child JVMs. */
class StatsTest {
    // Every figure distinct, so that a field read from the wrong place shows.
    private static final Stats FIGURES = new Stats(54_206_785L, 5_041_231_005L, 2_345_678_901L, 12_345L, 11, true,
            176_360_000_000L, 337_380_000_000L, 174_510_000_000L, 9_000L << 20, 2_100L << 20, 2, 93);

    @Test
    void aSummaryReadsBackAsItsFigures() {
        assertThat(Stats.parse(FIGURES.summary())).isEqualTo(FIGURES);
    }

    @Test
    void theLinesModelCheckPrintsReadBackWithTheirPrefixes() {
        var depthBounded = new Stats(3, 4, 2, 0, 8, false, 10_000_000L, 20_000_000L, 10_000_000L, 1L << 20, 0, 1, 7);
        assertThat(Stats.parse("# stats (run 2 of 5): " + depthBounded.summary())).isEqualTo(depthBounded);
        assertThat(Stats.parse("# stats: " + FIGURES.summary()).complete()).isTrue();
    }

    @Test
    void timesAreReadToThePrintedHundredth() {
        var s = new Stats(1, 1, 0, 0, 0, true, 1_234_567_891L, 9_876_543_210L, 5_555_555_555L, 0, 0, 1, 1);
        var read = Stats.parse(s.summary());
        assertThat(read.nanos()).isEqualTo(1_230_000_000L);
        assertThat(read.cpuNanos()).isEqualTo(9_880_000_000L);
        assertThat(read.pathCpuNanos()).isEqualTo(5_560_000_000L);
    }

    @Test
    void textWithoutFiguresIsRefused() {
        assertThatThrownBy(() -> Stats.parse("# result: PASS, every invariant holds in every state"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no model-check figures");
    }
}
