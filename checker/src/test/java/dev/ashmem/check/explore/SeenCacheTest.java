package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a thread's cache of recent lookups may answer, and for how long. */
class SeenCacheTest {

    @Test
    void offersLastWhileTheRoundsAreStored() {
        var c = new SeenCache(2);
        long[] stored = {1, 2};
        long[] pruned = {3, 4};
        long[] offered = {5, 6};
        long[] offeredLater = {7, 8};
        c.put(stored, 10, SeenCache.STORED);
        c.put(pruned, 11, SeenCache.PRUNED);
        c.put(offered, 12, SeenCache.OFFERED);
        assertThat(c.find(stored, 10)).isEqualTo(SeenCache.STORED);
        assertThat(c.find(pruned, 11)).isEqualTo(SeenCache.PRUNED);
        assertThat(c.find(offered, 12)).as("offered this round: its discoverer stands").isEqualTo(SeenCache.STORED);
        c.nextRound(true);
        assertThat(c.find(offered, 12)).as("offered in a round that was stored").isEqualTo(SeenCache.STORED);
        c.put(offeredLater, 13, SeenCache.OFFERED);
        c.nextRound(true);
        assertThat(c.find(offered, 12)).as("two stored rounds ago").isEqualTo(SeenCache.STORED);
        c.nextRound(false);
        assertThat(c.find(offered, 12)).as("a round abandoned since").isEqualTo(SeenCache.MISS);
        assertThat(c.find(offeredLater, 13)).as("a round abandoned since").isEqualTo(SeenCache.MISS);
        c.put(offered, 12, SeenCache.OFFERED);
        c.nextRound(false);
        assertThat(c.find(offered, 12)).as("offered in the round abandoned").isEqualTo(SeenCache.MISS);
        assertThat(c.find(stored, 10)).isEqualTo(SeenCache.STORED);
        assertThat(c.find(pruned, 11)).isEqualTo(SeenCache.PRUNED);
        c.put(offered, 12, SeenCache.OFFERED);
        c.nextRound(true);
        assertThat(c.find(offered, 12)).as("offered in the round after, stored").isEqualTo(SeenCache.STORED);
    }

    @Test
    void anotherKeyOnTheSameSlotIsAMissAndReplacesIt() {
        var c = new SeenCache(2);
        long[] a = {1, 2};
        long[] b = {1, 3}; // same first word: the whole key is compared
        c.put(a, 7, SeenCache.STORED);
        assertThat(c.find(b, 7)).isEqualTo(SeenCache.MISS);
        assertThat(c.find(new long[] {0, 0}, 8)).as("an empty slot, even for the all-zero key").isEqualTo(SeenCache.MISS);
        c.put(b, 7, SeenCache.PRUNED);
        assertThat(c.find(a, 7)).isEqualTo(SeenCache.MISS);
        assertThat(c.find(b, 7)).isEqualTo(SeenCache.PRUNED);
    }
}
