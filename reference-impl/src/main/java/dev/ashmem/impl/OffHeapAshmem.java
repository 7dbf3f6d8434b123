package dev.ashmem.impl;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.mm.MappedWindow;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.Platform;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Errno;
import dev.ashmem.model.FileSnapshot;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.Names;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The off-heap reference implementation of ashmem: every area's backing file is a real memfd,
 * mappings are real mmaps, purges are real hole punches, all through java.lang.foreign.
 *
 * <h2>Locks</h2>
 * <ul>
 *   <li>{@code mutex}, a ReentrantLock, is the driver's ashmem_mutex (CONC-MUTEX): areas, ranges, the
 *       LRU. GET_SIZE, GET_PROT_MASK and the shrinker's count read without it (CONC-UNLOCKED).</li>
 *   <li>The shrinker punches outside the mutex with an in-flight counter; PIN, UNPIN and
 *       GET_PIN_STATUS wait for it to drain while holding the mutex, on a Condition of a separate lock,
 *       exactly as the driver's wait_event under the mutex (CONC-PUNCH-UNLOCKED, CONC-INFLIGHT). The
 *       scan takes the mutex with tryLock only (SHRINK-TRYLOCK).</li>
 *   <li>{@code mmapLock} plays mm's mmap_lock: loads and stores share it, mmap, munmap and mprotect
 *       take it exclusively, so no access can race an unmap or a protection change. Order:
 *       mmapLock, then the mutex.</li>
 *   <li>Handles and areas are reference counted like struct file (fget/fput), so an area is released
 *       after the last handle is closed and the last operation on it has returned. PIN, UNPIN and
 *       GET_PIN_STATUS take no reference: they hold the mutex, which release needs before it drops an
 *       area's ranges and file, and look their handle up again under it ({@link PinOps}).</li>
 * </ul>
 *
 * <h2>Rule families</h2>
 * This class is the façade: it holds the one {@link DeviceState} (the areas, mappings, LRU and the
 * locks) and hands each call to the class of its rule family, which reads side by side with the
 * model's: {@link HandleOps} (HandleRules), {@link AttributeOps} (AttributeRules), {@link PinOps}
 * (PinRules), {@link ShrinkerOps} (Shrinker), {@link MmapOps} (MmapRules), {@link MemoryOps}
 * (MemoryAccess), {@link FileIoOps} (FileIo).
 *
 * <h2>Broken variants</h2>
 * Every decision a deliberately broken variant may take differently is in the {@link Decisions} value
 * the constructor takes ({@link Decisions#DRIVER} by default); the catalogue of broken variants is
 * {@link dev.ashmem.impl.broken.BrokenVariant}.
 *
 * <h2>Step-wise scans</h2>
 * {@link #shrinkMarkHead()} (under the mutex: mark the LRU head purged, unlink it, count it in flight),
 * {@link #shrinkPunch(PendingPunch)} (the unlocked hole punch) and {@link #shrinkRelease(PendingPunch)}
 * (drop the file reference and the in-flight count, waking PIN/UNPIN/STATUS waiters) are the three
 * steps of one iteration of {@link #shrinkScan(long, boolean)}, for concurrency tests that interleave
 * other callers between them. {@link #inflight()} shows the counter.
 *
 * <h2>Where the OS shows through</h2>
 * <ul>
 *   <li>A real mmap can fail where the spec succeeds: a huge private writable mapping (charged against
 *       memory, like the driver's anonymous vma) or a mapping larger than the free address space
 *       returns ENOMEM.</li>
 *   <li>Linux maps no byte of a regular file at or past 2^63-1, so for an area larger than 2^63 - P the
 *       last OS page of its last driver page answers SIGBUS (see {@link MappedWindow}).</li>
 *   <li>A write-sealed memfd (mask without WRITE) cannot have holes punched; its purges zero the pages
 *       instead and count them as holes, without returning their memory (see {@link BackingFile}).</li>
 *   <li>Errors of the OS that the driver surface has no errno for (e.g. EMFILE from memfd_create)
 *       throw {@link OsLimitException}, which names the call and the errno; the device stays usable.</li>
 * </ul>
 * The hole punch of the range [0, 2^64-1] (start 0, end 0 after wrapping) punches the whole file, as
 * shmem does and the fact sheet says (SHRINK-PUNCH-EXTENT).
 */
public class OffHeapAshmem implements AshmemDevice {
    /** MAX_RW_COUNT: one read() moves at most INT_MAX rounded down to a 4 KiB page. */
    public static final int MAX_RW_COUNT = Integer.MAX_VALUE & ~4095;
    /** The shmem file name prefix the driver gives the backing file. */
    static final String NAME_PREFIX = "dev/ashmem/";

    private final DeviceState s;
    private final HandleOps handleOps;
    private final AttributeOps attributes;
    private final ShrinkerOps shrinker;
    private final PinOps pins;
    private final MmapOps mmaps;
    private final MemoryOps memory;
    private final FileIoOps fileIo;
    private volatile boolean closed;

    /** A device whose driver page size P is 4096, 16384 or 65536 (CTX-PAGE). */
    public OffHeapAshmem(int pageSize) {
        this(pageSize, Decisions.DRIVER);
    }

    /** A device taking {@code decisions} (a deliberately broken variant unless {@link Decisions#DRIVER}). */
    public OffHeapAshmem(int pageSize, Decisions decisions) {
        this(pageSize, decisions, Platform.X86_64);
    }

    /**
     * A device answering for the generic layer of {@code platform} (CTX-PLATFORM); its mappings are real
     * mappings of this machine, so a platform whose pages differ from the host's is simulated by the checks.
     */
    public OffHeapAshmem(int pageSize, Decisions decisions, Platform platform) {
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException("page size must be 4096, 16384 or 65536 (CTX-PAGE): " + pageSize);
        }
        if (pageSize % Libc.osPageSize() != 0) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a multiple of the OS page " + Libc.osPageSize());
        }
        this.s = new DeviceState(pageSize, Objects.requireNonNull(decisions, "decisions"),
                Objects.requireNonNull(platform, "platform"));
        this.handleOps = new HandleOps(s);
        this.attributes = new AttributeOps(s);
        this.shrinker = new ShrinkerOps(s);
        this.pins = new PinOps(s, shrinker);
        this.mmaps = new MmapOps(s, handleOps);
        this.memory = new MemoryOps(s);
        this.fileIo = new FileIoOps(s, handleOps);
    }

    /** The decisions this device takes. */
    public Decisions decisions() {
        return s.decisions;
    }

    /** A device with 4 KiB pages. */
    public OffHeapAshmem() {
        this(4096);
    }

    @Override
    public int pageSize() {
        return s.pageSize;
    }

    // ------------------------------------------------------------------ handles (HandleOps)

    @Override
    public Result open() {
        ensureOpen();
        return handleOps.open();
    }

    @Override
    public Result dup(int fd) {
        return handleOps.dup(fd);
    }

    @Override
    public Result close(int fd) {
        return handleOps.close(fd);
    }

    // ------------------------------------------------------------------ ioctl

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(caller, "caller");
        // The pin commands hold the mutex for the whole call instead of a reference (PinOps).
        switch (cmd) {
            case Command.Pin c -> {
                return pins.pinUnpin(fd, PinOps.PinKind.PIN, c.arg());
            }
            case Command.Unpin c -> {
                return pins.pinUnpin(fd, PinOps.PinKind.UNPIN, c.arg());
            }
            case Command.GetPinStatus c -> {
                return pins.pinUnpin(fd, PinOps.PinKind.STATUS, c.arg());
            }
            default -> {
            }
        }
        var area = s.handles.acquire(fd);
        if (area == null) {
            return Result.err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            return switch (cmd) {
                case Command.SetName c -> attributes.setName(area, c);
                case Command.GetName c -> attributes.getName(area, c);
                case Command.SetSize c -> attributes.setSize(area, c.size());
                case Command.GetSize c -> Result.ok(area.size); // SIZE-GET, unlocked
                case Command.SetProtMask c -> attributes.setProtMask(area, c.prot(), caller);
                case Command.GetProtMask c -> Result.ok(area.protMask); // PROT-GET, unlocked
                case Command.Pin _, Command.Unpin _, Command.GetPinStatus _ -> throw new AssertionError(cmd);
                case Command.PurgeAllCaches c -> shrinker.purgeAllCaches(caller);
                case Command.Unknown c -> Result.err(Errno.ENOTTY); // IOCTL-UNKNOWN
            };
        } finally {
            handleOps.put(area);
        }
    }

    // ------------------------------------------------------------------ shrinker (ShrinkerOps)

    /** SHRINK-COUNT: lruCount, read without the mutex. */
    @Override
    public long shrinkCount() {
        return shrinker.shrinkCount();
    }

    /** SHRINK-NOFS, SHRINK-TRYLOCK, SHRINK-ORDER, SHRINK-MARK, SHRINK-PUNCH, SHRINK-NR, SHRINK-RET. */
    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        return shrinker.shrinkScan(nrToScan, mayEnterFs);
    }

    /** Step 1 of a scan iteration, taking the mutex: the marked LRU head, or empty when the LRU is. */
    public Optional<PendingPunch> shrinkMarkHead() {
        return shrinker.shrinkMarkHead();
    }

    /** Step 2, without the mutex: the hole punch (SHRINK-PUNCH). */
    public void shrinkPunch(PendingPunch punch) {
        shrinker.shrinkPunch(punch);
    }

    /** Step 3: fput and the in-flight count drops, waking waiters at 0 (CONC-INFLIGHT). */
    public void shrinkRelease(PendingPunch punch) {
        shrinker.shrinkRelease(punch);
    }

    /** Punches marked and not yet released. */
    public int inflight() {
        return shrinker.inflight();
    }

    // ------------------------------------------------------------------ mmap (MmapOps), memory (MemoryOps)

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        return mmaps.mmap(fd, length, prot, shared, offset, caller);
    }

    @Override
    public Result munmap(int mapping) {
        return mmaps.munmap(mapping);
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        return mmaps.mprotect(mapping, prot, caller);
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        return memory.load(mapping, offset, length);
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        return memory.store(mapping, offset, data);
    }

    // ------------------------------------------------------------------ read, llseek (FileIoOps)

    @Override
    public Result read(int fd, int count) {
        return fileIo.read(fd, count);
    }

    @Override
    public Result llseek(int fd, long offset, int whence) {
        return fileIo.llseek(fd, offset, whence);
    }

    // ------------------------------------------------------------------ state

    @Override
    public DeviceSnapshot snapshot() {
        var fds = s.handles.byArea();
        s.mmapLock.readLock().lock();
        try {
            s.mutex.lock();
            try {
                var areaViews = new ArrayList<AreaSnapshot>();
                var files = new TreeMap<Integer, BackingFile>();
                for (var a : s.areas.values()) {
                    areaViews.add(new AreaSnapshot(a.id, fds.getOrDefault(a, List.of()), Names.text(a.name), a.size,
                            a.protMask, a.file != null, a.position, a.unpinned.snapshot()));
                    if (a.file != null) {
                        files.put(a.id, a.file);
                    }
                }
                // Plain loops, not streams: the differential suite takes this snapshot after every step.
                var lruView = new ArrayList<DeviceSnapshot.LruEntry>();
                for (var r : s.lru.toList()) {
                    lruView.add(new DeviceSnapshot.LruEntry(r.owner().id, r.pgstart(), r.pgend()));
                }
                var mappingViews = new ArrayList<MappingSnapshot>();
                for (var m : s.mappings.values()) {
                    mappingViews.add(m.snapshot());
                    files.putIfAbsent(m.areaId, m.file);
                }
                var fileViews = new ArrayList<FileSnapshot>(files.size());
                for (var f : files.values()) {
                    fileViews.add(new FileSnapshot(f.areaId(), f.size(), f.dataPages()));
                }
                return new DeviceSnapshot(s.pageSize, areaViews, lruView, s.lru.count(), mappingViews, fileViews);
            } finally {
                s.mutex.unlock();
            }
        } finally {
            s.mmapLock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ beyond the driver surface

    /** The memfd behind a handle's area once it exists (to share through /proc/&lt;pid&gt;/fd/&lt;n&gt;). */
    public OptionalInt backingFd(int fd) {
        var area = s.handles.acquire(fd);
        if (area == null) {
            return OptionalInt.empty();
        }
        try {
            var file = area.file;
            return file == null ? OptionalInt.empty() : OptionalInt.of(file.fd());
        } finally {
            handleOps.put(area);
        }
    }

    /** The backing file of a handle's area, if it exists (tests inspect its real allocation). */
    public Optional<BackingFile> backingFile(int fd) {
        var area = s.handles.acquire(fd);
        if (area == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(area.file);
        } finally {
            handleOps.put(area);
        }
    }

    /**
     * The usable part of a live mapping as a segment (the file part of a shared mapping, all of a
     * private one): read-only without WRITE, empty without READ (touching it would fault). It is bound
     * to a scope that closes at the mapping's next mprotect, its munmap or the device's close, so a
     * late access throws IllegalStateException, even from a thread racing the close.
     */
    public Optional<MappingView> mappingView(int mapping) {
        s.mmapLock.readLock().lock();
        try {
            var m = s.mappings.get(mapping);
            if (m == null) {
                return Optional.empty();
            }
            var seg = m.window.view();
            if ((m.prot & Prot.READ) == 0) {
                seg = seg.asSlice(0, 0);
            } else if ((m.prot & Prot.WRITE) == 0) {
                seg = seg.asReadOnly();
            }
            return Optional.of(new MappingView(seg, m.prot, m.shared));
        } finally {
            s.mmapLock.readLock().unlock();
        }
    }

    /** The live mapping ids (ascending). */
    public List<Integer> mappingIds() {
        s.mmapLock.readLock().lock();
        try {
            return List.copyOf(s.mappings.keySet());
        } finally {
            s.mmapLock.readLock().unlock();
        }
    }

    /** The live handles (ascending). */
    public List<Integer> handleIds() {
        return s.handles.handles();
    }

    // ------------------------------------------------------------------ reuse (the stress tests' pool)

    /**
     * The whole state now, for {@link #resetTo}, or empty if a reset could not restore it exactly (a
     * private mapping, a sealed or large file). Call it only while no other call is running on the device.
     */
    public Optional<Checkpoint> checkpoint() {
        s.mmapLock.writeLock().lock();
        try {
            s.mutex.lock();
            try {
                return closed ? Optional.empty() : Optional.ofNullable(Checkpoint.take(s));
            } finally {
                s.mutex.unlock();
            }
        } finally {
            s.mmapLock.writeLock().unlock();
        }
    }

    /**
     * Brings a device that came from {@code checkpoint}'s state back to it exactly: handles, areas
     * (names, sizes, masks, positions, ranges with their creation order), the LRU and its count, the
     * mappings, the in-flight count, and the files' pages and references; areas released since are
     * revived. The memfds and mmaps are kept, not made again. Returns false, changing nothing, when that
     * is not possible (something is in flight now, a mapping was added, removed or reprotected, a file was
     * made, sealed or closed), and false too if rewriting a file failed midway: in both cases the
     * caller closes the device instead. Call it only while no other call is running on the device, and
     * only with a checkpoint of this device.
     */
    public boolean resetTo(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        s.mmapLock.writeLock().lock();
        try {
            s.mutex.lock();
            try {
                return !closed && checkpoint.restorable(s) && checkpoint.restore(s);
            } finally {
                s.mutex.unlock();
            }
        } finally {
            s.mmapLock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("device is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes every handle and unmaps every mapping; the memfds go with their last reference. A call racing
     * it on another thread either finishes before (and what it made is closed here) or makes nothing: open
     * throws IllegalStateException, dup and mmap answer EBADF.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Calls racing this one make no handle or mapping after the lists are taken (HandleTable.closeAll,
        // MmapOps checks mappingsClosed under mmapLock): nothing is left behind.
        for (int fd : s.handles.closeAll()) {
            close(fd);
        }
        List<Integer> ids;
        s.mmapLock.writeLock().lock();
        try {
            s.mappingsClosed = true;
            ids = List.copyOf(s.mappings.keySet());
        } finally {
            s.mmapLock.writeLock().unlock();
        }
        for (int id : ids) {
            munmap(id);
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
