package dev.ashmem.generator;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Unsigned;
import dev.ashmem.model.Whence;
import dev.ashmem.pbt.Choices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The argument draws of each operation kind for one state: live handles and mappings, preferring the
 * areas where the kind's rules differ, values near the boundaries of {@link Boundaries}, sometimes
 * invalid ones. Smaller choices give simpler values.
 */
final class Draws {
    private final Choices c;
    private final DeviceSnapshot s;
    private final int P;

    Draws(Choices choices, DeviceSnapshot state) {
        this.c = choices;
        this.s = state;
        this.P = state.pageSize();
    }

    // Handles, areas, callers.

    private int fd() {
        return fd(a -> true);
    }

    /** A live handle, preferring areas that satisfy {@code preferred}; rarely a dead one (HANDLE-EBADF). */
    private int fd(Predicate<AreaSnapshot> preferred) {
        var fds = new ArrayList<Integer>();
        var good = new ArrayList<Integer>();
        for (var a : s.areas()) {
            fds.addAll(a.handles());
            if (preferred.test(a)) {
                good.addAll(a.handles());
            }
        }
        fds.sort(null);
        good.sort(null);
        if (fds.isEmpty() || c.weighted(0.01)) {
            return 3 + (int) c.draw(4); // not a live handle: HANDLE-EBADF
        }
        var from = !good.isEmpty() && !c.weighted(0.1) ? good : fds;
        return from.get(c.drawIndex(from.size()));
    }

    private AreaSnapshot areaOf(int fd) {
        return s.areas().stream().filter(a -> a.handles().contains(fd)).findFirst().orElse(null);
    }

    /** The aligned size of the handle's area (a few pages when there is none). */
    private long aligned(AreaSnapshot area) {
        return area == null ? 8L * P : Boundaries.pageAlign(area.size(), P);
    }

    private Caller caller() {
        if (c.weighted(0.05)) {
            return new Caller(true, true);
        }
        return c.weighted(0.15) ? Caller.READ_IMPLIES_EXEC : Caller.APP;
    }

    /** An entry of {@code table}, or with probability 1 - {@code p} the plain value {@code plain} (simplest). */
    private long oddOr(double p, long plain, long[] table) {
        return c.weighted(p) ? table[c.drawIndex(table.length)] : plain;
    }

    /**
     * With probability {@code pPlain} {@code base} plus a choice in [0, {@code plainBound}], else an entry of
     * {@code odd}: one recorded choice ({@link Choices#drawMostly}), so shrinking an odd entry leads to the
     * plain values and then down them (an odd 4 KiB store length to one byte).
     */
    private long plainOr(double pPlain, long base, long plainBound, long[] odd) {
        long v = c.drawMostly(pPlain, plainBound, odd.length);
        return v <= plainBound ? base + v : odd[(int) (v - plainBound - 1)];
    }

    Op dup() {
        return new Op.Dup(fd());
    }

    Op close() {
        return new Op.Close(fd());
    }

    // Sizes, names, masks.

    private long size() {
        var odd = Boundaries.sizes(P);
        return switch (PinTargets.pick(c, 8, 2, 6, 4, 3)) {
            case 0 -> (long) P * (1 + c.draw(15));
            case 1 -> 1 + c.draw(3L * P);
            case 2 -> odd[c.drawIndex(odd.length)];
            case 3 -> Boundaries.TWO_63 + P * c.draw(2); // no file can ever be made (MMAP-FILE-EINVAL)
            default -> (2 + c.draw(2)) << 32; // 8 to 16 GiB: u32 overflows pass the bounds check (PINARG-OVERFLOW)
        };
    }

    Op setSize() {
        return new Op.Ioctl(fd(a -> !a.hasFile()), new Command.SetSize(size()), caller());
    }

