package dev.ashmem.properties;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.pbt.Choices;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws operations from a choice sequence, steered by the model's current state towards the states
 * where ashmem's rules differ: fragmented unpinned lists, ranges that touch, purged ranges beside
 * fresh ones, the empty range at PAGE_ALIGN(size), regions over 4 GiB, mappings past the end of the
 * file. Smaller choices give simpler operations (first handle, page 0, one page, valid arguments).
 */
final class OpDraws {
    

    private final Choices c;
    private final DeviceSnapshot s;
    private final int P;

    OpDraws(Choices choices, DeviceSnapshot state) {
        this.c = choices;
        this.s = state;
        this.P = state.pageSize();
    }

    boolean hasAreas() {
        return !s.areas().isEmpty();
    }

    boolean hasMappings() {
        return !s.mappings().isEmpty();
    }

    // Handles and areas.

    private int fd() {
        return fd(a -> true);
    }

    /** A live handle, preferring areas that satisfy {@code preferred}; rarely a dead one (HANDLE-EBADF). */
    private int fd(java.util.function.Predicate<AreaSnapshot> preferred) {
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

    boolean hasFile() {
        return s.areas().stream().anyMatch(AreaSnapshot::hasFile);
    }

    private AreaSnapshot areaOf(int fd) {
        return s.areas().stream().filter(a -> a.handles().contains(fd)).findFirst().orElse(null);
    }

    private Caller caller() {
        return c.weighted(0.15) ? Caller.READ_IMPLIES_EXEC : Caller.APP;
    }

    Op open() {
        return new Op.Open();
    }

    Op dup() {
        return new Op.Dup(fd());
    }

    Op close() {
        return new Op.Close(fd());
    }

    // Sizes, names, masks.

    private long size() {
        return switch ((int) c.draw(12)) {
            case 0, 1, 2, 3 -> (long) P * (1 + c.draw(7));
            case 11 -> Long.MIN_VALUE + (long) P * c.draw(3); // above 2^63 - 1: no file can be created
            case 4 -> P + 1L;
            case 5 -> 5L * P - 1;
            case 6 -> 0;
            case 7 -> 1L << 32;                 // len 0 wraps to [0 .. 2^64-1]
            case 8 -> (1L << 32) + P;           // len 0 covers one page
            case 9 -> Long.MIN_VALUE;           // 2^63: the file cannot be created
            case 10 -> -1L;                     // 2^64 - 1: PAGE_ALIGN wraps to 0
            default -> 1 + c.draw(3L * P);
        };
    }

    Op setSize() {
        return new Op.Ioctl(fd(a -> !a.hasFile()), new Command.SetSize(size()), Caller.APP);
    }

    /** SET_PROT_MASK: mostly what the area still allows less a bit, sometimes more, sometimes junk bits. */
    Op protMask() {
        int fd = fd();
        var area = areaOf(fd);
        long prot = switch ((int) c.draw(9)) {
            case 0, 1, 2, 3, 4 -> maskFor(area);
            case 5, 6 -> area == null ? Prot.ALL : area.protMask() | (1L << c.draw(2)); // asks for a bit back
            case 7 -> Prot.READ;
            case 8 -> 8 | c.draw(7);
            default -> Prot.ALL;
        };
        return new Op.Ioctl(fd, new Command.SetProtMask(prot), c.weighted(0.35) ? Caller.READ_IMPLIES_EXEC : Caller.APP);
    }

    Op getSize() {
        return new Op.Ioctl(fd(a -> a.size() < 0), new Command.GetSize(), Caller.APP);
    }

    Op attribute() {
        int kind = (int) c.draw(9);
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
            case 7 -> new Command.Unknown(c.weighted(0.5) ? 0x770b : 0x7700 + c.draw(0xff));
            default -> new Command.SetProtMask(maskFor(areaOf(fd)));
        };
        var who = cmd instanceof Command.SetProtMask && c.weighted(0.3) ? Caller.READ_IMPLIES_EXEC : Caller.APP;
        return new Op.Ioctl(fd, cmd, who);
    }

    private byte[] longName() {
        var b = new byte[250 + (int) c.draw(20)];
        java.util.Arrays.fill(b, (byte) 'n');
        return b;
    }

