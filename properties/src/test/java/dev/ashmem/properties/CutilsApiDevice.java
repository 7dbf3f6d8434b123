package dev.ashmem.properties;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.cutils.Ashmem;
import dev.ashmem.impl.cutils.AshmemException;
import dev.ashmem.impl.cutils.MemoryFaultException;
import dev.ashmem.impl.cutils.Region;
import dev.ashmem.impl.cutils.RegionMapping;
import dev.ashmem.model.Abi;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Names;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The reference implementation driven through its libcutils-style API ({@code dev.ashmem.impl.cutils}), as a
 * device the differential chains can compare with the model. Every call that API can make goes through it:
 * on a handle made by {@code cutils_create_region} (a {@link Region}) through the Region and its
 * {@link RegionMapping}s, on any other handle through the C-shaped {@link Ashmem} functions, whose ints are
 * turned back into results (a negative int is -errno). What the API cannot say (another caller, an unreadable
 * argument, dup, read, llseek, the shrinker, PURGE_ALL_CACHES, whose temporary handle would open an area of its
 * own) goes to the device itself.
 *
 * <p>{@code ashmem_create_region} is open, SET_NAME and SET_SIZE in one call. The chain's step applies those
 * three operations to the model; here the open ({@link #createNext}) runs the whole {@link Region#create}, and
 * the SET_NAME and SET_SIZE that follow on its handle answer what the create did: 0, as it succeeded. The
 * comparison of the whole state after the step shows whether it named and sized the area as asked.
 */
final class CutilsApiDevice extends ForwardingDevice {
    /** Calls that went through a Region or RegionMapping, and through the Ashmem functions, over all devices. */
    static final AtomicLong THROUGH_REGION = new AtomicLong();
    static final AtomicLong THROUGH_FUNCTIONS = new AtomicLong();

    private final OffHeapAshmem device;
    private final Ashmem api;
    private final Map<Integer, Region> regions = new HashMap<>();
    private final Map<Integer, RegionMapping> mappings = new HashMap<>();
    private String pendingName;
    private long pendingSize;
    /** The handle a create just made, while its SET_NAME and SET_SIZE are still to come. */
    private int creating = -1;
    private int createSteps;

    CutilsApiDevice(OffHeapAshmem device) {
        super(device);
        this.device = device;
        this.api = new Ashmem(device);
    }

    /** The next open is ashmem_create_region(name, size). */
    void createNext(String name, long size) {
        pendingName = name;
        pendingSize = size;
    }

    private static Result errno(int negative) {
        return Result.err(Errno.ofNumber(-negative));
    }

    /** An int of the C API: a value, or -errno. */
    private static Result fromInt(int r) {
        return r < 0 ? errno(r) : Result.ok(r);
    }

    /** A Region call: its value, or the errno it threw. */
    private static Result region(Supplier<Result> call) {
        THROUGH_REGION.incrementAndGet();
        try {
            return call.get();
        } catch (AshmemException e) {
            return Result.err(e.errno());
        } catch (MemoryFaultException e) {
            return new Result.Fault(e.signal());
        }
    }

    @Override
    public Result open() {
        if (pendingName == null) {
            return inner.open();
        }
        String name = pendingName;
        pendingName = null;
        var region = region(() -> {
            var r = Region.create(device, name, pendingSize);
            regions.put(r.fd(), r);
            creating = r.fd();
            createSteps = 2;
            return Result.ok(r.fd());
        });
        return region;
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        if (fd == creating && (cmd instanceof Command.SetName || cmd instanceof Command.SetSize)) {
            if (--createSteps == 0) {
                creating = -1;
            }
            return Result.ZERO; // done by the create
        }
        creating = -1;
        if (caller != Caller.APP) {
            return inner.ioctl(fd, cmd, caller);
        }
        var r = regions.get(fd);
        return switch (cmd) {
            case Command.Pin p when !p.arg().badPointer() -> r != null
                    ? region(() -> Result.ok(r.pin(p.arg().offset(), p.arg().len()) ? Ashmem.ASHMEM_WAS_PURGED : Ashmem.ASHMEM_NOT_PURGED))
                    : function(() -> fromInt(api.pinRegion(fd, p.arg().offset(), p.arg().len())));
            case Command.Unpin u when !u.arg().badPointer() -> r != null
                    ? region(() -> {
                        r.unpin(u.arg().offset(), u.arg().len());
                        return Result.ZERO;
                    })
                    : function(() -> fromInt(api.unpinRegion(fd, u.arg().offset(), u.arg().len())));
            case Command.GetPinStatus s when !s.arg().badPointer() -> r != null
                    ? region(() -> Result.ok(r.isPinned(s.arg().offset(), s.arg().len()) ? Ashmem.ASHMEM_IS_PINNED : Ashmem.ASHMEM_IS_UNPINNED))
                    : function(() -> fromInt(api.getPinStatus(fd, s.arg().offset(), s.arg().len())));
            case Command.SetProtMask m when m.prot() >= 0 && m.prot() <= Abi.U32_MAX -> r != null
                    ? region(() -> {
                        r.setProt((int) m.prot());
                        return Result.ZERO;
                    })
                    : function(() -> fromInt(api.setProtRegion(fd, (int) m.prot())));
            case Command.GetProtMask g when r != null -> region(() -> Result.ok(r.prot() & Abi.U32_MAX));
            case Command.GetName g when r != null && !g.badPointer() -> region(() -> {
                var raw = inner.ioctl(fd, cmd, caller);
                if (raw instanceof Result.Bytes b) {
                    var bytes = b.data();
                    var text = Names.text(Arrays.copyOf(bytes, bytes.length - 1));
                    if (!text.equals(r.driverName())) {
                        throw new IllegalStateException("Region.driverName() is \"" + r.driverName() + "\", GET_NAME \"" + text + "\"");
                    }
                }
                return raw;
            });
            case Command.GetSize g -> function(() -> getSize(fd));
            default -> inner.ioctl(fd, cmd, caller);
        };
    }

    private static Result function(Supplier<Result> call) {
        THROUGH_FUNCTIONS.incrementAndGet();
        return call.get();
    }

    /** ashmem_valid, then ashmem_get_size_region: an int, so the size is checked as the C API truncates it. */
    private Result getSize(int fd) {
        if (api.valid(fd) == 0) {
            return errno(api.getSizeRegion(fd));
        }
        var raw = inner.ioctl(fd, new Command.GetSize());
        int truncated = api.getSizeRegion(fd);
        if (raw instanceof Result.Value v && (int) v.value() != truncated) {
            throw new IllegalStateException("ashmem_get_size_region returned " + truncated + " for a size of " + v.value());
        }
        return raw;
    }

    @Override
    public Result close(int fd) {
        creating = -1;
        var r = regions.remove(fd);
        if (r != null) {
            return region(() -> {
                r.close();
                return r.isClosed() ? Result.ZERO : Result.err(Errno.EBADF);
            });
        }
        return function(() -> fromInt(api.close(fd)));
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        creating = -1;
        var r = regions.get(fd);
        if (r == null || caller != Caller.APP || (prot & ~Prot.ALL) != 0) {
            return inner.mmap(fd, length, prot, shared, offset, caller);
        }
        return region(() -> {
            var m = r.map(offset, length, prot, shared);
            mappings.put(m.id(), m);
            return Result.ok(m.id());
        });
    }

    @Override
    public Result munmap(int mapping) {
        creating = -1;
        var m = mappings.remove(mapping);
        if (m == null) {
            return inner.munmap(mapping);
        }
        return region(() -> {
            m.close();
            return m.isClosed() ? Result.ZERO : Result.err(Errno.EINVAL);
        });
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        creating = -1;
        var m = mappings.get(mapping);
        if (m == null || caller != Caller.APP) {
            return inner.mprotect(mapping, prot, caller);
        }
        return region(() -> {
            m.protect(prot);
            return Result.ZERO;
        });
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        creating = -1;
        var m = mappings.get(mapping);
        if (m == null) {
            return inner.load(mapping, offset, length);
        }
        return region(() -> new Result.Bytes(m.read(offset, length)));
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        creating = -1;
        var m = mappings.get(mapping);
        if (m == null) {
            return inner.store(mapping, offset, data);
        }
        return region(() -> {
            m.write(offset, data);
            return Result.ZERO;
        });
    }
}