    /** SET_PROT_MASK: mostly what the area still allows less a bit, sometimes one bit more, sometimes junk bits. */
    Op protMask() {
        int fd = fd();
        var area = areaOf(fd);
        long mask = area == null ? Prot.ALL : area.protMask();
        long missing = Prot.ALL & ~mask;
        boolean rieRegains = (mask & Prot.READ) != 0 && (mask & Prot.EXEC) == 0;
        return switch (PinTargets.pick(c, 5, 5, missing != 0 ? 5 : 0, rieRegains ? 10 : 0, (mask & Prot.EXEC) != 0 ? 4 : 0)) {
            case 0 -> new Op.Ioctl(fd, new Command.SetProtMask(maskFor(area)), riePerhaps());
            // EXEC dropped, READ kept: the state where a READ_IMPLIES_EXEC caller regains EXEC (PROT-RIE).
            case 4 -> new Op.Ioctl(fd, new Command.SetProtMask(mask & ~Prot.EXEC), Caller.APP);
            case 1 -> new Op.Ioctl(fd, new Command.SetProtMask(Boundaries.protMasksAround(mask)[c.drawIndex(9)]), riePerhaps());
            // A removed bit asked back: refused (PROT-SUBSET), whoever asks.
            case 2 -> new Op.Ioctl(fd, new Command.SetProtMask(mask | lowestBit(missing)), riePerhaps());
            // READ without EXEC, asked by a READ_IMPLIES_EXEC caller: EXEC comes back after the check (PROT-RIE).
            default -> new Op.Ioctl(fd, new Command.SetProtMask(mask), Caller.READ_IMPLIES_EXEC);
        };
    }

    private Caller riePerhaps() {
        return c.weighted(0.35) ? Caller.READ_IMPLIES_EXEC : Caller.APP;
    }

    private static long lowestBit(long bits) {
        return bits == 0 ? Prot.READ : Long.lowestOneBit(bits);
    }

    Op getSize() {
        return new Op.Ioctl(fd(a -> a.size() < 0), new Command.GetSize(), Caller.APP);
    }

    Op attribute() {
        int kind = (int) c.draw(8);
        // GET_SIZE prefers an area whose size reads negative as a kernel long (ARITH-LONG).
        int fd = kind == 0 ? fd(a -> a.size() < 0) : fd();
        Command cmd = switch (kind) {
            case 0 -> new Command.GetSize();
            case 1 -> new Command.GetName(c.weighted(0.3));
            case 2 -> new Command.GetProtMask();
            case 3 -> Command.SetName.of("region-" + c.draw(9));
            case 4 -> c.weighted(0.3) ? Command.SetName.unreadable() : Command.SetName.of("");
            case 5 -> new Command.SetName(longName(), false);
            case 6 -> new Command.SetName("ab\0cd".getBytes(), false);
            case 7 -> new Command.Unknown(Boundaries.unknownIoctls()[c.drawIndex(4)]);
            default -> new Command.SetProtMask(maskFor(areaOf(fd)));
        };
        return new Op.Ioctl(fd, cmd, cmd instanceof Command.SetProtMask ? caller() : c.weighted(0.05) ? Caller.ADMIN : Caller.APP);
    }

    private byte[] longName() {
        var b = new byte[250 + (int) c.draw(20)];
        java.util.Arrays.fill(b, (byte) 'n');
        return b;
    }

    /** Mostly what the area still allows, less a bit or not: the cases where the rules differ. */
    private long maskFor(AreaSnapshot area) {
        if (area == null || c.weighted(0.3)) {
            return c.weighted(0.1) ? 8 | c.draw(7) : Prot.ALL & ~c.draw(7);
        }
        long keep = area.protMask() & ~(c.drawBoolean() ? 1L << c.draw(2) : 0);
        return keep == 0 && c.drawBoolean() ? Prot.READ : keep;
    }

    // PIN, UNPIN, GET_PIN_STATUS.

