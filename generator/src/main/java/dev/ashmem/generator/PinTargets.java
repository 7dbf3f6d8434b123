package dev.ashmem.generator;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Command;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.pbt.Choices;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * PIN, UNPIN and GET_PIN_STATUS arguments aimed at what the driver's list walks tell apart
 * (spec/04-pinning.md, model {@code PinRules}): requests whose start or end equals an existing range's
 * start or end exactly (the covers / lies-within / meets tests of UNPIN-WALK and PIN-CASE-1..4 switch
 * there), requests over several ranges of different purged status (UNPIN-MERGE, UNPIN-PURGED-SPREAD,
 * PIN-RET), UNPINs overlapping a purged range, requests strictly inside a range (PIN-CASE-4, a partial
 * re-UNPIN: UNPIN-SUBSUMED), requests touching a range (UNPIN-ADJACENT), the zero-len shapes
 * (PINARG-LEN0, PINARG-EMPTY, STATUS-EMPTY) and the invalid arguments of {@link Boundaries}.
 */
final class PinTargets {
    /** The request shapes, simplest first (the recorded choice is the position). */
    enum Shape { PLAIN, EDGE, SPAN, PURGED, INSIDE, ADJACENT, ZERO, ODD, BELOW_DATA, GAP }

    private PinTargets() {
    }

    static Command.PinArg draw(Choices c, AreaSnapshot area, int p, boolean unpin) {
        return draw(c, area, List.of(), r -> false, false, p, unpin);
    }

    /**
     * As above, knowing the pages of the area's file that hold data (UNPINs end right below one) and which
     * ranges have a younger one behind them on the LRU (PINs split those); {@code younger}: a range made now
     * in free pages would be the younger range a later split must pass (UNPINs aim at a gap).
     */
    static Command.PinArg draw(Choices c, AreaSnapshot area, List<Long> dataPages, Predicate<RangeSnapshot> notYoungest,
            boolean younger, int p, boolean unpin) {
        long aligned = area == null ? 8L * p : Boundaries.pageAlign(area.size(), p);
        // Pages a u32 offset can name; page numbers below stay far from 2^64, so plain long arithmetic works.
        // (one less than 2^32 / P, so that offset + len of any span stays a u32).
        long pages = Long.compareUnsigned(aligned, Boundaries.TWO_32) < 0 ? aligned / p : Boundaries.TWO_32 / p - 1;
        if (pages == 0) {
            return Command.PinArg.of(0, p);
        }
        var ranges = area == null ? List.<RangeSnapshot>of() : area.unpinned().stream()
                .filter(r -> r.pgstart() <= r.pgend() && r.pgstart() >= 0 && r.pgend() < pages).toList();
        boolean anyPurged = ranges.stream().anyMatch(RangeSnapshot::purged);
        boolean mixed = anyPurged && ranges.stream().anyMatch(r -> !r.purged());
        // Purged ranges beside fresh ones are rare and short-lived (the next PIN or merge ends them): use them.
        // In a region of 4 GiB or more, u32 overflows pass the bounds check: aim at PINARG-OVERFLOW there.
        boolean big = Long.compareUnsigned(aligned, Boundaries.TWO_32) > 0;
        // A PIN strictly inside one range of several sends its upper piece behind the others (PIN-SPLIT-TAIL):
        // only partial scans after it show that order, so make such splits often.
        var splittable = ranges.stream().filter(r -> r.pgend() - r.pgstart() >= 2 && notYoungest.test(r)).toList();
        boolean splitShows = !unpin && !splittable.isEmpty();
        // An UNPIN ending right below a pinned page that holds data: a purge of it must not punch that page
        // (SHRINK-PUNCH-EXTENT, INV-PUNCH-PINNED).
        var belowData = !unpin ? List.<Long>of() : dataPages.stream()
                .filter(d -> d >= 1 && d < pages && ranges.stream().noneMatch(r -> r.pgstart() <= d && d <= r.pgend())).toList();
        var shape = Shape.values()[pick(c, 3, 6, mixed ? 10 : 3, anyPurged ? (unpin ? 12 : 4) : 1, splitShows ? 24 : 2, unpin ? 3 : 1, 5,
                big ? 16 : 2, belowData.isEmpty() ? 0 : 6, unpin && younger ? 12 : 1)];
        long[] span = switch (shape) {
            case PLAIN, ZERO, ODD -> null;
            case EDGE -> ranges.isEmpty() ? null : edge(c, ranges, pages);
            case SPAN -> ranges.size() < 2 ? null : span(c, ranges);
            case PURGED -> purged(c, ranges, pages);
            case INSIDE -> inside(c, splitShows ? splittable : ranges);
            case ADJACENT -> ranges.isEmpty() ? null : adjacent(c, ranges.get(c.drawIndex(ranges.size())), pages);
            case GAP -> gap(c, ranges, pages);
            case BELOW_DATA -> {
                if (belowData.isEmpty()) { // a replayed choice may name a shape of weight 0
                    yield null;
                }
                long d = belowData.get(c.drawIndex(belowData.size()));
                yield new long[] {d - 1 - c.draw(Math.min(2, d - 1)), d - 1};
            }
        };
        if (shape == Shape.ZERO) {
            return zero(c, area, aligned, p);
        }
        if (shape == Shape.ODD) {
            return odd(c, aligned, pages, p, big);
        }
        if (span == null) { // no range to aim at: a few pages from a plain start
            long first = c.draw(Math.min(pages, 64) - 1);
            span = new long[] {first, first + c.draw(Math.min(3, pages - 1 - first))};
        }
        long s = Math.max(0, Math.min(span[0], pages - 1));
        long e = Math.max(s, Math.min(span[1], pages - 1));
        return Command.PinArg.of(s * p, (e - s + 1) * p);
    }

