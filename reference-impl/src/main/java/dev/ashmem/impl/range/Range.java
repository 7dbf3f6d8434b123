package dev.ashmem.impl.range;

import dev.ashmem.model.Unsigned;
import dev.ashmem.model.RangeSnapshot;

/**
 * struct ashmem_range: inclusive unsigned page numbers, the purged flag, and intrusive LRU links so
 * that adding to and removing from the global LRU is O(1).
 *
 * <p>Besides ordinary ranges ({@code pgstart <= pgend}) the driver can hold the empty range
 * {@code [N, N-1]} (PINARG-EMPTY); {@code [0, 2^64-1]} is an ordinary, if enormous, range.
 *
 * @param <O> the owning area
 */
public final class Range<O> {
    final O owner;
    long pgstart;
    long pgend;
    boolean purged;
    /** Creation order within the area: orders duplicate empty ranges (the newest sits higher). */
    long seq;
    Range<O> lruPrev;
    Range<O> lruNext;
    boolean onLru;

    Range(O owner, long pgstart, long pgend, boolean purged, long seq) {
        this.owner = owner;
        this.pgstart = pgstart;
        this.pgend = pgend;
        this.purged = purged;
        this.seq = seq;
    }

    /** A deleted range (off the index and the LRU) made into a new one, as if just allocated. */
    void reuse(long pgstart, long pgend, boolean purged, long seq) {
        this.pgstart = pgstart;
        this.pgend = pgend;
        this.purged = purged;
        this.seq = seq;
    }

    public O owner() {
        return owner;
    }

    public long pgstart() {
        return pgstart;
    }

    public long pgend() {
        return pgend;
    }

    /** Creation number within its area (see {@link UnpinnedRanges.Saved}). */
    public long seq() {
        return seq;
    }

    public boolean purged() {
        return purged;
    }

    /** range_size(): pgend - pgstart + 1 mod 2^64 (0 for [N, N-1] and for [0, 2^64-1]). */
    public long size() {
        return pgend - pgstart + 1;
    }

    /** Not the empty range [N, N-1]. */
    boolean ordinary() {
        return Unsigned.le(pgstart, pgend);
    }

    public RangeSnapshot snapshot() {
        return new RangeSnapshot(pgstart, pgend, purged);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