    /** PIN or UNPIN ({@link OpKind#PIN_FAMILY}). */
    Op pinFamily() {
        var tail = Witnesses.tailAbovePurged(s);
        if (tail != null && c.weighted(0.7)) {
            // The youngest range above a purged one of its area: was it purged too (PIN-SPLIT-TAIL, PIN-RET)?
            return new Op.Ioctl(fd(a -> a.id() == tail.area()), Command.pin(tail.pgstart() * P, (tail.pgend() - tail.pgstart() + 1) * P),
                    Caller.APP);
        }
        int fd = pinFd();
        var area = areaOf(fd);
        // A wide range with a younger one behind it: a PIN inside sends its upper piece past that one
        // (PIN-SPLIT-TAIL); a wide youngest range: an UNPIN elsewhere makes the younger one.
        boolean splitWanted = area != null && Witnesses.splittableBehindYounger(s, area.id());
        boolean youngerWanted = !splitWanted && (Witnesses.wideYoungest(s) || Witnesses.noWideRange(s));
        int command = PinTargets.pick(c, 2, youngerWanted ? 5 : 2, 2, splitWanted ? 7 : 2);
        var arg = pinArg(area, youngerWanted, command <= 1);
        return new Op.Ioctl(fd, command <= 1 ? new Command.Unpin(arg) : new Command.Pin(arg), Caller.APP);
    }

    /** GET_PIN_STATUS ({@link OpKind#PIN_STATUS}): the same targets as a PIN (range edges, the u32 limits). */
    Op pinStatus() {
        int fd = pinFd();
        return new Op.Ioctl(fd, new Command.GetPinStatus(pinArg(areaOf(fd), false, false)), Caller.APP);
    }

    /** A handle for the pin ioctls: one with a file, half the time one of a region over 4 GiB when there is one. */
    private int pinFd() {
        boolean anyBig = s.areas().stream().anyMatch(Draws::big);
        return anyBig && c.drawBoolean() ? fd(a -> a.hasFile() && big(a)) : fd(AreaSnapshot::hasFile);
    }

    /** A PIN/UNPIN/GET_PIN_STATUS argument aimed at the area's ranges, data pages and youngest range. */
    private Command.PinArg pinArg(AreaSnapshot area, boolean youngerWanted, boolean unpin) {
        var data = area == null ? List.<Long>of() : s.files().stream().filter(f -> f.area() == area.id())
                .flatMap(f -> f.dataPages().stream()).toList();
        var lru = s.lru();
        var youngest = lru.isEmpty() ? null : lru.getLast();
        Predicate<RangeSnapshot> notYoungest = r -> youngest != null && area != null
                && lru.stream().anyMatch(e -> e.area() == area.id() && e.pgstart() == r.pgstart())
                && !(youngest.area() == area.id() && youngest.pgstart() == r.pgstart());
        return PinTargets.draw(c, area, data, notYoungest, youngerWanted, P, unpin);
    }

    /** A region of more than 4 GiB with its file: u32 overflows of offset + len pass its bounds check. */
    private static boolean big(AreaSnapshot a) {
        return a.hasFile() && Long.compareUnsigned(a.size(), Boundaries.TWO_32) > 0;
    }

    // Reclaim.

    /** Mostly scans that take one or two ranges, so purged ranges live beside fresh ones (UNPIN-PURGED-SPREAD). */
    Op shrink() {
        // A split piece or a re-unpinned part sits behind younger ranges (PIN-SPLIT-TAIL): scans that stop
        // part-way show which ranges are oldest, so take a few when the LRU is out of address order.
        int partial = OpKind.lruOutOfOrder(s) ? 12 : s.lru().size() >= 2 ? 6 : 2;
        // The scans that show a wrong step at once: one that stops between the pieces of a split
        // (PIN-SPLIT-TAIL), one that purges a range right below a page with data (INV-PUNCH-PINNED).
        int split = Witnesses.splitScan(s);
        int beside = Witnesses.purgeBesideData(s);
        return switch (PinTargets.pick(c, 5, partial, s.lru().isEmpty() ? 2 : 6, 1, 1, 1, split > 0 ? 24 : 0, beside > 0 ? 12 : 0)) {
            case 0 -> new Op.ShrinkScan(1, true);
            case 1 -> new Op.ShrinkScan(2 + c.draw(Math.max(2, s.lru().size() - 2)), true); // stops somewhere in the LRU
            case 2 -> new Op.ShrinkCount();
            case 3 -> new Op.Ioctl(fd(), new Command.PurgeAllCaches(), c.weighted(0.7) ? Caller.ADMIN : Caller.APP);
            case 4 -> new Op.ShrinkScan(Boundaries.scanCounts()[c.drawIndex(3)], true);
            case 5 -> new Op.ShrinkScan(1 + c.draw(3), false);
            case 6 -> new Op.ShrinkScan(Math.max(1, split), true);
            default -> new Op.ShrinkScan(Math.max(1, beside), true);
        };
    }

