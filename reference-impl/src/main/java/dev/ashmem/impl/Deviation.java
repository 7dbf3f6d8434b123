package dev.ashmem.impl;

/**
 * One way a {@link Decisions} value departs from the driver: each constant changes exactly one decision,
 * named by the rule it breaks. The catalogue {@link dev.ashmem.impl.broken.BrokenVariant} says where
 * each comes from and which suites must catch it.
 */
public enum Deviation {
    /** PINARG-WAIT: PIN, UNPIN and GET_PIN_STATUS do not wait for in-flight hole punches. */
    NO_INFLIGHT_WAIT,
    /** CONC-MUTEX: the pin commands check the file and their argument before taking the mutex. */
    CHECKS_BEFORE_LOCK,
    /** PINARG-LEN0: len 0 computes size - offset without wrapping and panics when offset &gt; size. */
    LEN0_UNDERFLOW_PANICS,
    /** PINARG-LEN0: len 0 is PAGE_ALIGN(size) - offset in 64 bits, not truncated to u32. */
    LEN0_NOT_TRUNCATED,
    /** PINARG-ALIGN: the alignment check is skipped. */
    ALIGNMENT_UNCHECKED,
    /** PINARG-OVERFLOW: the u32 overflow check of offset + len is skipped. */
    OVERFLOW_UNCHECKED,
    /** PINARG-EMPTY: a request of zero pages is rejected. */
    EMPTY_RANGE_REJECTED,
    /** UNPIN-ADJACENT: ranges that only touch the request are merged. */
    MERGES_ADJACENT,
    /** UNPIN-PURGED-SPREAD: a merge keeps the first range's purged flag. */
    PURGED_NOT_SPREAD,
    /** PIN-SPLIT-TAIL: the upper piece of a split takes its sibling's LRU place. */
    SPLIT_PIECE_IN_PLACE,
    /** INV-LRU-COUNT: a PIN that cuts a range on the LRU does not lower lruCount. */
    PIN_FORGETS_LRU_COUNT,
    /** SHRINK-NR: nrToScan drops by the range's pages, not by one. */
    SCAN_COUNTS_PAGES,
    /** SHRINK-PUNCH-EXTENT: the punch reaches one page past the range (a pinned page). */
    PUNCHES_PINNED_PAGE,
    /** CLOSE-RELEASE: the last close leaves the area's ranges on the LRU. */
    CLOSE_KEEPS_RANGES,
    /** MMAP-MAY: a mapping may gain every right by mprotect. */
    MPROTECT_BEYOND_MASK,
    /** MMAP-SIZE: the mmap length is not checked against the size. */
    MMAP_LONGER_THAN_SIZE,
    /** MMAP-PRIVATE: a private mapping maps the backing file. */
    PRIVATE_MAPPING_MAPS_FILE,
    /** SIZE-FILE: SET_SIZE works after the first mmap. */
    SET_SIZE_AFTER_MMAP,
    /** NAME-FILE: SET_NAME works after the first mmap. */
    SET_NAME_AFTER_MMAP,
    /** PROT-SUBSET: a removed prot bit can be added back. */
    PROT_BIT_READDED,
    /** PROT-RIE: READ_IMPLIES_EXEC adds EXEC before the subset check. */
    RIE_BEFORE_CHECK,
    /** GETNAME-COPY: GET_NAME copies the whole 256-byte buffer out. */
    GET_NAME_LEAKS
}
