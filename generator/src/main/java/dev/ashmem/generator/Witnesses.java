package dev.ashmem.generator;

import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import java.util.List;

/**
 * States in which one operation shows what an earlier step did: a result differs only there when an
 * implementation got the earlier step wrong. The generator aims at them ({@link Draws}, {@link OpKind#boost})
 * and {@link Steering} counts them. Each test is one pass over the LRU or the area's ranges, without
 * allocation: it runs for every step of every chain.
 */
final class Witnesses {
    private Witnesses() {
    }

    /**
     * PIN-SPLIT-TAIL: the scan count that purges the LRU up to and including an older range of the tail's area
     * lying below the tail, and one range more, when another range lies between them on the LRU (the pieces of
     * a split: the upper piece went to the tail, past younger ranges). Such a scan purges the range between on
     * the driver and the upper piece on an implementation that left it in place; 0 when there is no such pair.
     */
    static int splitScan(DeviceSnapshot s) {
        var lru = s.lru();
        int n = lru.size();
        if (n < 3) {
            return 0;
        }
        var tail = lru.get(n - 1);
        if (tail.pgstart() > tail.pgend()) {
            return 0;
        }
        int below = -1;
        long belowEnd = Long.MIN_VALUE;
        for (int i = 0; i < n - 1; i++) {
            var e = lru.get(i);
            // The lower piece ends below the pinned pages that separate it from the upper one.
            if (e.area() == tail.area() && e.pgstart() <= e.pgend() && e.pgend() + 1 < tail.pgstart() && e.pgend() > belowEnd) {
                below = i;
                belowEnd = e.pgend();
            }
        }
        return below >= 0 && below <= n - 3 ? below + 2 : 0;
    }

    /**
     * PIN-SPLIT-TAIL, PIN-RET: the LRU tail when a purged range of its area lies below it, past pinned pages (a
     * scan took the lower piece of a split and stopped before the upper one): a PIN of it reports whether it
     * was purged too; null when there is none.
     */
    static DeviceSnapshot.LruEntry tailAbovePurged(DeviceSnapshot s) {
        var lru = s.lru();
        if (lru.isEmpty()) {
            return null;
        }
        var tail = lru.getLast();
        if (tail.pgstart() > tail.pgend()) {
            return null;
        }
        for (var a : s.areas()) {
            if (a.id() == tail.area()) {
                for (var r : a.unpinned()) {
                    if (r.purged() && r.pgstart() <= r.pgend() && r.pgend() + 1 < tail.pgstart()) {
                        return tail;
                    }
                }
            }
        }
        return null;
    }