    // mmap, munmap, mprotect.

    Op mmap() {
        // Prefer sized areas without a file half the time: the first mmap has its own rules.
        // A reduced mask not yet mapped: a mapping made now has a may without some bit (MMAP-MAY).
        boolean reduced = Witnesses.maskUnmapped(s);
        int fd = reduced && c.weighted(0.7) ? fd(a -> a.size() != 0 && a.protMask() != Prot.ALL)
                : c.drawBoolean() ? fd(a -> a.size() != 0 && !a.hasFile()) : fd(a -> a.size() != 0);
        var area = areaOf(fd);
        long aligned = area == null ? P : aligned(area);
        long cap = Math.min(Math.max(aligned, P), 4L * P);
        // One recorded choice: a shrinker lowers an odd length to the plain page counts, then to one page.
        var oddLengths = Boundaries.mmapLengths(P, aligned);
        long pick = c.drawMostly(0.75, cap / P - 1, oddLengths.length);
        long length = pick < cap / P ? P * (1 + pick) : oddLengths[(int) (pick - cap / P)];
        if (length == Abi.TASK_SIZE && Unsigned.le(Abi.TASK_SIZE, aligned)) {
            length += P; // a process never has the whole address space free: only a real OS refuses that (ENOMEM)
        }
        long mask = area == null ? Prot.ALL : area.protMask();
        int prot = switch (PinTargets.pick(c, 14, mask == Prot.ALL ? 3 : 24, 6)) {
            case 0 -> Prot.READ | Prot.WRITE;
            case 1 -> (int) mask; // a mapping whose may is the reduced mask (MMAP-MAY); PROT_NONE under an empty one
            default -> (int) c.draw(7);
        };
        if (c.weighted(0.03)) {
            prot |= 8;
        }
        long offset = c.likely(0.6) ? P * c.draw(2) : Boundaries.mmapOffsets(P, aligned)[c.drawIndex(7)];
        if (area != null && Long.compareUnsigned(area.size(), Abi.MAX_LFS_FILESIZE - (1L << 16)) > 0
                && Long.compareUnsigned(offset, Abi.MAX_LFS_FILESIZE - (1L << 17)) > 0 && offset > 0) {
            offset = 0; // Linux cannot map the last OS pages below 2^63 of a file: only a real OS refuses that
        }
        // File pages with data and no private mapping of them yet: a private one must not show them (MMAP-PRIVATE).
        boolean privateWanted = !reduced && Witnesses.dataWithoutPrivate(s);
        return new Op.Mmap(fd, length, prot, !c.weighted(privateWanted ? 0.5 : 0.25), offset, caller());
    }

    private MappingSnapshot mapping() {
        var ms = s.mappings();
        return ms.get(c.drawIndex(ms.size()));
    }

    private int mappingId() {
        return !s.mappings().isEmpty() && !c.weighted(0.03) ? mapping().id() : 50 + (int) c.draw(5);
    }

    Op munmap() {
        return new Op.Munmap(mappingId());
    }

    Op mprotect() {
        var limited = s.mappings().stream().filter(m -> m.mayProt() != Prot.ALL).toList();
        if (!limited.isEmpty() && c.weighted(0.6)) {
            var m = limited.get(c.drawIndex(limited.size()));
            var beyond = java.util.stream.IntStream.of(Prot.READ, Prot.WRITE, Prot.EXEC).filter(b -> (m.mayProt() & b) == 0).toArray();
            return new Op.Mprotect(m.id(), m.prot() | beyond[c.drawIndex(beyond.length)], caller());
        }
        int prot = c.weighted(0.05) ? Boundaries.mprotectProts()[c.drawIndex(5)] : (int) c.draw(7);
        return new Op.Mprotect(mappingId(), prot, caller());
    }

    // Memory and file access.

