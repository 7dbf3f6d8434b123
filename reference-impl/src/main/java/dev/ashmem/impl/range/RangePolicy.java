package dev.ashmem.impl.range;

/**
 * The decisions of the range walks that a deliberately broken variant may change; the device passes
 * its {@link dev.ashmem.impl.Decisions} in, which holds the driver's answers and the deviations from them.
 */
public interface RangePolicy {
    /** UNPIN-ADJACENT: whether ranges that only touch the request are merged (the driver: no). */
    boolean mergeAdjacent();

    /** UNPIN-PURGED-SPREAD: the merged range's purged flag (the driver: the OR of all it swallowed). */
    boolean mergePurged(boolean accumulated, boolean swallowed);

    /** PIN-SPLIT-TAIL: whether the upper piece of a split joins the LRU tail, not its sibling's place (the driver: yes). */
    boolean splitPieceToLruTail();

    /** INV-LRU-COUNT: whether range_shrink() of a range on the LRU lowers lruCount by the pages it lost (the driver: yes). */
    boolean shrinkLowersLruCount();
}
