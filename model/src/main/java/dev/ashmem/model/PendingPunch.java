package dev.ashmem.model;

/**
 * A range the shrinker has marked purged and taken off the LRU under the mutex, whose hole punch has
 * not run yet (spec CONC-PUNCH-UNLOCKED). Byte bounds are the driver's 64-bit values.
 *
 * @param area  the area the range belonged to when it was marked
 * @param start pgstart * P (mod 2^64)
 * @param end   (pgend + 1) * P (mod 2^64)
 * @param pages the range's size, added to the scan's "freed"
 */
public record PendingPunch(int area, long start, long end, long pages, BackingFileRef file) {

    /** An opaque reference to the backing file, held like the driver's get_file(). */
    public static final class BackingFileRef {
        final BackingFile file;

        BackingFileRef(BackingFile file) {
            this.file = file;
        }
    }

    @Override
    public String toString() {
        return "punch(area " + area + ", bytes " + Long.toUnsignedString(start) + ".." + Long.toUnsignedString(end) + ")";
    }
}
