package dev.ashmem.model;

import java.util.ArrayList;
import java.util.List;

/** The global LRU list, oldest first, and lruCount (pages on it, unsigned, wrapping). */
final class Lru {
    final List<Range> ranges = new ArrayList<>();
    long count;

    /** lru_add(): to the tail. */
    void add(Range r) {
        ranges.add(r);
        count += r.size();
    }

    /** lru_del(). */
    void remove(Range r) {
        ranges.remove(r);
        count -= r.size();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    Range head() {
        return ranges.getFirst();
    }
}
