package dev.ashmem.model;

/** struct ashmem_range: inclusive page numbers (unsigned) and the purged flag. */
final class Range {
    final Area area;
    long pgstart;
    long pgend;
    boolean purged;

    Range(Area area, long pgstart, long pgend, boolean purged) {
        this.area = area;
        this.pgstart = pgstart;
        this.pgend = pgend;
        this.purged = purged;
    }

    /** range_size(): pgend - pgstart + 1 mod 2^64, so an empty range [N, N-1] has size 0 (ARITH-U64). */
    long size() {
        return pgend - pgstart + 1;
    }

    /** range_on_lru(): exactly the ranges that are not purged are on the LRU (INV-LRU-IFF). */
    boolean onLru() {
        return !purged;
    }

    /** range_before_page(): the range lies wholly below {@code page}. */
    boolean before(long page) {
        return Unsigned.lt(pgend, page);
    }

    /** page_range_subsumes_range(): [start, end] covers this range. */
    boolean subsumedBy(long start, long end) {
        return Unsigned.ge(pgstart, start) && Unsigned.le(pgend, end);
    }

    /** page_range_subsumed_by_range(): this range covers [start, end]. */
    boolean covers(long start, long end) {
        return Unsigned.le(pgstart, start) && Unsigned.ge(pgend, end);
    }

    boolean containsPage(long page) {
        return Unsigned.le(pgstart, page) && Unsigned.ge(pgend, page);
    }

    /** page_range_in_range(): the driver's overlap test, which also counts a subsumed range. */
    boolean overlaps(long start, long end) {
        return containsPage(start) || containsPage(end) || subsumedBy(start, end);
    }

    RangeSnapshot snapshot() {
        return new RangeSnapshot(pgstart, pgend, purged);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
