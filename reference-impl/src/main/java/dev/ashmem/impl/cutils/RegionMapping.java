package dev.ashmem.impl.cutils;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A mapping of a region as a Java handle. {@link #read} and {@link #write} go through the driver
 * surface's load and store, so rights and end-of-file are checked and a refused access throws
 * {@link MemoryFaultException}. {@link #segment()} gives the memory itself as a MemorySegment: read-only
 * without WRITE, none without READ, covering only what the file backs (never the SIGBUS area), and
 * scoped so that it becomes unusable (IllegalStateException) at {@link #protect}, {@link #close()}, a
 * munmap or mprotect of its id through the device, or the device's close, also for a thread racing
 * them: a stale segment can never touch memory whose protection changed or that was unmapped.
 */
public final class RegionMapping implements AutoCloseable {
    private final OffHeapAshmem device;
    private final int id;
    private final Region region;
    private boolean closed;

    RegionMapping(OffHeapAshmem device, int id, Region region) {
        this.device = device;
        this.id = id;
        this.region = region;
    }

    public int id() {
        return id;
    }

    public Region region() {
        return region;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("mapping " + id + " of region \"" + region.name() + "\" was unmapped");
        }
    }

    private static long check(String op, Result r) {
        return switch (r) {
            case Result.Value v -> v.value();
            case Result.Error e -> throw new AshmemException(op, e.errno());
            case Result.Bytes b -> b.length();
            case Result.Fault f -> throw new MemoryFaultException(op, f.signal());
        };
    }

    /** Bytes at {@code offset} (a load through the mapping). */
    public byte[] read(long offset, int length) {
        ensureOpen();
        var r = device.load(id, offset, length);
        if (r instanceof Result.Bytes b) {
            return b.data();
        }
        check("load of " + length + " bytes at " + offset + " through mapping " + id, r);
        throw new IllegalStateException("load returned " + r);
    }

    /** Stores {@code data} at {@code offset}. */
    public void write(long offset, byte[] data) {
        ensureOpen();
        Objects.requireNonNull(data, "data");
        check("store of " + data.length + " bytes at " + offset + " through mapping " + id, device.store(id, offset, data));
    }

    /** mprotect: only rights the mask allowed at mmap time. Invalidates segments handed out before. */
    public synchronized void protect(int prot) {
        ensureOpen();
        check("mprotect of mapping " + id, device.mprotect(id, prot));
    }

    /** The memory as a segment, valid until the next {@link #protect} or {@link #close()}. */
    public synchronized MemorySegment segment() {
        ensureOpen();
        var view = device.mappingView(id).orElseThrow(() -> new IllegalStateException("mapping " + id + " is gone"));
        if ((view.prot() & Prot.READ) == 0) {
            throw new IllegalStateException("mapping " + id + " has no READ right (prot " + Prot.format(view.prot()) + ")");
        }
        return view.segment(); // read-only without WRITE; its scope closes with the mapping (MappedWindow)
    }

    public boolean isClosed() {
        return closed;
    }

    /** munmap. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            device.munmap(id);
        }
    }
}
