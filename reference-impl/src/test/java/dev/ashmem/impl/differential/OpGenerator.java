package dev.ashmem.impl.differential;

import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random driver-surface operations aimed at the interesting corners: several areas and dup'd handles,
 * degenerate and out-of-range arguments, sizes whose aligned value is a multiple of 2^32 (the len-0
 * quirk), empty requests at PAGE_ALIGN(size), huge and wrapping sizes, purges in between.
 *
 * <p>It steers clear of what only a real OS can refuse: private writable or address-space-sized
 * mappings larger than 1 GiB (a real mmap may answer ENOMEM there, see OffHeapAshmem), and read
 * counts that would make the model allocate gigabytes.
 */
final class OpGenerator {
    private static final long G = 1L << 30;
    private final Random rnd;
    private final int p;
    private final long[] sizes;

    private final boolean rangeHeavy;

    /** {@code rangeHeavy}: mostly PIN/UNPIN/GET_PIN_STATUS over many small ranges, with scans between. */
    OpGenerator(long seed, int pageSize, boolean rangeHeavy) {
        this.rangeHeavy = rangeHeavy;
        this.rnd = new Random(seed);
        this.p = pageSize;
        this.sizes = new long[] {
                0, p, 2L * p, 3L * p, 5L * p, 8L * p, 16L * p, 4096 + 904, 5000, p - 1L, 7L * p + 13,
                1L << 32, (1L << 32) + p, (1L << 33), 3L << 32, (1L << 32) - p,
                Long.MAX_VALUE, Long.MIN_VALUE, -1L, -(long) p + 1, (1L << 40) + p
        };
    }

