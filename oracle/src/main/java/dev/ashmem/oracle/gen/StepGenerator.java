package dev.ashmem.oracle.gen;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Prot;
import dev.ashmem.oracle.replay.Session;
import dev.ashmem.trace.Name;
import dev.ashmem.trace.Step;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Draws the next operation of a random sequence from the session's state: mostly live handles and
 * mappings with arguments near the interesting boundaries of their area (page multiples, the aligned
 * end, u32 and u64 edges), sometimes invalid ones. Values a real implementation cannot take cheaply
 * are avoided: mappings of at most a few GiB of address space, accesses of a few pages.
 */
public final class StepGenerator {
    /** Names that are never bound: the implementation must answer EBADF / EINVAL / ENOMEM / SIGSEGV. */
    static final Name NO_HANDLE = new Name("-1");
    static final Name NO_MAPPING = new Name("0");
    private static final int MAX_HANDLES = 4;

    private final int p;
    /** Weights of the operation kinds, in {@link Kind} order. */
    private final int[] weights;

    public StepGenerator(int pageSize) {
        this(pageSize, WEIGHTS);
    }

    private StepGenerator(int pageSize, int[] weights) {
        this.p = pageSize;
        this.weights = weights;
    }

    /**
     * A generator that draws the operations behind the given rules four times as often (a rule is known by
     * its prefix: PIN, UNPIN, STATUS and PINARG favour the pin commands, SHRINK and PURGE the shrinker, and
     * so on), so that a scoped generation spends its steps where its rules are.
     */
    public StepGenerator focus(Collection<String> rules) {
        var w = Arrays.copyOf(WEIGHTS, WEIGHTS.length);
        for (String r : rules) {
            String prefix = r.contains("-") ? r.substring(0, r.indexOf('-')) : r;
            var kinds = switch (prefix) {
                case "PIN", "UNPIN", "STATUS", "PINARG" -> List.of(Kind.UNPIN, Kind.PIN, Kind.STATUS);
                case "SHRINK", "PURGE" -> List.of(Kind.UNPIN, Kind.SCAN, Kind.PURGE, Kind.COUNT);
                case "MMAP", "MUNMAP", "MPROTECT", "MEM" -> List.of(Kind.MMAP, Kind.LOAD, Kind.STORE, Kind.MPROTECT, Kind.MUNMAP);
                case "NAME", "GETNAME" -> List.of(Kind.SET_NAME, Kind.GET_NAME);
                case "SIZE" -> List.of(Kind.SET_SIZE, Kind.GET_SIZE);
                case "PROT" -> List.of(Kind.SET_PROT, Kind.GET_PROT);
                case "READ", "SEEK" -> List.of(Kind.READ, Kind.LLSEEK, Kind.STORE);
                case "HANDLE", "OPEN", "DUP", "CLOSE" -> List.of(Kind.OPEN, Kind.DUP, Kind.CLOSE);
                case "IOCTL" -> List.of(Kind.UNKNOWN);
                default -> List.<Kind>of();
            };
            for (var k : kinds) {
                w[k.ordinal()] = WEIGHTS[k.ordinal()] * 4;
            }
        }
        return new StepGenerator(p, w);
    }

    /** Operation kinds in order of simplicity. */
    enum Kind {
        OPEN, SET_SIZE, MMAP, UNPIN, PIN, STATUS, SCAN, PURGE, COUNT, LOAD, STORE, READ, LLSEEK, SET_NAME, GET_NAME,
        GET_SIZE, SET_PROT, GET_PROT, MPROTECT, MUNMAP, DUP, CLOSE, UNKNOWN
    }

    private static final int[] WEIGHTS = {8, 10, 10, 10, 8, 5, 4, 3, 2, 6, 6, 3, 3, 3, 2, 2, 3, 2, 3, 2, 2, 2, 1};

