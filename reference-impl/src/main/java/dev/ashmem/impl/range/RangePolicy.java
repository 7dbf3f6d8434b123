package dev.ashmem.impl.range;

/**
 * The decisions of the range walks that a deliberately broken variant may change; the device passes
 * its {@link dev.ashmem.impl.Decisions} in. The correct answers are the defaults.
 */
public interface RangePolicy {
    /** UNPIN-ADJACENT: ranges that only touch the request are not merged. */
    default boolean mergeAdjacent() {
        return false;
    }

    /** UNPIN-PURGED-SPREAD: the merged range's purged flag is the OR of all it swallowed. */
    default boolean mergePurged(boolean accumulated, boolean swallowed) {
        return accumulated | swallowed;
    }

    /** PIN-SPLIT-TAIL: the upper piece of a split joins the LRU tail (not its sibling's place). */
    default boolean splitPieceToLruTail() {
        return true;
    }

    /** INV-LRU-COUNT: range_shrink() of a range on the LRU lowers lruCount by the pages it lost. */
    default boolean shrinkLowersLruCount() {
        return true;
    }

    RangePolicy DRIVER = new RangePolicy() {
    };
}