    private <T> T pick(List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    private long pickLong(long... xs) {
        return xs[rnd.nextInt(xs.length)];
    }

    private Caller caller() {
        return switch (rnd.nextInt(6)) {
            case 0 -> Caller.ADMIN;
            case 1 -> Caller.READ_IMPLIES_EXEC;
            case 2 -> new Caller(true, true);
            default -> Caller.APP;
        };
    }

    private int handle(DeviceSnapshot s) {
        var all = new ArrayList<Integer>();
        for (var a : s.areas()) {
            all.addAll(a.handles());
        }
        if (all.isEmpty() || rnd.nextInt(25) == 0) {
            return pick(List.of(-1, 0, 1, 7, 99));
        }
        return pick(all);
    }

    private AreaSnapshot areaOf(DeviceSnapshot s, int fd) {
        for (var a : s.areas()) {
            if (a.handles().contains(fd)) {
                return a;
            }
        }
        return null;
    }

    private long alignedSize(AreaSnapshot a) {
        return a == null ? 0 : (a.size() + p - 1) & -(long) p;
    }

    Op next(DeviceSnapshot s) {
        int live = 0;
        for (var a : s.areas()) {
            live += a.handles().size();
        }
        int roll = rnd.nextInt(100);
        if (live == 0 || (roll < 4 && live < 8)) {
            return new Op.Open();
        }
        int fd = handle(s);
        var area = areaOf(s, fd);
        if (rangeHeavy && roll >= 10) {
            return rangeOp(fd, area);
        }
        if (roll < 7) {
            return new Op.Dup(fd);
        }
        if (roll < 9) {
            return new Op.Close(fd);
        }
        if (roll < 14) {
            return new Op.Ioctl(fd, new Command.SetSize(sizes[rnd.nextInt(sizes.length)]), caller());
        }
        if (roll < 16) {
            return new Op.Ioctl(fd, switch (rnd.nextInt(6)) {
                case 0 -> Command.SetName.of("n" + rnd.nextInt(100));
                case 1 -> Command.SetName.of("");
                case 2 -> Command.SetName.unreadable();
                case 3 -> new Command.SetName(longName(), false);
                case 4 -> new Command.GetName(rnd.nextBoolean());
                default -> new Command.GetName(false);
            }, caller());
        }
        if (roll < 19) {
            return new Op.Ioctl(fd, switch (rnd.nextInt(5)) {
                case 0 -> new Command.SetProtMask(rnd.nextInt(8));
                case 1 -> new Command.SetProtMask(pickLong(8, 15, -1L, Prot.READ | Prot.WRITE, Prot.READ));
                case 2 -> new Command.GetProtMask();
                case 3 -> new Command.GetSize();
                default -> new Command.Unknown(pickLong(0, 0x770bL, 0x41007701L + 1, -1L));
            }, caller());
        }
        if (roll < 45) {
            var arg = rnd.nextInt(30) == 0 ? Command.PinArg.unreadable() : Command.PinArg.of(pinOffset(area), 0);
            if (!arg.badPointer()) {
                arg = Command.PinArg.of(arg.offset(), pinLen(area, arg.offset()));
            }
            return new Op.Ioctl(fd, switch (rnd.nextInt(5)) {
                case 0, 1 -> new Command.Unpin(arg);
                case 2, 3 -> new Command.Pin(arg);
                default -> new Command.GetPinStatus(arg);
            }, caller());
        }
        if (roll < 48) {
            return new Op.Ioctl(fd, new Command.PurgeAllCaches(), rnd.nextBoolean() ? Caller.ADMIN : Caller.APP);
        }
        if (roll < 54) {
            return new Op.ShrinkScan(pickLong(0, 1, 1, 2, 3, 5, -1L), rnd.nextInt(10) != 0);
        }
        if (roll < 55) {
            return new Op.ShrinkCount();
        }
        if (roll < 63) {
            return mmap(fd, area);
        }
        var maps = s.mappings();
        if (roll < 65) {
            return new Op.Munmap(mappingId(maps));
        }
        if (roll < 68) {
            return new Op.Mprotect(mappingId(maps), rnd.nextInt(12) == 0 ? 8 : rnd.nextInt(8), caller());
        }
        if (roll < 84) {
            int id = mappingId(maps);
            long len = maps.stream().filter(m -> m.id() == id).mapToLong(MappingSnapshot::length).findFirst().orElse(p);
            int n = (int) pickLong(0, 1, 8, p, p + 3L, 2L * p, 17);
            long off = accessOffset(len, n);
            if (rnd.nextBoolean()) {
                return new Op.Load(id, off, n);
            }
            var data = new byte[n];
            rnd.nextBytes(data);
            return new Op.Store(id, off, data);
        }
        if (roll < 90) {
            return new Op.Read(fd, (int) pickLong(0, 1, 100, p, 3L * p + 5, -1, 2L * p));
        }
        long size = area == null ? 0 : area.size();
        long off = pickLong(0, 1, p, size, size - 1, size + p, -1, -p, Long.MAX_VALUE, Long.MIN_VALUE,
                rnd.nextInt(8) * (long) p, rnd.nextInt(8) * (long) p + 5, p / 2);
        return new Op.Llseek(fd, off, (int) pickLong(0, 1, 2, 3, 3, 4, 4, 5, -1));
    }

    private Op rangeOp(int fd, AreaSnapshot a) {
        int roll = rnd.nextInt(100);
        if (a == null || !a.hasFile()) {
            return roll < 50 ? new Op.Ioctl(fd, new Command.SetSize(pickLong(64L * p, 64L * p + 1, 1L << 32, (1L << 32) + 64L * p)), Caller.APP)
                    : new Op.Mmap(fd, p, Prot.READ | Prot.WRITE, true, 0, Caller.APP);
        }
        if (roll < 6) {
            return new Op.ShrinkScan(pickLong(0, 1, 2, 3), true);
        }
        if (roll < 8) {
            return new Op.Ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN);
        }
        if (roll < 14) {
            // stores make pages data, so purges have something to punch
            return new Op.Mmap(fd, (1 + rnd.nextInt(64)) * (long) p, Prot.READ | Prot.WRITE, true, 0, Caller.APP);
        }
        long aligned = alignedSize(a);
        long pages = Math.min(aligned / p, 64);
        long first = rnd.nextInt((int) pages + 1);
        long n = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 12);
        long off = first * p;
        long len = n * p;
        if (rnd.nextInt(15) == 0) {
            off = aligned <= 0xFFFF_FFFFL ? aligned : aligned - (1L << 32); // the empty request
            len = 0;
        }
        if (off > 0xFFFF_FFFFL || off < 0) {
            off = 0;
        }
        var arg = Command.PinArg.of(off, Math.min(len, 0xFFFF_FFFFL));
        return new Op.Ioctl(fd, switch (rnd.nextInt(9)) {
            case 0, 1, 2, 3 -> new Command.Unpin(arg);
            case 4, 5, 6 -> new Command.Pin(arg);
            default -> new Command.GetPinStatus(arg);
        }, Caller.APP);
    }

    private byte[] longName() {
        var b = new byte[240 + rnd.nextInt(40)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + rnd.nextInt(26));
        }
        if (rnd.nextBoolean()) {
            b[rnd.nextInt(b.length)] = 0;
        }
        return b;
    }

    private long pinOffset(AreaSnapshot a) {
        long aligned = alignedSize(a);
        long pages = Math.max(1, Math.min(aligned / p, 16));
        return switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> aligned >= 0 && aligned <= 0xFFFF_FFFFL ? aligned : 0; // empty request [N, N-1]
            case 2 -> (aligned - (1L << 32)) >= 0 && aligned - (1L << 32) <= 0xFFFF_FFFFL ? aligned - (1L << 32) : p;
            case 3 -> 1 + rnd.nextInt(p - 1); // misaligned
            case 4 -> 0xFFFF_FFFFL & -(long) p;
            case 5 -> 0xFFFF_FFFFL;
            default -> (rnd.nextInt((int) pages + 2)) * (long) p;
        };
    }

    private long pinLen(AreaSnapshot a, long offset) {
        long aligned = alignedSize(a);
        return switch (rnd.nextInt(12)) {
            case 0, 1 -> 0;
            case 2 -> 1 + rnd.nextInt(p - 1);
            case 3 -> 0xFFFF_FFFFL;
            case 4 -> (0xFFFF_FFFFL - offset) & -(long) p;
            case 5 -> (aligned - offset) & 0xFFFF_FFFFL & -(long) p;
            default -> (1 + rnd.nextInt(4)) * (long) p;
        };
    }

    private Op mmap(int fd, AreaSnapshot a) {
        long aligned = alignedSize(a);
        long len = switch (rnd.nextInt(10)) {
            case 0 -> pickLong(0, -1L, 1L << 47, (1L << 47) + 1, Long.MAX_VALUE);
            case 1 -> aligned;
            case 2 -> aligned + 1;
            case 3 -> 1;
            case 4 -> p - 1L;
            default -> (1 + rnd.nextInt(8)) * (long) p;
        };
        int prot = rnd.nextInt(16) == 0 ? 8 : rnd.nextInt(8);
        boolean shared = rnd.nextInt(3) != 0;
        // A real mmap may refuse a mapping this large (private writable: memory charge; any: address space).
        if (Long.compareUnsigned(len, G) > 0 && Long.compareUnsigned(len, aligned) <= 0
                && Long.compareUnsigned(len, 1L << 47) <= 0) {
            len = p;
        }
        long off = switch (rnd.nextInt(10)) {
            case 0 -> pickLong(1, p / 2, -(long) p, Long.MIN_VALUE, 1L << 62, (Long.MAX_VALUE & -(long) p));
            case 1 -> aligned;
            case 2 -> (1L << 32);
            default -> rnd.nextInt(6) * (long) p;
        };
        if (a != null && Long.compareUnsigned(a.size(), Long.MAX_VALUE - (1L << 16)) > 0
                && Long.compareUnsigned(off, Long.MAX_VALUE - (1L << 17)) > 0) {
            off = 0; // Linux cannot map the last OS page below 2^63 of a file (see MappedWindow)
        }
        return new Op.Mmap(fd, len, prot, shared, off, caller());
    }

    private int mappingId(List<MappingSnapshot> maps) {
        if (maps.isEmpty() || rnd.nextInt(20) == 0) {
            return (int) pickLong(0, -1, 1, 1000);
        }
        return pick(maps).id();
    }

    private long accessOffset(long len, int n) {
        return switch (rnd.nextInt(10)) {
            case 0 -> len - n;
            case 1 -> len - n + 1;
            case 2 -> -1;
            case 3 -> len;
            default -> len <= 0 ? 0 : Math.floorMod(rnd.nextLong(), Math.min(len, 64L * p));
        };
    }
}
