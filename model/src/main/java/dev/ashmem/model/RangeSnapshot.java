package dev.ashmem.model;

/** One entry of an area's unpinned list: inclusive page numbers (unsigned) and the purged flag. */
public record RangeSnapshot(long pgstart, long pgend, boolean purged) {
    @Override
    public String toString() {
        return pages(pgstart, pgend) + (purged ? "P" : "");
    }

    static String pages(long pgstart, long pgend) {
        return "[" + Long.toUnsignedString(pgstart) + ".." + Long.toUnsignedString(pgend) + "]";
    }
}
