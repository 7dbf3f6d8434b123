package dev.ashmem.model;

/**
 * The driver's registered shrinker, as memory reclaim sees it (struct shrinker in include/linux/shrinker.h,
 * spec chapter 5): a count and a scan. What a reclaim client such as a background purger needs, and no more.
 */
public interface Shrinker {
    /** SHRINK_STOP, what scan returns when it cannot proceed (~0UL). */
    long SHRINK_STOP = -1L;

    /** The shrinker's count_objects: lruCount, as an unsigned value in a long. */
    long shrinkCount();

    /**
     * The shrinker's scan_objects with {@code nrToScan} (unsigned); {@code mayEnterFs} is the
     * allocation's __GFP_FS. Returns the pages freed, or {@link #SHRINK_STOP}.
     */
    long shrinkScan(long nrToScan, boolean mayEnterFs);
}