    /**
     * SHRINK-PUNCH-EXTENT, INV-PUNCH-PINNED: the scan count that purges the oldest range on the LRU whose next
     * page holds data (a punch must stop right before that page); 0 when there is none.
     */
    static int purgeBesideData(DeviceSnapshot s) {
        var lru = s.lru();
        for (int i = 0; i < lru.size(); i++) {
            var e = lru.get(i);
            if (holdsData(s, e.area(), e.pgend() + 1)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** A purged range of {@code area} whose next page holds data (SHRINK-PUNCH-EXTENT), or null. */
    static RangeSnapshot purgedBesideData(DeviceSnapshot s, AreaSnapshot area) {
        if (area == null) {
            return null;
        }
        for (var r : area.unpinned()) {
            if (r.purged() && r.pgstart() <= r.pgend() && holdsData(s, area.id(), r.pgend() + 1)) {
                return r;
            }
        }
        return null;
    }

    /** As above, in any area. */
    static boolean purgedBesideData(DeviceSnapshot s) {
        for (var a : s.areas()) {
            if (purgedBesideData(s, a) != null) {
                return true;
            }
        }
        return false;
    }

    /** An unpurged range whose next page is pinned and holds no data (a store there makes the page a purge must spare). */
    static boolean pinnedAboveWithoutData(DeviceSnapshot s) {
        for (var a : s.areas()) {
            if (!a.hasFile()) {
                continue;
            }
            for (var r : a.unpinned()) {
                long pg = r.pgend() + 1;
                if (!r.purged() && r.pgstart() <= r.pgend() && pg < 64 && !inRange(a, pg) && !holdsData(s, a.id(), pg)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A private mapping over a page of its area's file that holds data: a load shows its own copy (MMAP-PRIVATE). */
    static boolean privateOverData(DeviceSnapshot s) {
        for (var m : s.mappings()) {
            if (!m.shared() && m.offset() >= 0 && m.offset() % s.pageSize() == 0) {
                long first = m.offset() / s.pageSize();
                long end = first + Math.min(m.length(), 16L * s.pageSize()) / s.pageSize();
                for (var f : s.files()) {
                    if (f.area() == m.area()) {
                        for (long pg : f.dataPages()) {
                            if (pg >= first && pg < end) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Some file has pages with data and no private mapping exists: one made now must not show them (MMAP-PRIVATE). */
    static boolean dataWithoutPrivate(DeviceSnapshot s) {
        for (var m : s.mappings()) {
            if (!m.shared()) {
                return false;
            }
        }
        for (var f : s.files()) {
            if (!f.dataPages().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static boolean holdsData(DeviceSnapshot s, int area, long page) {
        for (var f : s.files()) {
            if (f.area() == area) {
                return f.dataPages().contains(page);
            }
        }
        return false;
    }

    /**
     * PIN-SPLIT-TAIL: a range of {@code area} of three pages or more that has a younger range behind it on
     * the LRU, so that a PIN strictly inside it sends the upper piece past that range.
     */
    static boolean splittableBehindYounger(DeviceSnapshot s, int area) {
        var lru = s.lru();
        for (int i = 0; i < lru.size() - 1; i++) {
            var e = lru.get(i);
            if ((area < 0 || e.area() == area) && e.pgend() - e.pgstart() >= 2) {
                return true;
            }
        }
        return false;
    }

    /** As above, in any area. */
    static boolean splittableBehindYounger(DeviceSnapshot s) {
        return splittableBehindYounger(s, -1);
    }

    /**
     * The youngest range is a wide one (three pages or more) with nothing behind it: an UNPIN elsewhere
     * makes the younger range a later split must pass (PIN-SPLIT-TAIL).
     */
    static boolean wideYoungest(DeviceSnapshot s) {
        var lru = s.lru();
        if (lru.isEmpty()) {
            return false;
        }
        var last = lru.getLast();
        return last.pgend() - last.pgstart() >= 2;
    }

    /** No range on the LRU is wide enough to split: an UNPIN in free pages makes one (PIN-SPLIT-TAIL). */
    static boolean noWideRange(DeviceSnapshot s) {
        for (var e : s.lru()) {
            if (e.pgend() - e.pgstart() >= 2) {
                return false;
            }
        }
        return true;
    }

    /** MMAP-MAY: a sized area whose mask lost a bit while no mapping lacks one; a mapping made now would. */
    static boolean maskUnmapped(DeviceSnapshot s) {
        boolean reduced = false;
        for (var a : s.areas()) {
            reduced |= a.size() != 0 && a.protMask() != Prot.ALL;
        }
        if (!reduced) {
            return false;
        }
        for (var m : s.mappings()) {
            if (m.mayProt() != Prot.ALL) {
                return false;
            }
        }
        return true;
    }

    /** The pages right above an unpurged range of the area that lie in no range: pinned pages beside an unpinned one. */
    static void pinnedAboveRanges(AreaSnapshot area, long first, long end, List<Long> out) {
        for (var r : area.unpinned()) {
            long pg = r.pgend() + 1;
            if (!r.purged() && r.pgstart() <= r.pgend() && pg >= first && pg < end && !inRange(area, pg)) {
                out.add(pg);
            }
        }
    }

    private static boolean inRange(AreaSnapshot area, long page) {
        for (var r : area.unpinned()) {
            if (r.pgstart() <= page && page <= r.pgend()) {
                return true;
            }
        }
        return false;
    }
}