    /**
     * A load or a store: the length and the offset shrink towards 1 byte and 0, the stored bytes towards a
     * constant (fill + (origin + offset) * step), so a failing 8 KiB store shrinks to the bytes that matter.
     * The plain length and offset are the simplest choices ({@link Choices#drawMostly}), the odd ones of the
     * tables come after; the length is drawn right before the offset, so the shrinker can trade length for
     * offset: byte 165 of a 166-byte store from 0 becomes one byte at 165.
     */
    Op access() {
        if (s.mappings().isEmpty()) {
            return new Op.Load(mappingId(), 0, 1);
        }
        var m = mapping();
        var privateOnes = s.mappings().stream().filter(x -> !x.shared() && !dataPagesIn(x).isEmpty()).toList();
        if (!privateOnes.isEmpty() && c.weighted(0.35)) {
            // A private mapping over file pages with data: it must show its own zero pages (MMAP-PRIVATE).
            m = privateOnes.get(c.drawIndex(privateOnes.size()));
            var pages = dataPagesIn(m);
            return pageLoad(m.id(), pages.get(c.drawIndex(pages.size())) * P - m.offset());
        }
        if (c.weighted(0.25)) {
            // The pinned page right above an unpinned range, given bytes that are not zero: a purge of that range
            // must not punch it (SHRINK-PUNCH-EXTENT, INV-PUNCH-PINNED), and a later load shows whether it did.
            var above = pinnedAbove(m);
            if (!above.isEmpty()) {
                var data = new byte[1 + (int) c.draw(7)];
                java.util.Arrays.fill(data, (byte) (1 + c.draw(254)));
                return new Op.Store(m.id(), above.get(c.drawIndex(above.size())) * P - m.offset(), data);
            }
        }
        var dataPages = dataPagesIn(m);
        var beside = besidePurged(m, dataPages);
        if (!beside.isEmpty() && c.weighted(0.5)) {
            dataPages = beside;
        }
        if (!dataPages.isEmpty() && c.weighted(0.3)) {
            // A whole page the model knows holds data, seen through this mapping (shared: the file; private: its own copy).
            return pageLoad(m.id(), dataPages.get(c.drawIndex(dataPages.size())) * P - m.offset());
        }
        long window = Math.max(1, Math.min(m.length(), 16L * P));
        long[] oddOffsets = {m.length() - 1, m.length(), m.length() + P, -1};
        boolean store = c.drawBoolean();
        // The length, then the offset: the shrinker moves what it takes off the length to the offset (its
        // redistribute pass), so a 101-byte access from 0 whose last byte matters becomes 1 byte at 100.
        int length = (int) plainOr(0.8, 1, 2L * P - 1, new long[] {0, P, P + 3});
        long at = plainOr(0.8, 0, window - 1, oddOffsets);
        if (!store) {
            return new Op.Load(m.id(), at, length);
        }
        // The bytes follow a pattern of the mapping offset (fill + (origin + offset) * step), so that move keeps
        // every byte that stays where it was. The origin is 0 while generating (no PRNG use): only the shrinker
        // moves it, to a simpler offset or fill.
        long origin = c.generating() ? c.forced(2L * P, 0) : c.draw(2L * P);
        long fill = c.draw(255);
        long step = c.draw(255);
        var data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (fill + (origin + at + i) * step);
        }
        return new Op.Store(m.id(), at, data);
    }

    /**
     * A load of the page at {@code pageStart}: the whole page while generating, a part of it when the
     * shrinker lowers the recorded length (drawn first) and moves what it takes off to the start (its
     * redistribute pass), so a divergence in byte 100 of the page shrinks to a 1-byte load of that byte.
     */
    private Op pageLoad(int mapping, long pageStart) {
        long length = 1 + (c.generating() ? c.forced(P - 1L, P - 1L) : c.draw(P - 1L));
        long skip = c.generating() ? c.forced(P - 1L, 0) : c.draw(P - 1L);
        return new Op.Load(mapping, pageStart + skip, (int) Math.min(length, P - skip));
    }

    /** The first page and the page after each range of the area, and its file's data pages, in order. */
    private List<Long> seekEdges(AreaSnapshot area) {
        if (area == null) {
            return List.of();
        }
        var out = new java.util.TreeSet<Long>();
        for (var r : area.unpinned()) {
            if (r.pgstart() >= 0 && r.pgstart() <= r.pgend() && r.pgend() < 64) {
                out.add(r.pgstart());
                out.add(r.pgend() + 1);
            }
        }
        s.files().stream().filter(f -> f.area() == area.id()).forEach(f -> f.dataPages().stream().filter(pg -> pg < 64).forEach(out::add));
        return List.copyOf(out);
    }

    /** Those of {@code dataPages} right before or after a purged range of the mapping's area (SHRINK-PUNCH-EXTENT). */
    private List<Long> besidePurged(MappingSnapshot m, List<Long> dataPages) {
        var area = s.areas().stream().filter(a -> a.id() == m.area()).findFirst().orElse(null);
        if (area == null) {
            return List.of();
        }
        return dataPages.stream().filter(pg -> area.unpinned().stream()
                .anyMatch(r -> r.purged() && (r.pgend() + 1 == pg || r.pgstart() - 1 == pg))).toList();
    }

    /** The pinned pages right above an unpurged unpinned range that mapping {@code m} shows (shared only: the file). */
    private List<Long> pinnedAbove(MappingSnapshot m) {
        var area = s.areas().stream().filter(a -> a.id() == m.area()).findFirst().orElse(null);
        if (area == null || !m.shared() || m.offset() < 0 || m.offset() % P != 0 || area.unpinned().isEmpty()) {
            return List.of();
        }
        long first = m.offset() / P;
        var out = new ArrayList<Long>(2);
        Witnesses.pinnedAboveRanges(area, first, first + Math.min(m.length(), 16L * P) / P, out);
        return out;
    }

    /** The file pages with data that mapping {@code m} shows, in order. */
    private List<Long> dataPagesIn(MappingSnapshot m) {
        if (m.offset() < 0 || m.offset() % P != 0) {
            return List.of();
        }
        long first = m.offset() / P;
        long end = first + Math.min(m.length(), 16L * P) / P;
        return s.files().stream().filter(f -> f.area() == m.area()).flatMap(f -> f.dataPages().stream())
                .filter(pg -> pg >= first && pg < end).toList();
    }

    Op read() {
        int count = (int) plainOr(0.8, 0, 3L * P, java.util.Arrays.stream(Boundaries.readCounts(P)).asLongStream().toArray());
        return new Op.Read(fd(AreaSnapshot::hasFile), count);
    }

    Op llseek() {
        int fd = fd(AreaSnapshot::hasFile);
        var area = areaOf(fd);
        var purged = Witnesses.purgedBesideData(s, area);
        if (purged != null && c.weighted(0.4)) {
            // SEEK_DATA from a purged range whose next page holds data: the punch must have stopped before it
            // (SHRINK-PUNCH-EXTENT, INV-PUNCH-PINNED).
            return new Op.Llseek(fd, purged.pgstart() * P, Whence.SEEK_DATA);
        }
        var edges = seekEdges(area);
        if (!edges.isEmpty() && c.weighted(0.3)) {
            // SEEK_DATA or SEEK_HOLE from where a range (so a purge's hole) begins or ends, or from a data page:
            // the pages a hole punch reached or spared (SHRINK-PUNCH-EXTENT, SEEK-DATA).
            return new Op.Llseek(fd, edges.get(c.drawIndex(edges.size())) * P, Whence.SEEK_DATA + (int) c.draw(1));
        }
        long size = area == null ? P : area.size();
        int whence = c.likely(0.9) ? (int) c.draw(4) : new int[] {5, -1}[c.drawIndex(2)];
        long offset = plainOr(0.6, 0, Math.max(1, Math.min(Math.max(size, 0), 16L * P)), Boundaries.seekOffsets(P, size));
        if (offset == Long.MAX_VALUE && c.drawBoolean()) {
            offset -= c.draw(P); // near the largest offset: read's end check
        }
        return new Op.Llseek(fd, offset, whence);
    }
}
