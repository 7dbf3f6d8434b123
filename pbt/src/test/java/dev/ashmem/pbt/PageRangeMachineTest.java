package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handles and page-sized arguments, the shape of the ashmem suites: regions are created, then ranges
 * of them unpinned. The seeded bug (a region may not be unpinned whole) needs two coupled arguments
 * (region size and range length) to shrink together, and down to one page.
 */
class PageRangeMachineTest {

    record Handle(int id) {
        @Override
        public String toString() {
            return "h" + id;
        }
    }

    static final class Regions {
        final List<long[]> regions = new ArrayList<>(); // {size, unpinned bytes}
    }

    static final long PAGE = 4096;

    static StateMachine<Regions> machine(boolean bug) {
        return StateMachine.of(Regions::new)
                .action(Action.<Regions>call("create", (s, step) -> {
                    long size = step.drawLong(Gens.longs(1, 16 * PAGE));
                    s.regions.add(new long[] {size, 0});
                    return new Handle(s.regions.size() - 1);
                }).when(s -> s.regions.size() < 4))
                .action(Action.<Regions>call("unpin", (s, step) -> {
                    int h = step.draw(Gens.ints(0, s.regions.size() - 1), i -> "h" + i);
                    long offset = step.drawLong(Gens.longs(0, 16 * PAGE));
                    long length = step.drawLong(Gens.longs(0, 16 * PAGE));
                    long[] region = s.regions.get(h);
                    if (offset % PAGE != 0 || length % PAGE != 0 || offset + length > region[0]) return -22;
                    step.label("unpinned");
                    region[1] = Math.max(region[1], offset + length);
                    if (bug) step.check(region[1] < region[0] || region[1] == 0, "a region is never unpinned whole");
                    return 0;
                }).when(s -> !s.regions.isEmpty()));
    }

    @Test
    void coupledPageSizedArgumentsShrinkTogetherToOnePage() {
        Result r = machine(true).check("regions", Config.defaults().withSeed(2L).withTries(1000).withMaxSteps(20));
        assertThat(r.report()).isEqualTo("""
                Property 'regions' failed after 130 tries (985 steps); shrunk 12 times in 334 runs.
                Minimal counterexample:
                  step 1: create(4096) -> h0
                  step 2: unpin(h0, 0, 4096)
                Failure: check 'a region is never unpinned whole' failed
                Seed: 2
                Choices: v2.AQD_HwEBAACAIA
                Replay this case: @Replay("v2.AQD_HwEBAACAIA") or -Dpbt.replay=v2.AQD_HwEBAACAIA
                Rerun the search: -Dpbt.seed=2""");
    }

    @Test
    void theSameMinimalChainFromEverySeedThatFindsTheBug() {
        int found = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Result r = machine(true).check("regions", Config.defaults().withSeed(seed).withTries(2000).withMaxSteps(20));
            if (!(r instanceof Result.Failed failed)) continue;
            found++;
            assertThat(failed.counterexample().lines()).as("seed %d", seed)
                    .containsExactly("step 1: create(4096) -> h0", "step 2: unpin(h0, 0, 4096)");
        }
        assertThat(found).isGreaterThanOrEqualTo(8);
    }

    @Test
    void withoutTheBugItPassesAndUnpinsHappen() {
        Result r = machine(false).check("regions",
                Config.defaults().withSeed(2L).withTries(300).withMaxSteps(20).requireCoverage(5, "unpinned"));
        assertThat(r.passed()).isTrue();
    }
}