    public Step next(Draw d, Session s) {
        var weights = Arrays.copyOf(this.weights, this.weights.length);
        var live = s.liveHandles();
        if (live.size() >= MAX_HANDLES) {
            weights[Kind.OPEN.ordinal()] = 1;
            weights[Kind.DUP.ordinal()] = 1;
        }
        if (live.isEmpty()) {
            weights[Kind.OPEN.ordinal()] = 60;
        }
        var kind = Kind.values()[d.weighted(weights)];
        return switch (kind) {
            case OPEN -> new Step.Open();
            case SET_SIZE -> {
                var h = handle(d, s);
                yield new Step.Ioctl(h, new Command.SetSize(size(d)), null);
            }
            case MMAP -> mmap(d, s);
            case UNPIN -> pinFamily(d, s, 1);
            case PIN -> pinFamily(d, s, 0);
            case STATUS -> pinFamily(d, s, 2);
            case SCAN -> new Step.ShrinkScan(pickLong(d, new long[] {1, 2, 0, 3, Long.MAX_VALUE, -1}, 4, 2, 2, 1, 1, 1),
                    !d.chance(0.15));
            case PURGE -> new Step.Ioctl(handle(d, s), new Command.PurgeAllCaches(), d.chance(0.8) ? Caller.ADMIN : null);
            case COUNT -> new Step.ShrinkCount();
            case LOAD -> {
                var m = mapping(d, s);
                var at = access(d, s, m);
                yield new Step.Load(m, at[0], (int) at[1]);
            }
            case STORE -> {
                var m = mapping(d, s);
                var at = access(d, s, m);
                yield new Step.Store(m, at[0], data(d, (int) at[1]));
            }
            case READ -> new Step.Read(handle(d, s), (int) pickLong(d, new long[] {16, p, 0, 2L * p + 100, -1}, 3, 2, 1, 1, 1));
            case LLSEEK -> {
                var h = handle(d, s);
                int whence = d.weighted(3, 2, 2, 2, 2, 1);
                long off = pickLong(d, new long[] {0, (long) p * (1 + d.index(4)), 100, -1, -p, 1L << 62}, 4, 3, 2, 1, 1, 1);
                yield new Step.Llseek(h, off, whence);
            }
            case SET_NAME -> {
                var h = handle(d, s);
                yield new Step.Ioctl(h, switch (d.weighted(4, 1, 1, 1, 1)) {
                    case 0 -> Command.SetName.of("ashmem-test");
                    case 1 -> Command.SetName.of("");
                    case 2 -> new Command.SetName(new byte[] {'a', 0, 'b'}, false);
                    case 3 -> Command.SetName.of("x".repeat(300));
                    default -> Command.SetName.unreadable();
                }, null);
            }
            case GET_NAME -> new Step.Ioctl(handle(d, s), new Command.GetName(d.chance(0.1)), null);
            case GET_SIZE -> new Step.Ioctl(handle(d, s), new Command.GetSize(), null);
            case SET_PROT -> {
                var h = handle(d, s);
                long prot = d.weighted(16, 1, 1) == 0 ? d.index(8) : d.chance(0.5) ? 8 : 0x1_0000_0001L;
                yield new Step.Ioctl(h, new Command.SetProtMask(prot), d.chance(0.15) ? Caller.READ_IMPLIES_EXEC : null);
            }
            case GET_PROT -> new Step.Ioctl(handle(d, s), new Command.GetProtMask(), null);
            case MPROTECT -> {
                var m = mapping(d, s);
                int prot = d.weighted(16, 1) == 0 ? d.index(8) : 8;
                yield new Step.Mprotect(m, prot, d.chance(0.1) ? Caller.READ_IMPLIES_EXEC : null);
            }
            case MUNMAP -> new Step.Munmap(mapping(d, s));
            case DUP -> new Step.Dup(handle(d, s));
            case CLOSE -> new Step.Close(handle(d, s));
            case UNKNOWN -> new Step.Ioctl(handle(d, s), new Command.Unknown(
                    pickLong(d, new long[] {0x770b, 0x7700, 0x12345678, 0x8008770bL}, 2, 1, 1, 1)), null);
        };
    }

    private static long pickLong(Draw d, long[] values, int... weights) {
        return values[d.weighted(weights)];
    }

    private Name handle(Draw d, Session s) {
        var live = s.liveHandles();
        if (live.isEmpty() || d.chance(0.05)) {
            return NO_HANDLE;
        }
        return live.get(d.index(live.size()));
    }

    private Name mapping(Draw d, Session s) {
        var live = s.liveMappings();
        if (live.isEmpty() || d.chance(0.05)) {
            return NO_MAPPING;
        }
        return live.get(d.index(live.size()));
    }

    private long size(Draw d) {
        return switch (d.weighted(12, 4, 2, 2, 2, 1, 1, 1, 1)) {
            case 0 -> (long) p * (1 + d.index(8));
            case 1 -> (long) p * d.index(4) + 1 + d.upTo(p - 2);
            case 2 -> 0;
            case 3 -> 1L << 32;
            case 4 -> (1L << 32) + p;
            case 5 -> Long.MAX_VALUE;
            case 6 -> Long.MIN_VALUE;
            case 7 -> -1L;
            default -> -(long) p + 1;
        };
    }

    /** The region's aligned size for choosing offsets; a few pages when there is no area. */
    private long aligned(Session s, Name h) {
        long size = s.area(h).map(AreaSnapshot::size).orElse(8L * p);
        long a = (size + p - 1) & -(long) p;
        return a == 0 && size != 0 ? -(long) p : a;
    }

