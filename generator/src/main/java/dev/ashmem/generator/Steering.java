package dev.ashmem.generator;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Unsigned;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an operation aims at, relative to the state it runs in: the situations the driver's list walks
 * tell apart (spec/04-pinning.md). It classifies what was produced, whoever produced it, so coverage of
 * the steering can be measured (suites label steps with {@link Target#label()}).
 */
public final class Steering {
    /** The situations worth reaching; the label is what reports and coverage show. */
    public enum Target {
        START_IS_RANGE_START("steer: request start == a range's start"),
        END_IS_RANGE_END("steer: request end == a range's end"),
        SPANS_RANGES("steer: request meets several ranges"),
        SPANS_PURGED_AND_FRESH("steer: request meets purged and unpurged ranges"),
        UNPIN_MERGES_PURGED("steer: UNPIN merges with a purged range beyond it"),
        UNPIN_PART_OF_RANGE("steer: UNPIN of part of an older range"),
        PIN_SPLITS_RANGE("steer: PIN strictly inside a range"),
        PIN_OVER_PURGED("steer: PIN meets a purged range"),
        EMPTY_PIECE("steer: empty request or empty range met"),
        TOUCHES_RANGE("steer: request touches a range"),
        SCAN_WITH_RANGES("steer: scan or purge with ranges on the LRU"),
        UNPIN_BELOW_DATA("steer: UNPIN ends right below a pinned page with data"),
        OVERFLOW_IN_BIG_REGION("steer: offset + len past u32 in a region of 4 GiB or more"),
        MPROTECT_BEYOND_MAY("steer: mprotect asks for a right beyond the mapping's may"),
        RIE_KEEPS_READ_WITHOUT_EXEC("steer: READ_IMPLIES_EXEC caller sets a mask with READ, without EXEC"),
        PIN_SPLITS_BEHIND_YOUNGER("steer: PIN splits a range with a younger one behind it on the LRU"),
        SCAN_BETWEEN_SPLIT_PIECES("steer: scan stops between the pieces of a split"),
        SCAN_PURGES_BESIDE_DATA("steer: scan purges a range right below a page with data"),
        SEEK_PAST_PURGE_TO_DATA("steer: SEEK_DATA from a purged range to the data page after it"),
        MMAP_UNDER_REDUCED_MASK("steer: mmap under a reduced mask, before any mapping lacks a bit"),
        MMAP_PAST_SIZE("steer: mmap longer than the region"),
        LEN0_PAST_END("steer: len 0 from past PAGE_ALIGN(size)");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private Steering() {
    }

    /** The targets {@code op} hits when run in state {@code before}. */
    public static Set<Target> of(DeviceSnapshot before, Op op) {
        var out = EnumSet.noneOf(Target.class);
        switch (op) {
            case Op.ShrinkScan s when !before.lru().isEmpty() -> {
                out.add(Target.SCAN_WITH_RANGES);
                int split = Witnesses.splitScan(before);
                if (s.mayEnterFs() && split > 0 && Unsigned.ge(s.nrToScan(), split) && Unsigned.lt(s.nrToScan(), before.lru().size())) {
                    out.add(Target.SCAN_BETWEEN_SPLIT_PIECES);
                }
                int beside = Witnesses.purgeBesideData(before);
                if (s.mayEnterFs() && beside > 0 && (s.nrToScan() == 0 || Unsigned.ge(s.nrToScan(), beside))) {
                    out.add(Target.SCAN_PURGES_BESIDE_DATA);
                }
            }
            case Op.Llseek l when l.whence() == dev.ashmem.model.Whence.SEEK_DATA -> {
                var area = before.areas().stream().filter(a -> a.handles().contains(l.fd())).findFirst().orElse(null);
                var r = Witnesses.purgedBesideData(before, area);
                if (r != null && Unsigned.le(l.offset(), (r.pgend() + 1) * before.pageSize())
                        && Unsigned.ge(l.offset(), r.pgstart() * before.pageSize())) {
                    out.add(Target.SEEK_PAST_PURGE_TO_DATA);
                }
            }
            case Op.Mmap m -> {
                var area = before.areas().stream().filter(a -> a.handles().contains(m.fd())).findFirst().orElse(null);
                if (area != null && area.size() != 0) {
                    long aligned = Unsigned.pageAlign(area.size(), before.pageSize());
                    if (Unsigned.gt(Unsigned.pageAlign(m.length(), before.pageSize()), aligned)) {
                        out.add(Target.MMAP_PAST_SIZE);
                    } else if (Witnesses.maskUnmapped(before) && area.protMask() != Prot.ALL && (m.prot() & ~area.protMask() & Prot.ALL) == 0) {
                        out.add(Target.MMAP_UNDER_REDUCED_MASK);
                    }
                }
            }
            case Op.Mprotect m -> before.mappings().stream().filter(x -> x.id() == m.mapping()).findFirst()
                    .filter(x -> (m.prot() & Prot.ALL & ~x.mayProt()) != 0).ifPresent(x -> out.add(Target.MPROTECT_BEYOND_MAY));
            case Op.Ioctl io when io.cmd() instanceof Command.SetProtMask pm && io.caller().readImpliesExec()
                    && (pm.prot() & Prot.READ) != 0 && (pm.prot() & Prot.EXEC) == 0 -> out.add(Target.RIE_KEEPS_READ_WITHOUT_EXEC);
            case Op.Ioctl io when io.cmd() instanceof Command.PurgeAllCaches && !before.lru().isEmpty() -> out.add(Target.SCAN_WITH_RANGES);
            case Op.Ioctl io -> {
                var area = before.areas().stream().filter(a -> a.handles().contains(io.fd())).findFirst().orElse(null);
                switch (io.cmd()) {
                    case Command.Unpin u -> {
                        request(before.pageSize(), area, u.arg(), true, false, out);
                        belowData(before, area, u.arg(), out);
                    }
                    case Command.Pin u -> {
                        request(before.pageSize(), area, u.arg(), false, true, out);
                        if (out.contains(Target.PIN_SPLITS_RANGE) && area != null && Witnesses.splittableBehindYounger(before, area.id())) {
                            out.add(Target.PIN_SPLITS_BEHIND_YOUNGER);
                        }
                    }
                    case Command.GetPinStatus u -> request(before.pageSize(), area, u.arg(), false, false, out);
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** A valid request's pages [s, e] (PINARG-LEN0 .. PINARG-PAGES), or null; an invalid one aims at nothing here. */
    private static long[] pages(int p, AreaSnapshot area, Command.PinArg arg) {
        if (area == null || !area.hasFile() || arg.badPointer()) {
            return null;
        }
        long aligned = Unsigned.pageAlign(area.size(), p);
        long offset = arg.offset();
        long len = arg.len() == 0 ? (aligned - offset) & Abi.U32_MAX : arg.len();
        if (((offset | len) & (p - 1)) != 0 || Abi.U32_MAX - offset < len || Unsigned.lt(aligned, offset + len) || len == 0) {
            return null;
        }
        return new long[] {offset / p, offset / p + len / p - 1};
    }

    private static void belowData(DeviceSnapshot before, AreaSnapshot area, Command.PinArg arg, Set<Target> out) {
        var pg = pages(before.pageSize(), area, arg);
        if (pg != null && before.files().stream().anyMatch(f -> f.area() == area.id() && f.dataPages().contains(pg[1] + 1))
                && area.unpinned().stream().noneMatch(r -> contains(r, pg[1] + 1))) {
            out.add(Target.UNPIN_BELOW_DATA);
        }
    }

    private static void request(int p, AreaSnapshot area, Command.PinArg arg, boolean unpin, boolean pin, Set<Target> out) {
        if (area == null || !area.hasFile() || arg.badPointer()) {
            return;
        }
        if (arg.len() == 0 && Unsigned.lt(Unsigned.pageAlign(area.size(), p), arg.offset())) {
            out.add(Target.LEN0_PAST_END);
        }
        if (Unsigned.lt(Boundaries.TWO_32, Unsigned.pageAlign(area.size(), p)) && Abi.U32_MAX - arg.offset() < arg.len()) {
            out.add(Target.OVERFLOW_IN_BIG_REGION);
        }
        // The page request of PINARG-LEN0 .. PINARG-PAGES for a valid argument; an invalid one aims at nothing here.
        long aligned = Unsigned.pageAlign(area.size(), p);
        long offset = arg.offset();
        long len = arg.len() == 0 ? (aligned - offset) & Abi.U32_MAX : arg.len();
        if (((offset | len) & (p - 1)) != 0 || Abi.U32_MAX - offset < len || Unsigned.lt(aligned, offset + len)) {
            return;
        }
        long s = offset / p;
        long e = s + len / p - 1;
        boolean emptyRequest = len == 0;
        int met = 0;
        boolean purgedMet = false;
        boolean freshMet = false;
        for (var r : area.unpinned()) {
            boolean empty = r.pgend() == r.pgstart() - 1;
            if (!empty && !emptyRequest) {
                if (r.pgstart() == s) {
                    out.add(Target.START_IS_RANGE_START);
                }
                if (r.pgend() == e) {
                    out.add(Target.END_IS_RANGE_END);
                }
                if (r.pgend() + 1 == s || e + 1 == r.pgstart()) {
                    out.add(Target.TOUCHES_RANGE);
                }
            }
            if (!meets(r, s, e)) {
                continue;
            }
            met++;
            purgedMet |= r.purged();
            freshMet |= !r.purged();
            if (empty || emptyRequest) {
                out.add(Target.EMPTY_PIECE);
            }
            boolean covers = Unsigned.le(r.pgstart(), s) && Unsigned.ge(r.pgend(), e);
            if (unpin && r.purged() && !covers) {
                out.add(Target.UNPIN_MERGES_PURGED);
            }
            if (unpin && covers && !(r.pgstart() == s && r.pgend() == e) || unpin && !covers && !lies(r, s, e)) {
                out.add(Target.UNPIN_PART_OF_RANGE);
            }
            if (pin && Unsigned.lt(r.pgstart(), s) && Unsigned.gt(r.pgend(), e)) {
                out.add(Target.PIN_SPLITS_RANGE);
            }
            if (pin && r.purged()) {
                out.add(Target.PIN_OVER_PURGED);
            }
        }
        if (met >= 2) {
            out.add(Target.SPANS_RANGES);
        }
        if (purgedMet && freshMet) {
            out.add(Target.SPANS_PURGED_AND_FRESH);
        }
    }

    /** R meets [s..e]: contains s, contains e, or lies within (spec 4.2, unsigned). */
    private static boolean meets(RangeSnapshot r, long s, long e) {
        return contains(r, s) || contains(r, e) || lies(r, s, e);
    }

    private static boolean contains(RangeSnapshot r, long x) {
        return Unsigned.le(r.pgstart(), x) && Unsigned.le(x, r.pgend());
    }

    private static boolean lies(RangeSnapshot r, long s, long e) {
        return Unsigned.ge(r.pgstart(), s) && Unsigned.le(r.pgend(), e);
    }
}
