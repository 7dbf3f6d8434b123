package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateStoreTest {
    @Test
    void storesInInsertionOrderAcrossGrowthAndFindsDuplicates() {
        var store = new StateStore(3, 16);
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            assertThat(store.add(new long[] {i, i * 31L, -i}, i - 1)).isEqualTo(i);
        }
        for (int i = 0; i < n; i += 997) {
            assertThat(store.add(new long[] {i, i * 31L, -i}, 0)).isEqualTo(-1);
            long[] out = new long[3];
            store.get(i, out);
            assertThat(out).containsExactly(i, i * 31L, -i);
            assertThat(store.parent(i)).isEqualTo(i - 1);
        }
        assertThat(store.size()).isEqualTo(n);
        assertThat(store.probe(new long[] {n, 0, 0})).isNotNegative();
    }
}