    /** Mostly what the area still allows, less a bit or not: the cases where the rules differ. */
    private long maskFor(AreaSnapshot area) {
        if (area == null || c.weighted(0.3)) {
            return mask();
        }
        long keep = area.protMask() & ~(c.drawBoolean() ? 1L << c.draw(2) : 0);
        return keep == 0 && c.drawBoolean() ? Prot.READ : keep;
    }

    private long mask() {
        if (c.weighted(0.1)) {
            return 8 | c.draw(7); // a bit outside rwx
        }
        return Prot.ALL & ~c.draw(7);
    }

    // PIN, UNPIN, GET_PIN_STATUS.

    Op pinFamily() {
        int fd = fd(AreaSnapshot::hasFile);
        var area = areaOf(fd);
        var arg = pinArg(area);
        Command cmd = switch ((int) c.draw(4)) {
            case 0, 1 -> new Command.Unpin(arg);
            case 2, 3 -> new Command.Pin(arg);
            default -> new Command.GetPinStatus(arg);
        };
        return new Op.Ioctl(fd, cmd, Caller.APP);
    }

    private Command.PinArg pinArg(AreaSnapshot area) {
        long aligned = area == null ? 8L * P : (area.size() + P - 1) & -(long) P;
        long pages = Math.min(Long.divideUnsigned(aligned, P), 64);
        var wide = area == null ? List.<RangeSnapshot>of() : area.unpinned().stream()
                .filter(r -> r.pgend() - r.pgstart() >= 2 && r.pgend() - r.pgstart() < 64).toList();
        if (!wide.isEmpty() && c.weighted(0.2)) {
            var r = wide.get(c.drawIndex(wide.size()));
            long inner = r.pgstart() + 1 + c.draw(r.pgend() - r.pgstart() - 2);
            return Command.PinArg.of(inner * P, (1 + c.draw(r.pgend() - inner - 1)) * P); // strictly inside r
        }
        var anchors = anchors(area, pages);
        long first = anchors.get(c.drawIndex(anchors.size()));
        long count = switch ((int) c.draw(5)) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> 1 + c.draw(Math.max(0, pages - 1));
            case 3 -> 0; // len 0: "to the end"
            case 4 -> pages - first;
            default -> 3;
        };
        long offset = first * P;
        long len = Math.max(0, count) * P;
        switch ((int) c.draw(12)) {
            case 0 -> offset += 1 + c.draw(P - 2);                    // misaligned offset
            case 1 -> len += 1 + c.draw(P - 2);                       // misaligned length
            case 2 -> { offset = Abi.U32_MAX & -(long) P; len = 2L * P; }     // offset + len past u32
            case 3 -> { offset = aligned & Abi.U32_MAX; len = 0; }            // offset == PAGE_ALIGN(size), len 0
            case 4 -> offset = (aligned + P) & Abi.U32_MAX;                   // beyond the end
            case 5 -> { return Command.PinArg.unreadable(); }
            default -> { }
        }
        return Command.PinArg.of(offset & Abi.U32_MAX, len & Abi.U32_MAX);
    }

    /** Pages worth aiming at: 0, the end, and the edges of existing ranges and their neighbours. */
    private List<Long> anchors(AreaSnapshot area, long pages) {
        var out = new ArrayList<Long>();
        out.add(0L);
        if (area != null) {
            for (RangeSnapshot r : area.unpinned()) {
                for (long p : new long[] {r.pgstart(), r.pgend(), r.pgend() + 1, r.pgstart() - 1}) {
                    if (p >= 0 && p <= pages) {
                        out.add(p);
                    }
                }
            }
        }
        out.add(Math.max(0, pages / 2));
        out.add(Math.max(0, pages - 1));
        out.add(pages);
        return out;
    }

    // Reclaim.

    Op shrink() {
        return switch ((int) c.draw(5)) {
            case 0 -> new Op.ShrinkScan(1, true);
            case 1 -> new Op.ShrinkScan(2 + c.draw(2), true);
            case 2 -> new Op.ShrinkCount();
            case 3 -> new Op.Ioctl(fd(), new Command.PurgeAllCaches(), c.weighted(0.7) ? Caller.ADMIN : Caller.APP);
            case 4 -> new Op.ShrinkScan(0, true);
            default -> new Op.ShrinkScan(1 + c.draw(3), false);
        };
    }

    // mmap, munmap, mprotect.

    Op mmap() {
        // Prefer sized areas without a file half the time: the first mmap has its own rules.
        int fd = c.drawBoolean() ? fd(a -> a.size() != 0 && !a.hasFile()) : fd(a -> a.size() != 0);
        var area = areaOf(fd);
        long aligned = area == null ? P : (area.size() + P - 1) & -(long) P;
        long cap = Math.min(Math.max(aligned, P), 4L * P);
        long length = switch ((int) c.draw(6)) {
            case 0, 1 -> P;
            case 2 -> P * (1 + c.draw(cap / P - 1));
            case 3 -> cap + 1;            // one byte more than the region rounds to
            case 4 -> 0;
            case 5 -> 1L << 48;           // larger than the address space
            default -> -1L;               // PAGE_ALIGN wraps
        };
        int prot = c.weighted(0.7) ? Prot.READ | Prot.WRITE : (int) c.draw(7);
        if (c.weighted(0.03)) {
            prot |= 8;
        }
        long offset = switch ((int) c.draw(9)) {
            case 0, 1, 2 -> 0;
            case 3 -> aligned - P;        // the last page: SIGBUS past a partial end
            case 4 -> P;
            case 5 -> aligned;            // wholly past the file: every touch faults
            case 6 -> 1;                  // misaligned
            case 7 -> -(long) P;          // negative: overflows the page offset
            case 8 -> aligned;
            default -> 2L * P;
        };
        return new Op.Mmap(fd, length, prot, !c.weighted(0.25), offset, caller());
    }

    private MappingSnapshot mapping() {
        var ms = s.mappings();
        return ms.get(c.drawIndex(ms.size()));
    }

    private int mappingId() {
        return hasMappings() && !c.weighted(0.03) ? mapping().id() : 50 + (int) c.draw(5);
    }

    Op munmap() {
        return new Op.Munmap(mappingId());
    }

    Op mprotect() {
        int prot = c.weighted(0.05) ? 8 : (int) c.draw(7);
        return new Op.Mprotect(mappingId(), prot, caller());
    }

    // Memory and file access.

    Op access() {
        if (!hasMappings()) {
            return new Op.Load(mappingId(), 0, 1);
        }
        var m = mapping();
        long at = switch ((int) c.draw(4)) {
            case 0 -> 0;
            case 1 -> c.draw(Math.min(m.length(), 16L * P) - 1);
            case 2 -> m.length() - 1;
            case 3 -> m.length();
            default -> (long) P * c.draw(3);
        };
        int length = switch ((int) c.draw(3)) {
            case 0 -> 1 + (int) c.draw(15);
            case 1 -> P;
            case 2 -> 0;
            default -> 1 + (int) c.draw(2L * P);
        };
        if (c.drawBoolean()) {
            var data = new byte[length];
            byte fill = (byte) (1 + c.draw(254));
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (fill + i);
            }
            return new Op.Store(m.id(), at, data);
        }
        return new Op.Load(m.id(), at, length);
    }

    Op read() {
        int count = c.weighted(0.03) ? -1 : (int) c.draw(3L * P);
        return new Op.Read(fd(AreaSnapshot::hasFile), count);
    }

    Op llseek() {
        int fd = fd(AreaSnapshot::hasFile);
        var area = areaOf(fd);
        long size = area == null ? P : area.size();
        int whence = switch ((int) c.draw(6)) {
            case 5 -> c.weighted(0.5) ? 5 : -1;
            case 6 -> 3;
            default -> (int) c.draw(4);
        };
        long offset = switch ((int) c.draw(7)) {
            case 0 -> 0;
            case 1 -> P * c.draw(4);
            case 2 -> size;
            case 3 -> size - 1;
            case 4 -> -1;
            case 5 -> Long.MAX_VALUE - c.draw(P);  // near the largest offset: read's end check
            case 6 -> c.draw(Math.max(1, Math.min(size, 16L * P)));
            default -> P + 1L;
        };
        return new Op.Llseek(fd, offset, whence);
    }
}