    /** A request whose start or end (or both) is exactly a range's. */
    private static long[] edge(Choices c, List<RangeSnapshot> ranges, long pages) {
        var r = ranges.get(c.drawIndex(ranges.size()));
        return switch ((int) c.draw(2)) {
            case 0 -> new long[] {r.pgstart(), r.pgend()};
            case 1 -> new long[] {r.pgstart(), choose(c, ends(ranges, r.pgstart(), pages, r))};
            default -> new long[] {choose(c, starts(ranges, r.pgend(), r)), r.pgend()};
        };
    }

    /** Ends worth aiming at from {@code from}: the range's, every other range's edges, and one page off. */
    private static List<Long> ends(List<RangeSnapshot> ranges, long from, long pages, RangeSnapshot r) {
        var out = new TreeSet<Long>();
        out.add(r.pgend() - 1);
        out.add(r.pgend() + 1);
        for (var o : ranges) {
            out.add(o.pgend());
            out.add(o.pgstart());
            out.add(o.pgstart() - 1);
        }
        out.add(pages - 1);
        return out.stream().filter(x -> x >= from && x < pages).toList();
    }

    private static List<Long> starts(List<RangeSnapshot> ranges, long to, RangeSnapshot r) {
        var out = new TreeSet<Long>();
        out.add(r.pgstart() + 1);
        out.add(r.pgstart() - 1);
        for (var o : ranges) {
            out.add(o.pgstart());
            out.add(o.pgend());
            out.add(o.pgend() + 1);
        }
        out.add(0L);
        return out.descendingSet().stream().filter(x -> x >= 0 && x <= to).toList();
    }

    private static long choose(Choices c, List<Long> options) {
        return options.get(c.drawIndex(options.size()));
    }

