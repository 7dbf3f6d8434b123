package dev.ashmem.impl;

import dev.ashmem.impl.file.BackingFile;

/**
 * A range the shrinker has marked purged and taken off the LRU under the mutex, whose hole punch has
 * not run yet (CONC-PUNCH-UNLOCKED). Counted in flight until released.
 *
 * @param area  the area the range belonged to
 * @param start pgstart * P (mod 2^64)
 * @param end   (pgend + 1) * P (mod 2^64)
 * @param pages the range's size, added to the scan's "freed"
 * @param file  the backing file, referenced like the driver's get_file(); null if it was already closed
 */
public record PendingPunch(int area, long start, long end, long pages, BackingFile file) {
    @Override
    public String toString() {
        return "punch(area " + area + ", bytes " + Long.toUnsignedString(start) + ".." + Long.toUnsignedString(end) + ")";
    }
}
