package dev.ashmem.impl.shrink;

/** How hard a memory-pressure signal asks the purger to work (after Android's onTrimMemory levels). */
public enum MemoryPressure {
    /** Trim unpinned pages to half the budget. */
    MODERATE,
    /** Trim unpinned pages to a quarter of the budget. */
    LOW,
    /** Purge every unpinned page. */
    CRITICAL
}
