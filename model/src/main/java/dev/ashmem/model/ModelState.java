package dev.ashmem.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.TreeMap;

/** The whole mutable state of the model: what the driver's one global mutex protects, plus handles. */
final class ModelState {
    final int pageSize;
    /** The architecture's facts of the generic layer (CTX-PLATFORM). */
    final Platform platform;
    /** Handle number -> area (HANDLE-NUM). */
    final TreeMap<Integer, Area> handles = new TreeMap<>();
    /** Live areas in open order. */
    final List<Area> areas = new ArrayList<>();
    final Lru lru = new Lru();
    final TreeMap<Integer, Mapping> mappings = new TreeMap<>();
    int nextAreaId;
    int nextMappingId = 1;
    /** ashmem_shrink_inflight: punches marked but not yet released (CONC-INFLIGHT). */
    int inflight;
    /** PINARG-WAIT in force; off only to explore the protocol without it (the race the wait prevents). */
    boolean pinWaitsForPunches = true;
    /** Ghost count of pages punched while pinned (INV-PUNCH-PINNED); always 0 in a correct protocol. */
    long pinnedPagesPunched;

    /** The rules applied by the current operation, in order (checks fire when they reject). */
    final List<String> fired = new ArrayList<>();

    ModelState(int pageSize, Platform platform) {
        this.platform = java.util.Objects.requireNonNull(platform, "platform");
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException("page size must be 4096, 16384 or 65536 (CTX-PAGE): " + pageSize);
        }
        this.pageSize = pageSize;
    }

    void fire(String rule) {
        fired.add(rule);
    }

    /** A check that rejects: records the rule and gives its errno. */
    Result reject(String rule, Errno errno) {
        fired.add(rule);
        return Result.err(errno);
    }

    long pageAlign(long x) {
        fire("CTX-PAGE");
        long aligned = Unsigned.pageAlign(x, pageSize);
        if (aligned == 0 && x != 0) {
            fire("ARITH-U64"); // x > 2^64 - P: the rounding wraps to 0
        }
        return aligned;
    }

    /** Deep copy, preserving the sharing between areas, ranges, the LRU, files and mappings. */
    ModelState copy() {
        var c = new ModelState(pageSize, platform);
        var areaMap = new IdentityHashMap<Area, Area>();
        var rangeMap = new IdentityHashMap<Range, Range>();
        var fileMap = new IdentityHashMap<BackingFile, BackingFile>();
        for (var a : areas) {
            var n = new Area(a.id);
            n.name = a.name;
            n.size = a.size;
            n.protMask = a.protMask;
            n.position = a.position;
            n.handles = a.handles;
            if (a.file != null) {
                n.file = fileMap.computeIfAbsent(a.file, BackingFile::copy);
            }
            for (var r : a.unpinned) {
                var nr = new Range(n, r.pgstart, r.pgend, r.purged);
                rangeMap.put(r, nr);
                n.unpinned.add(nr);
            }
            areaMap.put(a, n);
            c.areas.add(n);
        }
        handles.forEach((fd, a) -> c.handles.put(fd, areaMap.get(a)));
        for (var r : lru.ranges) {
            c.lru.ranges.add(rangeMap.get(r));
        }
        c.lru.count = lru.count;
        mappings.forEach((id, m) -> c.mappings.put(id, m.copy(fileMap.computeIfAbsent(m.file, BackingFile::copy))));
        c.nextAreaId = nextAreaId;
        c.nextMappingId = nextMappingId;
        c.inflight = inflight;
        c.pinnedPagesPunched = pinnedPagesPunched;
        c.pinWaitsForPunches = pinWaitsForPunches;
        return c;
    }
}
