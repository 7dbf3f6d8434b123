package dev.ashmem.model;

import java.util.List;

/**
 * A backing file that is still alive (its area is open or a mapping holds it): its size and the pages
 * that hold data (every other page is a hole, as SEEK_DATA/SEEK_HOLE see it).
 */
public record FileSnapshot(int area, long size, List<Long> dataPages) {
    public FileSnapshot {
        dataPages = List.copyOf(dataPages);
    }

    @Override
    public String toString() {
        return "file of area " + area + " size=" + Long.toUnsignedString(size) + " data pages=" + dataPages;
    }
}
