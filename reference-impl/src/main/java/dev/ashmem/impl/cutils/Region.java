package dev.ashmem.impl.cutils;

import dev.ashmem.model.Abi;
import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.Command;
import dev.ashmem.model.Names;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.Objects;
import java.util.Optional;

/**
 * An ashmem region as a Java handle: what {@code ashmem_create_region} returns, with its operations as
 * methods that throw {@link AshmemException} on an errno. Closing it closes the handle; mappings made
 * from it stay valid until they are closed themselves (CLOSE-MAPPINGS). A closed region throws
 * {@link IllegalStateException}; null arguments throw {@link NullPointerException}.
 */
public final class Region implements AutoCloseable {
    private final OffHeapAshmem device;
    private final int fd;
    private final long size;
    private final String name;
    private volatile boolean closed;

    private Region(OffHeapAshmem device, int fd, String name, long size) {
        this.device = device;
        this.fd = fd;
        this.name = name;
        this.size = size;
    }

    /** A new region of {@code size} bytes called {@code name}. */
    public static Region create(OffHeapAshmem device, String name, long size) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(name, "name");
        int fd = new Ashmem(device).createRegion(name, size);
        if (fd < 0) {
            throw new AshmemException("ashmem_create_region(" + name + ", " + size + ")", errno(-fd));
        }
        return new Region(device, fd, name, size);
    }

    private static dev.ashmem.model.Errno errno(int n) {
        return dev.ashmem.model.Errno.ofNumber(n);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("region \"" + name + "\" (handle " + fd + ") is closed");
        }
    }

    private long check(String op, Result r) {
        return switch (r) {
            case Result.Value v -> v.value();
            case Result.Error e -> throw new AshmemException(op + " on region \"" + name + "\"", e.errno());
            case Result.Bytes b -> b.length();
            case Result.Fault f -> throw new MemoryFaultException(op, f.signal());
        };
    }

    /** The device handle. */
    public int fd() {
        ensureOpen();
        return fd;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    /** GET_NAME as the driver reports it. */
    public String driverName() {
        ensureOpen();
        var r = device.ioctl(fd, new Command.GetName(false));
        if (r instanceof Result.Bytes b) {
            var bytes = b.data();
            return Names.text(java.util.Arrays.copyOf(bytes, bytes.length - 1));
        }
        check("GET_NAME", r);
        throw new IllegalStateException("GET_NAME returned " + r);
    }

    /** SET_PROT_MASK: bits can only be removed. */
    public void setProt(int prot) {
        ensureOpen();
        check("SET_PROT_MASK", device.ioctl(fd, new Command.SetProtMask(prot & Abi.U32_MAX)));
    }

    public int prot() {
        ensureOpen();
        return (int) check("GET_PROT_MASK", device.ioctl(fd, new Command.GetProtMask()));
    }

    /** PIN; true when some of the pages were purged meanwhile (their content is gone). */
    public boolean pin(long offset, long len) {
        ensureOpen();
        requireU32(offset, "offset");
        requireU32(len, "len");
        return check("PIN", device.ioctl(fd, Command.pin(offset, len))) == Ashmem.ASHMEM_WAS_PURGED;
    }

    /** UNPIN: the pages may be purged until pinned again. */
    public void unpin(long offset, long len) {
        ensureOpen();
        requireU32(offset, "offset");
        requireU32(len, "len");
        check("UNPIN", device.ioctl(fd, Command.unpin(offset, len)));
    }

    /** GET_PIN_STATUS: true when every page of the range is pinned. */
    public boolean isPinned(long offset, long len) {
        ensureOpen();
        requireU32(offset, "offset");
        requireU32(len, "len");
        return check("GET_PIN_STATUS", device.ioctl(fd, Command.pinStatus(offset, len))) == Ashmem.ASHMEM_IS_PINNED;
    }

    private static void requireU32(long v, String what) {
        if (v < 0 || v > Abi.U32_MAX) {
            throw new IllegalArgumentException(what + " is a u32 field of struct ashmem_pin: " + v);
        }
    }

    /** A shared mapping of the whole region. */
    public RegionMapping map(int prot) {
        return map(0, size, prot, true);
    }

    /** mmap(length, prot, shared or private, offset). */
    public RegionMapping map(long offset, long length, int prot, boolean shared) {
        ensureOpen();
        if ((prot & ~Prot.ALL) != 0) {
            throw new IllegalArgumentException("prot has bits outside rwx: " + prot);
        }
        int id = (int) check("mmap", device.mmap(fd, length, prot, shared, offset));
        return new RegionMapping(device, id, this);
    }

    /**
     * /proc/&lt;pid&gt;/fd/&lt;n&gt; of the backing memfd, through which another process can map the same
     * memory; empty until the first mapping created the file.
     */
    public Optional<String> procPath() {
        ensureOpen();
        var memfd = device.backingFd(fd);
        return memfd.isPresent() ? Optional.of("/proc/" + Libc.getpid() + "/fd/" + memfd.getAsInt()) : Optional.empty();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the handle; mappings stay valid (close them separately). Idempotent. */
    @Override
    public void close() {
        synchronized (this) { // two closing threads must not both close the handle: its number may be reused
            if (closed) {
                return;
            }
            closed = true;
        }
        device.close(fd);
    }
}
