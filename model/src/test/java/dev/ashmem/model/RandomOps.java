package dev.ashmem.model;

import java.util.List;
import java.util.Random;

/**
 * A seeded generator of operations, steered by the current state: it mostly picks live handles and
 * mappings, page-aligned offsets inside the area, and ranges that touch or overlap earlier ones, with
 * a share of invalid arguments (misaligned, u32-overflowing, past the end, len 0, closed handles).
 */
public final class RandomOps {
    private final Random rnd;
    private final int P;
    private final int maxAreas;

    public RandomOps(long seed, int pageSize, int maxAreas) {
        this.rnd = new Random(seed);
        this.P = pageSize;
        this.maxAreas = maxAreas;
    }

    public Op next(DeviceSnapshot s) {
        var fds = s.areas().stream().flatMap(a -> a.handles().stream()).toList();
        if (fds.isEmpty() || (s.areas().size() < maxAreas && rnd.nextInt(20) == 0)) {
            return new Op.Open();
        }
        int fd = rnd.nextInt(30) == 0 ? rnd.nextInt(8) : pick(fds);
        var area = s.areas().stream().filter(a -> a.handles().contains(fd)).findFirst().orElse(null);
        long size = area == null ? 8L * P : area.size();
        int roll = rnd.nextInt(100);
        if (roll < 4) {
            return rnd.nextBoolean() ? new Op.Dup(fd) : new Op.Close(fd);
        }
        if (roll < 10 && (area == null || !area.hasFile())) {
            return new Op.Ioctl(fd, new Command.SetSize(size()), Caller.APP);
        }
        if (roll < 16 && s.mappings().size() < 6) {
            int prot = rnd.nextInt(10) == 0 ? rnd.nextInt(8) : Prot.READ | Prot.WRITE;
            long len = rnd.nextInt(10) == 0 ? rnd.nextInt(3 * P) : (long) P * (1 + rnd.nextInt(4));
            long off = rnd.nextInt(8) == 0 ? (long) P * rnd.nextInt(3) : 0;
            return new Op.Mmap(fd, len, prot, rnd.nextInt(6) != 0, off, caller());
        }
        if (roll < 50) {
            var arg = pinArg(size);
            return new Op.Ioctl(fd, switch (rnd.nextInt(5)) {
                case 0, 1 -> new Command.Unpin(arg);
                case 2, 3 -> new Command.Pin(arg);
                default -> new Command.GetPinStatus(arg);
            }, Caller.APP);
        }
        if (roll < 58) {
            return new Op.ShrinkScan(rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(3), rnd.nextInt(10) != 0);
        }
        if (roll < 60) {
            return new Op.Ioctl(fd, new Command.PurgeAllCaches(), rnd.nextBoolean() ? Caller.ADMIN : Caller.APP);
        }
        if (roll < 62) {
            return new Op.ShrinkCount();
        }
        if (roll < 76 && !s.mappings().isEmpty()) {
            var m = pick(s.mappings());
            long off = rnd.nextInt(10) == 0 ? m.length() : (long) rnd.nextInt((int) Math.min(m.length(), 1 << 20));
            int len = 1 + rnd.nextInt(Math.min(2 * P, 64));
            if (rnd.nextBoolean()) {
                var data = new byte[len];
                rnd.nextBytes(data);
                return new Op.Store(m.id(), off, data);
            }
            return new Op.Load(m.id(), off, len);
        }
        if (roll < 80 && !s.mappings().isEmpty()) {
            var m = pick(s.mappings());
            return rnd.nextInt(4) == 0 ? new Op.Munmap(m.id()) : new Op.Mprotect(m.id(), rnd.nextInt(8), caller());
        }
        if (roll < 86) {
            return new Op.Read(fd, rnd.nextInt(3 * P));
        }
        if (roll < 92) {
            int whence = rnd.nextInt(12) == 0 ? 7 : rnd.nextInt(5);
            long off = rnd.nextInt(8) == 0 ? -rnd.nextInt(P) : rnd.nextLong(Math.max(1, Math.min(size, 1L << 40)) + P);
            return new Op.Llseek(fd, off, whence);
        }
        return new Op.Ioctl(fd, switch (rnd.nextInt(7)) {
            case 0 -> Command.SetName.of("n" + rnd.nextInt(100));
            case 1 -> new Command.GetName(rnd.nextInt(10) == 0);
            case 2 -> new Command.GetSize();
            case 3 -> new Command.SetProtMask(rnd.nextInt(10) == 0 ? rnd.nextInt(16) : Prot.ALL & ~(1 << rnd.nextInt(3)));
            case 4 -> new Command.GetProtMask();
            case 5 -> new Command.Unknown(0x7700 + rnd.nextInt(32));
            default -> new Command.SetSize(size());
        }, caller());
    }

    private Caller caller() {
        return rnd.nextInt(8) == 0 ? Caller.READ_IMPLIES_EXEC : Caller.APP;
    }

    private long size() {
        return switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> P + 1L;
            case 2 -> (1L << 32);
            case 3 -> (1L << 32) + P;
            case 4 -> 5L * P - 1;
            default -> (long) P * (1 + rnd.nextInt(10));
        };
    }

    private Command.PinArg pinArg(long size) {
        if (rnd.nextInt(40) == 0) {
            return Command.PinArg.unreadable();
        }
        long pages = Math.max(1, Math.min(Long.divideUnsigned(Unsigned.pageAlign(size, P), P), 16));
        long off = (long) P * rnd.nextLong(pages + 1);
        long len = (long) P * rnd.nextLong(Math.max(1, pages - off / P + 1));
        switch (rnd.nextInt(14)) {
            case 0 -> off += 1 + rnd.nextInt(P - 1);
            case 1 -> len += 1 + rnd.nextInt(P - 1);
            case 2 -> off = 0xFFFF_F000L & -(long) P;
            case 3 -> len = 0;
            case 4 -> off = Math.min(Command.PinArg.U32_MAX & -(long) P, Unsigned.pageAlign(size, P) & Command.PinArg.U32_MAX);
            default -> {
            }
        }
        return Command.PinArg.of(off & Command.PinArg.U32_MAX, len & Command.PinArg.U32_MAX);
    }

    private <T> T pick(List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }
}
