package dev.ashmem.impl;

import static dev.ashmem.model.Abi.U32_MAX;

import dev.ashmem.impl.range.RangePolicy;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Unsigned;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The decisions of the driver that a deliberately broken variant may take differently, as a value:
 * {@link #DRIVER} is the driver, and each {@link Deviation} added changes one decision. Each method is
 * one decision, the driver's answer first, citing the rule it implements. An {@link OffHeapAshmem}
 * takes one in its constructor, so a broken variant needs no subclass.
 */
public record Decisions(Set<Deviation> deviations) implements RangePolicy {
    /** The driver's behaviour. */
    public static final Decisions DRIVER = new Decisions(Set.of());

    public Decisions {
        var copy = EnumSet.noneOf(Deviation.class);
        copy.addAll(deviations);
        deviations = Collections.unmodifiableSet(copy);
    }

    /** The driver with the given deviations. */
    public static Decisions of(Deviation... deviations) {
        return new Decisions(Set.of(deviations));
    }

    /** These decisions plus one deviation. */
    public Decisions with(Deviation deviation) {
        var more = EnumSet.of(deviation);
        more.addAll(deviations);
        return new Decisions(more);
    }

    public boolean has(Deviation deviation) {
        return deviations.contains(deviation);
    }

    public boolean isDriver() {
        return deviations.isEmpty();
    }

    /** PINARG-WAIT: sleep, holding the mutex, until no hole punch is in flight. */
    boolean awaitsPunches() {
        return !has(Deviation.NO_INFLIGHT_WAIT);
    }

    /** CONC-MUTEX: PIN/UNPIN/GET_PIN_STATUS check their arguments and the file under the mutex. */
    boolean pinChecksUnderMutex() {
        return !has(Deviation.CHECKS_BEFORE_LOCK);
    }

    /** PINARG-LEN0: len 0 means PAGE_ALIGN(size) - offset, computed in 64 bits and truncated to u32. */
    long lenToEnd(long alignedSize, long offset) {
        if (has(Deviation.LEN0_UNDERFLOW_PANICS) && Unsigned.lt(alignedSize, offset)) {
            throw new ArithmeticException("attempt to subtract with overflow"); // the Rust rewrite's panic
        }
        if (has(Deviation.LEN0_NOT_TRUNCATED)) {
            return alignedSize - offset;
        }
        return (alignedSize - offset) & U32_MAX;
    }

    /** PINARG-ALIGN. */
    boolean pinArgAligned(long offset, long len, int pageSize) {
        return has(Deviation.ALIGNMENT_UNCHECKED) || ((offset | len) & (pageSize - 1)) == 0;
    }

    /** PINARG-OVERFLOW: offset + len must fit a u32. */
    boolean pinArgOverflows(long offset, long len) {
        return !has(Deviation.OVERFLOW_UNCHECKED) && U32_MAX - offset < len;
    }

    /** PINARG-EMPTY: a request of zero pages is accepted (and yields [pgstart, pgstart-1]). */
    boolean emptyRequestAllowed() {
        return !has(Deviation.EMPTY_RANGE_REJECTED);
    }

    /** UNPIN-ADJACENT: ranges that only touch are never merged. */
    @Override
    public boolean mergeAdjacent() {
        return has(Deviation.MERGES_ADJACENT);
    }

    /** UNPIN-PURGED-SPREAD: a merge ORs the purged flags. */
    @Override
    public boolean mergePurged(boolean accumulated, boolean swallowed) {
        return has(Deviation.PURGED_NOT_SPREAD) ? accumulated : accumulated | swallowed;
    }

    /** PIN-SPLIT-TAIL: the upper piece of a split joins the LRU tail. */
    @Override
    public boolean splitPieceToLruTail() {
        return !has(Deviation.SPLIT_PIECE_IN_PLACE);
    }

    /** INV-LRU-COUNT: range_shrink() of a range on the LRU lowers lruCount. */
    @Override
    public boolean shrinkLowersLruCount() {
        return !has(Deviation.PIN_FORGETS_LRU_COUNT);
    }

    /** SHRINK-NR: nrToScan drops by one per range (unsigned, so 0 wraps and purges everything). */
    long scanRemaining(long nrToScan, long rangePages) {
        if (has(Deviation.SCAN_COUNTS_PAGES)) {
            return Unsigned.le(nrToScan, rangePages) ? 0 : nrToScan - rangePages;
        }
        return nrToScan - 1;
    }

    /**
     * SHRINK-PUNCH-EXTENT: the pages a punch of bytes [start, end) removes (64-bit values); an end that
     * wrapped to 0 or below start punches to the end of the file, an empty range punches nothing.
     */
    PageSpan punchExtent(long start, long end, long pageCount, int pageSize) {
        if (end == start && end != 0) {
            return PageSpan.EMPTY; // the empty range [N, N-1]
        }
        long first = Long.divideUnsigned(start, pageSize);
        long last = end == 0 || Unsigned.lt(end, start)
                ? pageCount
                : Unsigned.min(Long.divideUnsigned(end, pageSize), pageCount);
        if (has(Deviation.PUNCHES_PINNED_PAGE) && Unsigned.lt(first, last)) {
            last = Unsigned.min(last + 1, pageCount); // INV-PUNCH-PINNED broken: one page too far
        }
        return new PageSpan(first, last);
    }

    /** CLOSE-RELEASE: the last close removes the area's ranges from the LRU. */
    boolean releaseDropsRanges() {
        return !has(Deviation.CLOSE_KEEPS_RANGES);
    }

    /** MMAP-MAY: the mapping may later gain only rights in the mask at mmap time. */
    int mayRights(long protMask) {
        return has(Deviation.MPROTECT_BEYOND_MASK) ? Prot.ALL : (int) protMask;
    }

    /** MMAP-SIZE: PAGE_ALIGN(length) may not exceed PAGE_ALIGN(size). */
    boolean mmapLengthAllowed(long mapLength, long alignedSize) {
        return has(Deviation.MMAP_LONGER_THAN_SIZE) || Unsigned.le(mapLength, alignedSize);
    }

    /** MMAP-PRIVATE: a private mapping is anonymous memory. */
    boolean privateMappingIsAnonymous() {
        return !has(Deviation.PRIVATE_MAPPING_MAPS_FILE);
    }

    /** SIZE-FILE: no SET_SIZE once the file exists. */
    boolean setSizeAllowed(boolean hasFile) {
        return !hasFile || has(Deviation.SET_SIZE_AFTER_MMAP);
    }

    /** NAME-FILE: no SET_NAME once the file exists. */
    boolean setNameAllowed(boolean hasFile) {
        return !hasFile || has(Deviation.SET_NAME_AFTER_MMAP);
    }

    /** PROT-SUBSET: bits can only be removed. */
    boolean protMaskChangeAllowed(long mask, long prot) {
        if (has(Deviation.PROT_BIT_READDED)) {
            return (prot & ~(long) Prot.ALL) == 0;
        }
        return (mask & prot) == prot;
    }

    /** PROT-RIE: READ_IMPLIES_EXEC adds EXEC after the subset check. */
    boolean readImpliesExecBeforeCheck() {
        return has(Deviation.RIE_BEFORE_CHECK);
    }

    /** GETNAME-COPY: only the name and its terminator are copied out. */
    int nameCopyOutLength(int nameLength) {
        return has(Deviation.GET_NAME_LEAKS) ? dev.ashmem.model.Names.NAME_LEN : nameLength + 1;
    }

    @Override
    public String toString() {
        return isDriver() ? "driver" : "driver with " + Arrays.toString(deviations.toArray());
    }
}
