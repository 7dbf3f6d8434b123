package dev.ashmem.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/** The state invariants of the spec, checked on a whole model state. */
public final class Invariants {
    private Invariants() {
    }

    /** One broken invariant: its rule ID and what was seen. */
    public record Violation(String ruleId, String detail) {
        @Override
        public String toString() {
            return ruleId + ": " + detail;
        }
    }

    /** Thrown by {@link AshmemModel#checkInvariants()}. */
    public static final class InvariantViolation extends AssertionError {
        private final transient Violation violation;

        InvariantViolation(Violation violation, DeviceSnapshot state) {
            super(violation + "\nin state:\n" + state);
            this.violation = violation;
        }

        public Violation violation() {
            return violation;
        }
    }

    static List<Violation> check(ModelState s) {
        var out = new ArrayList<Violation>();
        var onLru = Collections.newSetFromMap(new IdentityHashMap<Range, Boolean>());
        long sum = 0;
        for (var r : s.lru.ranges) {
            if (!onLru.add(r)) {
                out.add(new Violation("INV-LRU-IFF", "range " + r + " twice on the LRU"));
            }
            sum += r.size();
            if (!s.areas.contains(r.area) || !r.area.unpinned.contains(r)) {
                out.add(new Violation("INV-LRU-AREA", "LRU range " + r + " of area " + r.area.id + " is in no live area's list"));
            }
        }
        if (sum != s.lru.count) {
            out.add(new Violation("INV-LRU-COUNT", "lruCount " + Long.toUnsignedString(s.lru.count)
                    + " but the LRU ranges hold " + Long.toUnsignedString(sum) + " pages"));
        }
        for (var a : s.areas) {
            checkArea(s, a, onLru, out);
        }
        if (s.pinnedPagesPunched != 0) {
            out.add(new Violation("INV-PUNCH-PINNED", s.pinnedPagesPunched + " data page(s) punched while pinned"));
        }
        if (s.inflight < 0) {
            out.add(new Violation("CONC-INFLIGHT", "in-flight count " + s.inflight));
        }
        return out;
    }

    private static void checkArea(ModelState s, Area a, java.util.Set<Range> onLru, List<Violation> out) {
        if ((a.protMask & ~Prot.ALL) != 0) {
            out.add(new Violation("INV-MASK", "area " + a.id + " mask " + Long.toHexString(a.protMask)));
        }
        if (a.file != null && (a.file.size != a.size || !Arrays.equals(a.file.name, a.name))) {
            out.add(new Violation("INV-FILE-FIXED", "area " + a.id + " size/name changed after its file was created"));
        }
        long pages = a.file == null ? 0 : Long.divideUnsigned(Unsigned.pageAlign(a.size, s.pageSize), s.pageSize); // no fire(): a check, not an operation
        Range prev = null;
        for (var r : a.unpinned) {
            if (r.onLru() != onLru.contains(r)) {
                out.add(new Violation("INV-LRU-IFF", "area " + a.id + " range " + r + (r.purged ? " purged but on" : " not purged but off") + " the LRU"));
            }
            if (prev != null && !Unsigned.lt(r.pgend, prev.pgstart)) {
                out.add(new Violation("INV-ORDER", "area " + a.id + " range " + r + " follows " + prev));
            }
            boolean inBounds = Unsigned.le(r.pgstart, r.pgend) && Unsigned.lt(r.pgend, pages);
            boolean empty = r.pgend == r.pgstart - 1 && Unsigned.le(r.pgstart, pages);
            boolean wrapped = r.pgend == -1L;
            if (a.file == null || !(inBounds || empty || wrapped)) {
                out.add(new Violation("INV-BOUNDS", "area " + a.id + " range " + r + " outside its " + pages + " pages"));
            }
            prev = r;
        }
    }
}