    private Step mmap(Draw d, Session s) {
        var h = handle(d, s);
        long a = aligned(s, h);
        boolean small = Long.compareUnsigned(a, 1L << 33) <= 0;
        long length = switch (d.weighted(8, 3, 2, 2, 1, 1, 1)) {
            case 0 -> (long) p * (1 + d.index(4));
            case 1 -> small && a != 0 ? a : p;
            case 2 -> small ? a + p : 2L * p;
            case 3 -> 1 + d.upTo(p - 2);
            case 4 -> 0;
            case 5 -> Abi.TASK_SIZE + p;
            default -> -1L;
        };
        int prot = new int[] {Prot.READ | Prot.WRITE, Prot.READ, Prot.NONE, Prot.WRITE, Prot.ALL, Prot.READ | Prot.EXEC, 8}
                [d.weighted(6, 3, 1, 1, 2, 1, 1)];
        boolean shared = !d.chance(0.25);
        long offset = switch (d.weighted(8, 3, 1, 1, 1, 1)) {
            case 0 -> 0;
            case 1 -> (long) p * (1 + d.index(4));
            case 2 -> small ? a : 1L << 40;
            case 3 -> 100;
            case 4 -> -2L * p;
            default -> 1L << 62;
        };
        return new Step.Mmap(h, length, prot, shared, offset, d.chance(0.1) ? Caller.READ_IMPLIES_EXEC : null);
    }

    /** kind: 0 PIN, 1 UNPIN, 2 GET_PIN_STATUS. */
    private Step pinFamily(Draw d, Session s, int kind) {
        var h = handle(d, s);
        Command.PinArg arg;
        if (d.chance(0.03)) {
            arg = Command.PinArg.unreadable();
        } else {
            long a = aligned(s, h);
            var ranges = s.area(h).map(AreaSnapshot::unpinned).orElse(List.of());
            var near = ranges.stream().filter(r -> Long.compareUnsigned(r.pgend() - r.pgstart(), 1L << 20) < 0
                    && Long.compareUnsigned(r.pgend(), (Abi.U32_MAX >> 12) - 8) < 0).toList();
            if (!near.isEmpty() && d.chance(0.35)) {
                // Around an unpinned range: strictly inside (PIN-CASE-4), over its start (2), over its end (3), over all (1).
                var r = near.get(d.index(near.size()));
                long first = r.pgstart();
                long last = r.pgend();
                long[] span = switch (d.index(4)) {
                    case 0 -> last - first >= 2 ? new long[] {first + 1, first + 1} : new long[] {first, last};
                    case 1 -> new long[] {Math.max(first - 1, 0), first};
                    case 2 -> new long[] {last, last + 1};
                    default -> new long[] {Math.max(first - 1, 0), last + 1};
                };
                arg = Command.PinArg.of((span[0] * p) & Abi.U32_MAX, ((span[1] - span[0] + 1) * p) & Abi.U32_MAX);
            } else {
                long pages = Math.min(Long.divideUnsigned(a, p), 64);
                long endOffset = Long.compareUnsigned(a, Abi.U32_MAX) <= 0 ? a : (a & Abi.U32_MAX & -(long) p);
                long offset = switch (d.weighted(8, 2, 1, 1)) {
                    case 0 -> (long) p * d.upTo(Math.max(pages - 1, 0));
                    case 1 -> endOffset;
                    case 2 -> 100;
                    default -> Abi.U32_MAX & -(long) p;
                };
                long len = switch (d.weighted(6, 4, 1, 1)) {
                    case 0 -> (long) p * (1 + d.index(4));
                    case 1 -> 0;
                    case 2 -> 100;
                    default -> Abi.U32_MAX & -(long) p;
                };
                arg = Command.PinArg.of(offset, len);
            }
        }
        var cmd = switch (kind) {
            case 0 -> new Command.Pin(arg);
            case 1 -> new Command.Unpin(arg);
            default -> new Command.GetPinStatus(arg);
        };
        return new Step.Ioctl(h, cmd, null);
    }

    /** {offset, length} of a load or store. */
    private long[] access(Draw d, Session s, Name m) {
        long len = s.mapping(m).map(MappingSnapshot::length).orElse((long) p);
        long length = switch (d.weighted(5, 2, 1, 1)) {
            case 0 -> 1 + d.index(16);
            case 1 -> p;
            case 2 -> 0;
            default -> 2L * p;
        };
        long offset = switch (d.weighted(4, 6, 2, 1, 1, 1)) {
            case 0 -> 0;
            case 1 -> d.upTo(Math.max(Math.min(len, 1L << 20) - 1, 0));
            case 2 -> Math.max(len - length, 0);
            case 3 -> len;
            case 4 -> len + p;
            default -> -1;
        };
        return new long[] {offset, length};
    }

    private static byte[] data(Draw d, int length) {
        var b = new byte[length];
        int fill = 1 + d.index(255);
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (fill + i);
        }
        return b;
    }
}
