package dev.ashmem.model;

import java.util.ArrayList;
import java.util.List;

/** struct ashmem_area: one per open of the device, shared by every duplicate handle. */
final class Area {
    final int id;
    byte[] name = new byte[0];
    long size;
    long protMask = Prot.ALL;
    BackingFile file;
    /** The unpinned list, in descending page order as the driver keeps it. */
    final List<Range> unpinned = new ArrayList<>();
    /** The open file description's position (one per area: dup'd handles share it). */
    long position;
    int handles;

    Area(int id) {
        this.id = id;
    }

    AreaSnapshot snapshot(List<Integer> fds) {
        var ranges = new ArrayList<RangeSnapshot>(unpinned.size());
        for (var r : unpinned) {
            ranges.add(r.snapshot());
        }
        return new AreaSnapshot(id, fds, Names.text(name), size, protMask, file != null, position, ranges);
    }
}
