package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chain seeds and shards: what makes a chain run the same alone, in a shard, or on any thread. */
class CampaignPlanTest {
    private static final CampaignPlan PLAN = CampaignPlan.of(42, 10, Duration.ofDays(1), List.of(4096, 16384));

    @Test
    void aChainsSeedAndPageSizeDependOnTheCampaignSeedAndItsIndexOnly() {
        var other = PLAN.withJobs(2).withShard(new Shard(2, 3));
        for (long k = 0; k < 100; k++) {
            assertThat(other.chainSeed(k)).isEqualTo(PLAN.chainSeed(k));
            assertThat(other.pageSize(k)).isEqualTo(PLAN.pageSize(k));
        }
        assertThat(PLAN.pageSize(0)).isEqualTo(4096);
        assertThat(PLAN.pageSize(1)).isEqualTo(16384);
        var seeds = new HashSet<Long>();
        for (long k = 0; k < 10_000; k++) {
            seeds.add(PLAN.chainSeed(k));
        }
        assertThat(seeds).as("distinct chains, distinct seeds").hasSize(10_000);
        assertThat(CampaignPlan.of(43, 10, Duration.ofDays(1), List.of(4096)).chainSeed(0)).isNotEqualTo(PLAN.chainSeed(0));
    }

    @Test
    void theShardsOfACampaignWithTriesRunEachOfItsChainsExactlyOnce() {
        for (int n = 1; n <= 5; n++) {
            for (long tries : new long[] {1, 2, 7, 10, 11}) {
                var chains = new ArrayList<Long>();
                for (int i = 1; i <= n; i++) {
                    var plan = CampaignPlan.of(42, tries, Duration.ofDays(1), List.of(4096)).withShard(new Shard(i, n));
                    for (long p = 0; p < plan.limit(); p++) {
                        chains.add(plan.chainAt(p));
                    }
                }
                assertThat(chains).as(n + " shards of " + tries + " tries").containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.range(0, tries).boxed().toList());
            }
        }
    }

    @Test
    void aSingleChainIsThatChain() {
        var plan = PLAN.withChain(17L);
        assertThat(plan.limit()).isEqualTo(1);
        assertThat(plan.chainAt(0)).isEqualTo(17);
        assertThat(plan.reproduce(17)).isEqualTo("./ashmem campaign --seed 42 --chain 17 --page-sizes 4096,16384 --no-stress --no-model-check");
    }

    @Test
    void aShardIsOneBased() {
        assertThat(Shard.parse("1/4")).isEqualTo(new Shard(1, 4));
        assertThat(Shard.parse("4/4").chain(0)).isEqualTo(3);
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessage("shard 0/4 does not exist: I/N needs 1 <= I <= N");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessage("shard 3/2 does not exist: I/N needs 1 <= I <= N");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessage("'2' is not I/N (for example 1/4)");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessage("'a/b' is not I/N (for example 1/4)");
    }
}