    /** From one range to another, mostly two of different purged status, at their edges or one page off. */
    private static long[] span(Choices c, List<RangeSnapshot> ranges) {
        var mixed = new ArrayList<RangeSnapshot[]>();
        var all = new ArrayList<RangeSnapshot[]>();
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                var pair = new RangeSnapshot[] {ranges.get(i), ranges.get(j)}; // the list is highest first
                all.add(pair);
                if (ranges.get(i).purged() != ranges.get(j).purged()) {
                    mixed.add(pair);
                }
            }
        }
        var from = !mixed.isEmpty() && !c.weighted(0.25) ? mixed : all;
        var pair = from.get(c.drawIndex(from.size()));
        long s = pair[1].pgstart();
        long e = pair[0].pgend();
        return switch ((int) c.draw(2)) {
            case 0 -> new long[] {s, e};
            case 1 -> new long[] {s - 1, e + 1};
            default -> new long[] {s + 1, Math.max(s + 1, e - 1)};
        };
    }

    /** Over a purged range and beyond it: the merge spreads the flag (UNPIN-PURGED-SPREAD), PIN reports it. */
    private static long[] purged(Choices c, List<RangeSnapshot> ranges, long pages) {
        var purged = ranges.stream().filter(RangeSnapshot::purged).toList();
        if (purged.isEmpty()) {
            return ranges.isEmpty() ? null : edge(c, ranges, pages);
        }
        var r = purged.get(c.drawIndex(purged.size()));
        long below = 1 + c.draw(2);
        long above = 1 + c.draw(2);
        return switch ((int) c.draw(2)) {
            case 0 -> new long[] {r.pgstart() - below, r.pgstart() + c.draw(r.pgend() - r.pgstart())};
            case 1 -> new long[] {r.pgend() - c.draw(r.pgend() - r.pgstart()), r.pgend() + above};
            default -> new long[] {r.pgstart() - below, r.pgend() + above};
        };
    }

    /** Strictly inside a range of three pages or more (PIN-CASE-4; UNPIN of a part of an older range). */
    private static long[] inside(Choices c, List<RangeSnapshot> ranges) {
        var wide = ranges.stream().filter(r -> r.pgend() - r.pgstart() >= 2).toList();
        if (wide.isEmpty()) {
            return null;
        }
        var r = wide.get(c.drawIndex(wide.size()));
        long s = r.pgstart() + 1 + c.draw(r.pgend() - r.pgstart() - 2);
        return new long[] {s, s + c.draw(r.pgend() - 1 - s)};
    }

    /**
     * One to five of the free pages between ranges (or below or above them; the first 64 pages): an
     * UNPIN there makes a new range, younger than the others (PIN-SPLIT-TAIL).
     */
    private static long[] gap(Choices c, List<RangeSnapshot> ranges, long pages) {
        long limit = Math.min(pages, 64);
        int gaps = 0;
        long above = limit; // the ranges are highest first: each gap lies below the previous range
        for (int i = 0; i <= ranges.size(); i++) {
            long start = i == ranges.size() ? 0 : ranges.get(i).pgend() + 1;
            if (start < above) {
                gaps++;
            }
            above = i == ranges.size() ? 0 : Math.min(above, ranges.get(i).pgstart());
        }
        if (gaps == 0) {
            return null;
        }
        int k = c.drawIndex(gaps);
        above = limit;
        for (int i = 0; i <= ranges.size(); i++) {
            long start = i == ranges.size() ? 0 : ranges.get(i).pgend() + 1;
            if (start < above && k-- == 0) {
                // Mostly from the gap's start, so that a wider range fits: one of three pages or more can be split.
                long s = c.weighted(0.6) ? start : start + c.draw(above - 1 - start);
                return new long[] {s, s + c.draw(Math.min(4, above - 1 - s))};
            }
            above = i == ranges.size() ? 0 : Math.min(above, ranges.get(i).pgstart());
        }
        return null;
    }

    /** Touching a range from above or below without sharing a page (UNPIN-ADJACENT). */
    private static long[] adjacent(Choices c, RangeSnapshot r, long pages) {
        if (c.drawBoolean() && r.pgend() + 1 < pages) {
            long s = r.pgend() + 1;
            return new long[] {s, s + c.draw(2)};
        }
        long e = r.pgstart() - 1;
        return e < 0 ? new long[] {r.pgend() + 1, r.pgend() + 1} : new long[] {Math.max(0, e - c.draw(2)), e};
    }

    /**
     * The zero-len shapes: the empty request at PAGE_ALIGN(size), the whole region, a request meeting an empty
     * range, a start past PAGE_ALIGN(size) (PINARG-LEN0 underflows).
     */
    private static Command.PinArg zero(Choices c, AreaSnapshot area, long aligned, int p) {
        var empties = area == null ? List.<RangeSnapshot>of()
                : area.unpinned().stream().filter(r -> r.pgend() == r.pgstart() - 1 && r.pgstart() > 0
                        && Long.compareUnsigned(r.pgstart(), Boundaries.TWO_32 / p) <= 0).toList();
        return switch (pick(c, 4, 1, 2, 1, 2)) {
            case 0 -> Command.PinArg.of(aligned & Abi.U32_MAX, 0);
            case 1 -> Command.PinArg.of(0, 0);
            case 2 -> empties.isEmpty() ? Command.PinArg.of(((aligned & Abi.U32_MAX) - p) & Abi.U32_MAX, p) // the last page
                    : Command.PinArg.of((empties.get(c.drawIndex(empties.size())).pgstart() - 1) * p, p); // contains N-1
            case 3 -> Command.PinArg.of((aligned - Boundaries.TWO_32) & Abi.U32_MAX, 0);
            // Past PAGE_ALIGN(size): PAGE_ALIGN(size) - offset underflows, the driver truncates it to a u32 and
            // refuses the request (PINARG-LEN0), a Rust subtraction panics.
            default -> Command.PinArg.of((aligned + p * (1 + c.draw(1))) & Abi.U32_MAX, 0);
        };
    }

    /** Invalid or extreme arguments from the boundary table, or an unreadable one (PINARG-EFAULT). */
    private static Command.PinArg odd(Choices c, long aligned, long pages, int p, boolean big) {
        long first = c.draw(Math.min(pages, 64) - 1) * p;
        return switch (pick(c, 2, 2, 2, 1, big ? 10 : 1)) {
            case 0 -> Command.PinArg.of(Boundaries.pinOffsets(p, aligned)[c.drawIndex(5)], c.drawBoolean() ? 0 : p);
            case 1 -> Command.PinArg.of(first, Boundaries.pinLengths(p, first, aligned)[c.drawIndex(6)]);
            case 2 -> Command.PinArg.of(first + 1 + c.draw(p - 2), p);
            case 3 -> Command.PinArg.unreadable();
            default -> { // offset + len a few pages past 2^32 (PINARG-OVERFLOW), inside a region that large
                long offset = Boundaries.TWO_32 - p * (1 + c.draw(3));
                yield Command.PinArg.of(offset, p * (2 + c.draw(3)));
            }
        };
    }

    /** An index chosen by weight while generating, recorded as the index; 0 is the simplest. */
    static int pick(Choices c, int... weights) {
        if (!c.generating()) {
            return (int) c.draw(weights.length - 1L);
        }
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int k = c.random().nextInt(total);
        int i = 0;
        while (k >= weights[i]) {
            k -= weights[i];
            i++;
        }
        return (int) c.forced(weights.length - 1L, i);
    }
}
