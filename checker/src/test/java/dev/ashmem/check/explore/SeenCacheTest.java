package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a thread's cache of recent lookups may answer, and for how long. */
class SeenCacheTest {

    @Test
    void storedAndPrunedLastOfferedOnlyForItsRound() {
        var c = new SeenCache(2);
        long[] stored = {1, 2};
        long[] pruned = {3, 4};
        long[] offered = {5, 6};
        c.put(stored, 10, SeenCache.STORED);
        c.put(pruned, 11, SeenCache.PRUNED);
        c.put(offered, 12, SeenCache.OFFERED);
        assertThat(c.find(stored, 10)).isEqualTo(SeenCache.STORED);
        assertThat(c.find(pruned, 11)).isEqualTo(SeenCache.PRUNED);
        assertThat(c.find(offered, 12)).as("offered this round: its discoverer stands").isEqualTo(SeenCache.STORED);
        c.nextRound();
        assertThat(c.find(offered, 12)).as("a round that may not be stored").isEqualTo(SeenCache.MISS);
        assertThat(c.find(stored, 10)).isEqualTo(SeenCache.STORED);
        assertThat(c.find(pruned, 11)).isEqualTo(SeenCache.PRUNED);
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
