package dev.ashmem.model;

import java.util.Objects;

/** open, dup and close: handles onto areas, and the release of an area with its last handle. */
final class HandleRules {
    private HandleRules() {
    }

    /** HANDLE-NUM: the lowest non-negative number not in use. */
    static int lowestFree(ModelState s) {
        int fd = 0;
        while (s.handles.containsKey(fd)) {
            fd++;
        }
        return fd;
    }

    /** OPEN-AREA: a new area, size 0, mask rwx, unnamed, no file, everything pinned. */
    static Result open(ModelState s) {
        s.fire("OPEN-AREA");
        var area = new Area(s.nextAreaId++);
        s.areas.add(area);
        return attach(s, area);
    }

    /** DUP-HANDLE: another handle on the same area. */
    static Result dup(ModelState s, Area area) {
        s.fire("DUP-HANDLE");
        return attach(s, area);
    }

    private static Result attach(ModelState s, Area area) {
        int fd = lowestFree(s);
        s.fire("HANDLE-NUM");
        s.handles.put(fd, area);
        area.handles++;
        return Result.ok(fd);
    }

    /** CLOSE-REF, CLOSE-RELEASE, CLOSE-MAPPINGS. */
    static Result close(ModelState s, int fd) {
        var area = Objects.requireNonNull(s.handles.remove(fd));
        if (--area.handles > 0) {
            s.fire("CLOSE-REF");
            return Result.ZERO;
        }
        s.fire("CLOSE-RELEASE"); // every range leaves the area and the LRU
        for (var r : area.unpinned.toArray(Range[]::new)) {
            PinRules.delete(s, r);
        }
        s.areas.remove(area);
        if (area.file != null && s.mappings.values().stream().anyMatch(m -> m.file == area.file)) {
            s.fire("CLOSE-MAPPINGS"); // mappings keep their own reference to the file
        }
        return Result.ZERO;
    }
}
