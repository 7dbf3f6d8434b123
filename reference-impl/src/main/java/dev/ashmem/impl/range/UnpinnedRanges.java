package dev.ashmem.impl.range;

import dev.ashmem.model.Abi;
import static dev.ashmem.model.Unsigned.ge;
import static dev.ashmem.model.Unsigned.le;

import dev.ashmem.model.Unsigned;
import dev.ashmem.model.RangeSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One area's unpinned list as an ordered index (a sorted array for few ranges, a balanced tree for
 * many: {@link RangeIndex}) instead of the driver's linear list: PIN, UNPIN and GET_PIN_STATUS cost
 * O(log n) plus O(log n) per range they delete (the array never holds more than
 * {@link RangeIndex#TO_TREE} ranges, so its copies are bounded), yet produce exactly the driver's result (which ranges merge, which split, which flags spread, the LRU order and lruCount).
 *
 * <h2>Why an ordered index can replay the linear walk</h2>
 * The driver keeps the list in descending order and every walk stops at the first range lying wholly
 * below the request's first page. Ranges are kept here ascending by (pgend, pgstart, creation order),
 * all unsigned, which is the reverse of the driver's list order at every step:
 * <ul>
 *   <li>ordinary ranges are disjoint, so ordering by pgend is ordering by pgstart;</li>
 *   <li>an empty range [k, k-1] is inserted just before the first range with pgend &lt; k, i.e. above
 *       every range ending at k-1 (its pgstart k is larger than theirs) and above older empty ranges
 *       at k (the newer one has the larger creation number);</li>
 *   <li>an empty range never lies strictly inside an ordinary one: an UNPIN that would create it
 *       inside a range is subsumed, and an UNPIN widening over it swallows it.</li>
 * </ul>
 * The walk visits the ranges with pgend &ge; pgstart in descending order; those that
 * {@code page_range_in_range()} accepts form a contiguous block at the bottom of that set, because
 * every range above a touching range is wholly above the request. So the walk's first hit is the
 * highest touching range, found with two index probes ({@link #highestTouching}). UNPIN repeats
 * "first hit: subsumed? return; else widen, OR the flag, delete, restart" exactly as the driver's
 * restart loop does; PIN applies its four cases to each touching range (highest first).
 *
 * <p>Not thread-safe: the device's mutex guards it (CONC-MUTEX).
 *
 * @param <O> the owning area
 */
public final class UnpinnedRanges<O> {

    private static final Comparator<Range<?>> ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.pgend, b.pgend);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.pgstart, b.pgstart);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private final O owner;
    private final Lru<O> lru;
    private final RangePolicy policy;
    private final RangeIndex<O> index = new RangeIndex<>(ORDER);
    /** Search keys below / above every range with the same bounds (creation numbers are never extreme). */
    private final Range<O> low = new Range<>(null, 0, 0, false, Long.MIN_VALUE);
    private final Range<O> high = new Range<>(null, 0, 0, false, Long.MAX_VALUE);
    private long nextSeq;
    /**
     * The last range deleted, kept for the next one created, as the driver keeps a spare from its slab:
     * a PIN+UNPIN pair then allocates nothing. Nothing outside the area holds a deleted range (the
     * shrinker copies the bounds into its PendingPunch), so reusing it is invisible.
     */
    private Range<O> spare;

    public UnpinnedRanges(O owner, Lru<O> lru, RangePolicy policy) {
        this.owner = owner;
        this.lru = lru;
        this.policy = policy;
    }

    public int size() {
        return index.size();
    }

    private Range<O> lowProbe(long pgend, long pgstart) {
        low.pgend = pgend;
        low.pgstart = pgstart;
        return low;
    }

    private Range<O> highProbe(long pgend, long pgstart) {
        high.pgend = pgend;
        high.pgstart = pgstart;
        return high;
    }

    /** The lowest range with pgend &ge; page (the last one the walk visits before its stop). */
    private Range<O> lowestEndingAtOrAbove(long page) {
        return index.ceiling(lowProbe(page, 0));
    }

    /** The highest range with pgend &le; page. */
    private Range<O> highestEndingAtOrBelow(long page) {
        return index.floor(highProbe(page, Abi.U64_MAX));
    }

    /** The lowest range with pgend &gt; page. */
    private Range<O> lowestEndingAbove(long page) {
        return index.higher(highProbe(page, Abi.U64_MAX));
    }

    /**
     * The first range the driver's walk accepts with {@code page_range_in_range(range, start, end)}
     * before reaching a range wholly below {@code start}: the highest touching range, or null.
     */
    Range<O> highestTouching(long start, long end) {
        if (!le(start, end)) {
            // The empty request [k, k-1] (PINARG-EMPTY) touches only an ordinary range containing page k.
            var r = lowestEndingAtOrAbove(start);
            return r != null && r.ordinary() && le(r.pgstart, start) ? r : null;
        }
        // An ordinary range crossing 'end' is the highest candidate; else the highest ending at or below it.
        var above = lowestEndingAbove(end);
        if (above != null && above.ordinary() && le(above.pgstart, end)) {
            return above;
        }
        var below = highestEndingAtOrBelow(end);
        return below != null && ge(below.pgend, start) ? below : null;
    }

    /** ashmem_unpin(): UNPIN-WALK, UNPIN-SUBSUMED, UNPIN-MERGE, UNPIN-PURGED-SPREAD, UNPIN-ADJACENT, UNPIN-INSERT. */
    public long unpin(long pgstart, long pgend) {
        boolean purged = false;
        while (true) {
            var r = policy.mergeAdjacent()
                    ? highestTouching(pgstart == 0 ? 0 : pgstart - 1, pgend == Abi.U64_MAX ? pgend : pgend + 1)
                    : highestTouching(pgstart, pgend);
            if (r == null) {
                break;
            }
            if (le(r.pgstart, pgstart) && ge(r.pgend, pgend)) {
                return 0; // UNPIN-SUBSUMED (also after earlier merges, as the restarted walk would see it)
            }
            pgstart = Unsigned.min(r.pgstart, pgstart); // UNPIN-MERGE
            pgend = Unsigned.max(r.pgend, pgend);
            purged = policy.mergePurged(purged, r.purged); // UNPIN-PURGED-SPREAD
            delete(r);
        }
        var range = newRange(pgstart, pgend, purged);
        index.add(range); // UNPIN-INSERT: the index order is the driver's insertion point
        if (!purged) {
            lru.addTail(range);
        }
        return 0; // UNPIN-RET
    }

    /** ashmem_pin(): PIN-WALK, PIN-CASE-1..4, PIN-SPLIT-TAIL, PIN-RET. */
    public long pin(long pgstart, long pgend) {
        long ret = Abi.NOT_PURGED;
        if (!le(pgstart, pgend)) {
            // Empty request [k, k-1]: the one range containing page k is cut at k (PIN-CASE-4), or left as
            // it is when it starts at k (PIN-CASE-2 with pgend + 1 == k changes nothing).
            var r = highestTouching(pgstart, pgend);
            if (r == null) {
                return ret;
            }
            ret = r.purged ? Abi.WAS_PURGED : Abi.NOT_PURGED;
            if (r.pgstart != pgstart) {
                split(r, pgstart, pgend);
            }
            return ret;
        }
        Range<O> r;
        while ((r = highestTouching(pgstart, pgend)) != null) {
            if (r.purged) {
                ret = Abi.WAS_PURGED; // PIN-RET
            }
            if (ge(r.pgstart, pgstart) && le(r.pgend, pgend)) {
                delete(r); // PIN-CASE-1
            } else if (ge(r.pgstart, pgstart)) {
                shrink(r, pgend + 1, r.pgend); // PIN-CASE-2: keeps its LRU place
            } else if (le(r.pgend, pgend)) {
                shrink(r, r.pgstart, pgstart - 1); // PIN-CASE-3: keeps its LRU place
            } else {
                split(r, pgstart, pgend); // PIN-CASE-4
                break;
            }
        }
        return ret;
    }

    /** PIN-CASE-4: r keeps [start, pgstart-1]; a new range [pgend+1, end] joins the LRU tail (PIN-SPLIT-TAIL). */
    private void split(Range<O> r, long pgstart, long pgend) {
        var upper = newRange(pgend + 1, r.pgend, r.purged);
        index.add(upper);
        if (!upper.purged) {
            if (policy.splitPieceToLruTail()) {
                lru.addTail(upper);
            } else {
                lru.addAfter(r, upper);
            }
        }
        shrink(r, r.pgstart, pgstart - 1);
    }

    /** ashmem_get_pin_status(): STATUS-WALK, STATUS-RET, STATUS-EMPTY. */
    public long status(long pgstart, long pgend) {
        return highestTouching(pgstart, pgend) == null ? Abi.IS_PINNED : Abi.IS_UNPINNED;
    }

    /** range_alloc()'s new range (not yet in the index or on the LRU). */
    private Range<O> newRange(long pgstart, long pgend, boolean purged) {
        var r = spare;
        if (r == null) {
            return new Range<>(owner, pgstart, pgend, purged, nextSeq++);
        }
        spare = null;
        r.reuse(pgstart, pgend, purged, nextSeq++);
        return r;
    }

    /** range_del(). */
    private void delete(Range<O> r) {
        index.remove(r);
        if (r.onLru) {
            lru.remove(r);
        }
        spare = r;
    }

    /** range_shrink(): new bounds; an LRU range keeps its place and lruCount drops by the difference. */
    private void shrink(Range<O> r, long start, long end) {
        long pre = r.size();
        index.remove(r);
        r.pgstart = start;
        r.pgend = end;
        index.add(r);
        if (r.onLru && policy.shrinkLowersLruCount()) {
            lru.shrunk(pre, r.size());
        }
    }

    /** CLOSE-RELEASE: every range leaves the area and the LRU. */
    public void clear() {
        for (var r : index.ascending()) {
            if (r.onLru) {
                lru.remove(r);
            }
        }
        index.clear();
    }

    /** One area's ranges ascending, each with its creation number, and the next creation number. */
    public record Saved(List<RangeSnapshot> ranges, long[] seqs, long nextSeq) {
    }

    /** The ranges as they are now, for a reset. */
    public Saved save() {
        var ascending = index.ascending();
        var ranges = new ArrayList<RangeSnapshot>(ascending.size());
        var seqs = new long[ascending.size()];
        for (int i = 0; i < seqs.length; i++) {
            ranges.add(ascending.get(i).snapshot());
            seqs[i] = ascending.get(i).seq;
        }
        return new Saved(ranges, seqs, nextSeq);
    }

    /**
     * Back to {@code saved}, every range off the LRU: the caller has emptied the LRU with
     * {@link Lru#clear()} and links the ranges again in its order with {@link #lruRelink}.
     */
    public void restore(Saved saved) {
        index.clear();
        spare = null;
        for (int i = 0; i < saved.seqs().length; i++) {
            var r = saved.ranges().get(i);
            index.add(new Range<>(owner, r.pgstart(), r.pgend(), r.purged(), saved.seqs()[i]));
        }
        nextSeq = saved.nextSeq();
    }

    /** Puts the range with creation number {@code seq} back at the LRU tail. */
    public void lruRelink(long seq) {
        for (var r : index.ascending()) {
            if (r.seq == seq) {
                lru.addTail(r);
                return;
            }
        }
        throw new IllegalStateException("no range numbered " + seq + " in " + owner);
    }

    /** Marks a range purged after the shrinker took it off the LRU (SHRINK-MARK); it stays listed (SHRINK-KEEP). */
    public static <O> void markPurged(Lru<O> lru, Range<O> r) {
        lru.remove(r);
        r.purged = true;
    }

    /** The list in the driver's (descending) order. */
    public List<RangeSnapshot> snapshot() {
        var ascending = index.ascending();
        var out = new ArrayList<RangeSnapshot>(ascending.size());
        for (int i = ascending.size() - 1; i >= 0; i--) {
            out.add(ascending.get(i).snapshot());
        }
        return out;
    }
}
