package dev.ashmem.impl;

import dev.ashmem.model.Abi;

import dev.ashmem.model.Unsigned;
import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.mm.MappedWindow;
import dev.ashmem.impl.range.Lru;
import dev.ashmem.impl.range.Range;
import dev.ashmem.impl.range.UnpinnedRanges;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
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
import dev.ashmem.model.Whence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
 *       after the last handle is closed and the last operation on it has returned.</li>
 * </ul>
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
 *       throw {@link IllegalStateException}.</li>
 * </ul>
 * The hole punch of the range [0, 2^64-1] (start 0, end 0 after wrapping) punches the whole file, as
 * shmem does and the fact sheet says (SHRINK-PUNCH-EXTENT).
 */
public class OffHeapAshmem implements AshmemDevice {
    /** MAX_RW_COUNT: one read() moves at most INT_MAX rounded down to a 4 KiB page. */
    public static final int MAX_RW_COUNT = Integer.MAX_VALUE & ~4095;
    /** The shmem file name prefix the driver gives the backing file. */
    static final String NAME_PREFIX = "dev/ashmem/";

    private final int pageSize;
    private final Decisions decisions;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ReentrantReadWriteLock mmapLock = new ReentrantReadWriteLock();
    private final AtomicInteger inflight = new AtomicInteger();
    private final ReentrantLock inflightLock = new ReentrantLock();
    private final Condition drained = inflightLock.newCondition();
    private final HandleTable handles = new HandleTable();
    /** Live areas in open order: added by open, removed by release under the mutex. */
    private final ConcurrentSkipListMap<Integer, Area> areas = new ConcurrentSkipListMap<>();
    private final Lru<Area> lru = new Lru<>();
    /** Live mappings by id; guarded by mmapLock. */
    private final TreeMap<Integer, LiveMapping> mappings = new TreeMap<>();
    private int nextMappingId = 1;
    private volatile boolean closed;

    /** A device whose driver page size P is 4096, 16384 or 65536 (CTX-PAGE). */
    public OffHeapAshmem(int pageSize) {
        this(pageSize, Decisions.DRIVER);
    }

    /** A device taking {@code decisions} (a deliberately broken variant unless {@link Decisions#DRIVER}). */
    public OffHeapAshmem(int pageSize, Decisions decisions) {
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException("page size must be 4096, 16384 or 65536 (CTX-PAGE): " + pageSize);
        }
        if (pageSize % Libc.osPageSize() != 0) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a multiple of the OS page " + Libc.osPageSize());
        }
        this.pageSize = pageSize;
        this.decisions = Objects.requireNonNull(decisions, "decisions");
    }

    /** The decisions this device takes. */
    public Decisions decisions() {
        return decisions;
    }

    /** A device with 4 KiB pages. */
    public OffHeapAshmem() {
        this(4096);
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    private long pageAlign(long x) {
        return Unsigned.pageAlign(x, pageSize);
    }

    private static Result err(Errno e) {
        return Result.err(e);
    }

    /** An OS errno as a result, when the driver surface has a name for it. */
    private static Result osError(SysException e) {
        for (var errno : Errno.values()) {
            if (errno.number() == e.errno()) {
                return Result.err(errno);
            }
        }
        throw new IllegalStateException(e.getMessage() + " (no errno of the driver surface matches)", e);
    }

    // ------------------------------------------------------------------ handles

    @Override
    public Result open() {
        ensureOpen();
        int fd = handles.open(id -> {
            var area = new Area(id, lru, decisions);
            areas.put(id, area);
            return area;
        });
        return Result.ok(fd); // OPEN, HANDLE-NUM
    }

    @Override
    public Result dup(int fd) {
        var area = handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            return Result.ok(handles.dup(area)); // DUP
        } finally {
            put(area);
        }
    }

    @Override
    public Result close(int fd) {
        var area = handles.remove(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        put(area); // CLOSE-REF: only the last reference releases
        return Result.ZERO;
    }

    /** fput: the last reference releases the area. */
    private void put(Area area) {
        if (area.refs.decrementAndGet() == 0) {
            release(area);
        }
    }

    /** ashmem_release(): CLOSE-RELEASE; mappings keep their own file reference (CLOSE-MAPPINGS). */
    private void release(Area area) {
        BackingFile file;
        mutex.lock();
        try {
            if (decisions.releaseDropsRanges()) {
                area.unpinned.clear();
            }
            areas.remove(area.id);
            file = area.file;
        } finally {
            mutex.unlock();
        }
        if (file != null) {
            file.release();
        }
    }

    // ------------------------------------------------------------------ ioctl

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(caller, "caller");
        var area = handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            return switch (cmd) {
                case Command.SetName c -> setName(area, c);
                case Command.GetName c -> getName(area, c);
                case Command.SetSize c -> setSize(area, c.size());
                case Command.GetSize c -> Result.ok(area.size); // SIZE-GET, unlocked
                case Command.SetProtMask c -> setProtMask(area, c.prot(), caller);
                case Command.GetProtMask c -> Result.ok(area.protMask); // PROT-GET, unlocked
                case Command.Pin c -> pinUnpin(area, PinKind.PIN, c.arg());
                case Command.Unpin c -> pinUnpin(area, PinKind.UNPIN, c.arg());
                case Command.GetPinStatus c -> pinUnpin(area, PinKind.STATUS, c.arg());
                case Command.PurgeAllCaches c -> purgeAllCaches(caller);
                case Command.Unknown c -> err(Errno.ENOTTY); // IOCTL-UNKNOWN
            };
        } finally {
            put(area);
        }
    }

    /** NAME-EFAULT, NAME-TRUNC, NAME-FILE, NAME-SET. */
    private Result setName(Area area, Command.SetName cmd) {
        if (cmd.badPointer()) {
            return err(Errno.EFAULT); // NAME-EFAULT: the copy-in precedes the mutex
        }
        byte[] user = cmd.bytes();
        int len = 0;
        while (len < user.length && len < Names.NAME_LEN && user[len] != 0) {
            len++;
        }
        byte[] name = Arrays.copyOf(user, Math.min(len, Names.NAME_LEN - 1)); // NAME-TRUNC
        mutex.lock();
        try {
            if (!decisions.setNameAllowed(area.file != null)) {
                return err(Errno.EINVAL); // NAME-FILE
            }
            area.name = name; // NAME-SET
            return Result.ZERO;
        } finally {
            mutex.unlock();
        }
    }

    /** GETNAME-DEFAULT, GETNAME-COPY, GETNAME-EFAULT. */
    private Result getName(Area area, Command.GetName cmd) {
        byte[] name;
        mutex.lock();
        try {
            name = area.name.length == 0 ? Names.DEFAULT.getBytes(StandardCharsets.US_ASCII) : area.name;
        } finally {
            mutex.unlock();
        }
        if (cmd.badPointer()) {
            return err(Errno.EFAULT); // GETNAME-EFAULT: the copy-out happens after the lock
        }
        return new Result.Bytes(Arrays.copyOf(name, decisions.nameCopyOutLength(name.length))); // GETNAME-COPY
    }

    /** SIZE-FILE, SIZE-SET. */
    private Result setSize(Area area, long size) {
        mutex.lock();
        try {
            if (!decisions.setSizeAllowed(area.file != null)) {
                return err(Errno.EINVAL); // SIZE-FILE
            }
            area.size = size; // SIZE-SET: any value, no rounding
            return Result.ZERO;
        } finally {
            mutex.unlock();
        }
    }

    /** PROT-SUBSET, PROT-RIE, PROT-SET; a mask without WRITE seals an existing file. */
    private Result setProtMask(Area area, long prot, Caller caller) {
        boolean rie = (prot & Prot.READ) != 0 && caller.readImpliesExec();
        mmapLock.readLock().lock(); // the seal needs the mappings; lock order: mmapLock, then the mutex
        mutex.lock();
        try {
            if (rie && decisions.readImpliesExecBeforeCheck()) {
                prot |= Prot.EXEC;
            }
            if (!decisions.protMaskChangeAllowed(area.protMask, prot)) {
                return err(Errno.EINVAL); // PROT-SUBSET
            }
            if (rie && !decisions.readImpliesExecBeforeCheck()) {
                prot |= Prot.EXEC; // PROT-RIE: after the check, so EXEC can come back
            }
            area.protMask = prot; // PROT-SET
            var file = area.file;
            if (file != null && (prot & Prot.WRITE) == 0 && !file.sealed()) {
                file.sealAgainstWrites(writableRanges(file)); // no other process may map it writable now
            }
            return Result.ZERO;
        } finally {
            mutex.unlock();
            mmapLock.readLock().unlock();
        }
    }

    /** File byte ranges {start, end} that this process's shared mappings of {@code file} may still write. */
    private List<long[]> writableRanges(BackingFile file) {
        var out = new ArrayList<long[]>();
        for (var m : mappings.values()) {
            if (m.file == file && m.shared && (m.mayProt & Prot.WRITE) != 0) {
                out.add(new long[] {m.offset, m.offset + m.length});
            }
        }
        return out;
    }

    /** Which of the three pin commands is running. */
    enum PinKind { PIN, UNPIN, STATUS }

    /** ashmem_pin_unpin(): PINARG-EFAULT, PINARG-WAIT, then the checks under the mutex, then the walk. */
    private Result pinUnpin(Area area, PinKind kind, Command.PinArg arg) {
        if (arg.badPointer()) {
            return err(Errno.EFAULT); // PINARG-EFAULT
        }
        PinPages early = null;
        if (!decisions.pinChecksUnderMutex()) {
            // The broken order reads the size, then (where the driver's copy_from_user of a later field
            // could fault and sleep) the file: a SET_SIZE plus first mmap in between is what it misses.
            long size = area.size;
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            early = pinPages(area.file != null, size, arg.offset(), arg.len());
            if (early == null) {
                return err(Errno.EINVAL);
            }
        }
        mutex.lock();
        try {
            if (decisions.awaitsPunches()) {
                awaitPunchesDrained(); // PINARG-WAIT
            }
            var pages = early != null ? early : pinPages(area.file != null, area.size, arg.offset(), arg.len());
            if (pages == null) {
                return err(Errno.EINVAL);
            }
            var ranges = area.unpinned;
            return Result.ok(switch (kind) {
                case PIN -> ranges.pin(pages.pgstart(), pages.pgend());
                case UNPIN -> ranges.unpin(pages.pgstart(), pages.pgend());
                case STATUS -> ranges.status(pages.pgstart(), pages.pgend());
            });
        } finally {
            mutex.unlock();
        }
    }

    /**
     * PINARG-NOFILE, PINARG-LEN0, PINARG-ALIGN, PINARG-OVERFLOW, PINARG-BOUNDS, PINARG-PAGES, in that
     * order: the page interval, or null for EINVAL. {@code offset} and {@code len} are u32.
     */
    private PinPages pinPages(boolean hasFile, long size, long offset, long len) {
        if (!hasFile) {
            return null; // PINARG-NOFILE
        }
        long alignedSize = pageAlign(size);
        if (len == 0) {
            len = decisions.lenToEnd(alignedSize, offset); // PINARG-LEN0
        }
        if (!decisions.pinArgAligned(offset, len, pageSize)) {
            return null; // PINARG-ALIGN
        }
        if (decisions.pinArgOverflows(offset, len)) {
            return null; // PINARG-OVERFLOW
        }
        if (Unsigned.lt(alignedSize, offset + len)) {
            return null; // PINARG-BOUNDS
        }
        long pages = Long.divideUnsigned(len, pageSize);
        if (pages == 0 && !decisions.emptyRequestAllowed()) {
            return null;
        }
        long pgstart = Long.divideUnsigned(offset, pageSize); // PINARG-PAGES
        return new PinPages(pgstart, pgstart + pages - 1); // PINARG-EMPTY: len 0 here gives [pgstart, pgstart-1]
    }

    /** PURGE-EPERM, PURGE-RET, PURGE-SCAN. */
    private Result purgeAllCaches(Caller caller) {
        if (!caller.capSysAdmin()) {
            return err(Errno.EPERM); // PURGE-EPERM
        }
        long before = shrinkCount(); // PURGE-RET: lruCount before the scan, as the kernel's long
        shrinkScan(Long.MAX_VALUE, true); // PURGE-SCAN
        return Result.ok(before);
    }

    // ------------------------------------------------------------------ shrinker

    /** SHRINK-COUNT: lruCount, read without the mutex. */
    @Override
    public long shrinkCount() {
        return lru.count();
    }

    /** SHRINK-NOFS, SHRINK-TRYLOCK, SHRINK-ORDER, SHRINK-MARK, SHRINK-PUNCH, SHRINK-NR, SHRINK-RET. */
    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        if (!mayEnterFs) {
            return SHRINK_STOP; // SHRINK-NOFS
        }
        if (!mutex.tryLock()) {
            return SHRINK_STOP; // SHRINK-TRYLOCK
        }
        long freed = 0;
        while (true) {
            var punch = markHeadLocked();
            if (punch == null) {
                break;
            }
            freed += punch.pages(); // SHRINK-RET
            mutex.unlock();
            shrinkPunch(punch); // CONC-PUNCH-UNLOCKED
            shrinkRelease(punch);
            if (!mutex.tryLock()) {
                return freed; // SHRINK-TRYLOCK: give up
            }
            nrToScan = decisions.scanRemaining(nrToScan, punch.pages()); // SHRINK-NR
            if (nrToScan == 0) {
                break;
            }
        }
        mutex.unlock();
        return freed;
    }

    /** Step 1 of a scan iteration, taking the mutex: the marked LRU head, or empty when the LRU is. */
    public Optional<PendingPunch> shrinkMarkHead() {
        mutex.lock();
        try {
            return Optional.ofNullable(markHeadLocked());
        } finally {
            mutex.unlock();
        }
    }

    /** SHRINK-ORDER, SHRINK-MARK, SHRINK-KEEP, CONC-INFLIGHT; the caller holds the mutex. */
    private PendingPunch markHeadLocked() {
        Range<Area> r = lru.head(); // SHRINK-ORDER: oldest first
        if (r == null) {
            return null;
        }
        var area = r.owner();
        var file = area.file;
        boolean held = file != null && file.tryRetain(); // get_file()
        inflight.incrementAndGet();
        UnpinnedRanges.markPurged(lru, r); // SHRINK-MARK; it stays in its area's list (SHRINK-KEEP)
        long start = r.pgstart() * pageSize;
        long end = (r.pgend() + 1) * pageSize;
        return new PendingPunch(area.id, start, end, r.size(), held ? file : null);
    }

    /** Step 2, without the mutex: the hole punch (SHRINK-PUNCH). */
    public void shrinkPunch(PendingPunch punch) {
        Objects.requireNonNull(punch, "punch");
        var file = punch.file();
        if (file == null) {
            return;
        }
        var span = decisions.punchExtent(punch.start(), punch.end(), file.pageCount(), pageSize);
        if (!span.isEmpty()) {
            int r = file.punchPages(span.first(), span.end());
            if (r < 0) {
                throw new IllegalStateException("hole punch of " + punch + " failed with errno " + -r);
            }
        }
    }

    /** Step 3: fput and the in-flight count drops, waking waiters at 0 (CONC-INFLIGHT). */
    public void shrinkRelease(PendingPunch punch) {
        Objects.requireNonNull(punch, "punch");
        if (punch.file() != null) {
            punch.file().release();
        }
        if (inflight.decrementAndGet() == 0) {
            inflightLock.lock();
            try {
                drained.signalAll();
            } finally {
                inflightLock.unlock();
            }
        }
    }

    /** PINARG-WAIT: sleep, holding the mutex, until no hole punch is in flight. */
    private void awaitPunchesDrained() {
        if (inflight.get() == 0) {
            return;
        }
        inflightLock.lock();
        try {
            while (inflight.get() != 0) {
                drained.awaitUninterruptibly();
            }
        } finally {
            inflightLock.unlock();
        }
    }

    /** Punches marked and not yet released. */
    public int inflight() {
        return inflight.get();
    }

    // ------------------------------------------------------------------ mmap

    private static int withPersonality(int prot, Caller caller) {
        return caller.readImpliesExec() && (prot & Prot.READ) != 0 ? prot | Prot.EXEC : prot;
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        var area = handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            // MMAP-SYSCALL: the generic checks of mmap(2) before the driver is called.
            if ((offset & (pageSize - 1)) != 0 || length == 0 || (prot & ~Prot.ALL) != 0) {
                return err(Errno.EINVAL);
            }
            long mapLength = pageAlign(length);
            if (mapLength == 0) {
                return err(Errno.ENOMEM);
            }
            long pgoff = offset >> Integer.numberOfTrailingZeros(pageSize); // off_t shifted: negative -> huge
            if (Unsigned.lt(pgoff + Long.divideUnsigned(mapLength, pageSize), pgoff)) {
                return err(Errno.EOVERFLOW);
            }
            if (Unsigned.lt(Abi.TASK_SIZE, mapLength)) {
                return err(Errno.ENOMEM);
            }
            int wanted = withPersonality(prot, caller);
            mmapLock.writeLock().lock();
            try {
                mutex.lock();
                try {
                    return mmapLocked(area, mapLength, wanted, shared, offset, pgoff);
                } finally {
                    mutex.unlock();
                }
            } finally {
                mmapLock.writeLock().unlock();
            }
        } finally {
            put(area);
        }
    }

    /** ashmem_mmap(): MMAP-NOSIZE, MMAP-SIZE, MMAP-PROT, MMAP-MAY, MMAP-FILE-EINVAL, MMAP-FILE, MMAP-SHARED, MMAP-PRIVATE. */
    private Result mmapLocked(Area area, long mapLength, int prot, boolean shared, long offset, long pgoff) {
        long size = area.size;
        if (size == 0) {
            return err(Errno.EINVAL); // MMAP-NOSIZE
        }
        if (!decisions.mmapLengthAllowed(mapLength, pageAlign(size))) {
            return err(Errno.EINVAL); // MMAP-SIZE
        }
        if ((prot & ~area.protMask) != 0) {
            return err(Errno.EPERM); // MMAP-PROT
        }
        int may = decisions.mayRights(area.protMask); // MMAP-MAY: a later SET_PROT_MASK does not reach this mapping
        var file = area.file;
        if (file == null) {
            if (Unsigned.lt(Abi.MAX_LFS_FILESIZE, size)) {
                return err(Errno.EINVAL); // MMAP-FILE-EINVAL
            }
            var name = area.name.length == 0 ? Names.DEFAULT.getBytes(StandardCharsets.US_ASCII)
                    : concat(NAME_PREFIX.getBytes(StandardCharsets.US_ASCII), area.name);
            try {
                file = BackingFile.create(area.id, name, size, pageSize); // MMAP-FILE
            } catch (SysException e) {
                return osError(e);
            }
            if ((area.protMask & Prot.WRITE) == 0) {
                file.sealAgainstWrites(List.of()); // no mapping of it exists yet
            }
            area.file = file;
        }
        boolean fileBacked = shared || !decisions.privateMappingIsAnonymous();
        MappedWindow window;
        try {
            window = fileBacked
                    ? MappedWindow.ofFile(file.fd(), file.memfdSize(), offset, mapLength, prot, shared) // MMAP-SHARED
                    : MappedWindow.anonymous(mapLength, prot); // MMAP-PRIVATE: anonymous memory
        } catch (SysException e) {
            return osError(e); // e.g. ENOMEM for a huge private writable mapping
        }
        file.retain(); // the mapping's own reference (CLOSE-MAPPINGS)
        int id = nextMappingId++; // MMAP-ID
        mappings.put(id, new LiveMapping(id, area.id, file, mapLength, offset, pgoff, prot, may, shared, fileBacked, window));
        return Result.ok(id);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** MUNMAP-REMOVE. */
    @Override
    public Result munmap(int mapping) {
        LiveMapping m;
        mmapLock.writeLock().lock();
        try {
            m = mappings.remove(mapping);
            if (m == null) {
                return err(Errno.EINVAL);
            }
            m.window.unmap();
        } finally {
            mmapLock.writeLock().unlock();
        }
        m.file.release();
        return Result.ZERO;
    }

    /** MPROTECT-MAY, applied to the real mapping too. */
    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        if ((prot & ~Prot.ALL) != 0) {
            return err(Errno.EINVAL);
        }
        mmapLock.writeLock().lock();
        try {
            var m = mappings.get(mapping);
            if (m == null) {
                return err(Errno.ENOMEM); // MMAP-ID: nothing mapped there
            }
            prot = withPersonality(prot, caller);
            if ((prot & ~m.mayProt) != 0) {
                return err(Errno.EACCES);
            }
            int r = m.window.protect(prot);
            if (r < 0) {
                return osError(new SysException("mprotect", -r));
            }
            m.prot = prot;
            return Result.ZERO;
        } finally {
            mmapLock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ memory access

    @Override
    public Result load(int mapping, long offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + length);
        }
        mmapLock.readLock().lock();
        try {
            var m = mappings.get(mapping);
            var fault = check(m, offset, length, Prot.READ);
            if (fault != null) {
                return fault;
            }
            var out = new byte[length];
            if (length > 0) {
                m.window.copyOut(offset, out, 0, length);
                if (m.fileBacked) {
                    touched(m, offset, length); // MEM-SHARED: a read fault allocates
                }
            }
            return new Result.Bytes(out);
        } finally {
            mmapLock.readLock().unlock();
        }
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        Objects.requireNonNull(data, "data");
        mmapLock.readLock().lock();
        try {
            var m = mappings.get(mapping);
            var fault = check(m, offset, data.length, Prot.WRITE);
            if (fault != null) {
                return fault;
            }
            if (data.length > 0) {
                m.window.copyIn(data, 0, offset, data.length); // MEM-SHARED / MEM-PRIVATE
                if (m.fileBacked) {
                    touched(m, offset, data.length);
                }
            }
            return Result.ZERO;
        } finally {
            mmapLock.readLock().unlock();
        }
    }

    private void touched(LiveMapping m, long offset, int length) {
        long first = m.pgoff + offset / pageSize;
        long last = m.pgoff + (offset + length - 1) / pageSize;
        m.file.touched(first, last);
    }

    /** MEM-BOUNDS, MEM-RIGHTS, MEM-EOF, decided before any byte is touched. */
    private Result check(LiveMapping m, long offset, int length, int right) {
        if (m == null || offset < 0 || offset > m.length || m.length - offset < length) {
            return new Result.Fault(Result.Signal.SIGSEGV); // MEM-BOUNDS (also an unmapped id)
        }
        if (length == 0) {
            return null; // MEM-BOUNDS: touches no page, so nothing else is checked
        }
        if ((m.prot & right) == 0) {
            return new Result.Fault(Result.Signal.SIGSEGV); // MEM-RIGHTS
        }
        if (m.fileBacked) {
            long firstFilePage = m.pgoff + offset / pageSize;
            long lastFilePage = m.pgoff + (offset + length - 1) / pageSize;
            if (Unsigned.ge(lastFilePage, m.file.pageCount()) || Unsigned.lt(lastFilePage, firstFilePage)) {
                return new Result.Fault(Result.Signal.SIGBUS); // MEM-EOF
            }
            if (offset + length > m.window.backedLength()) {
                return new Result.Fault(Result.Signal.SIGBUS); // the unmappable last OS page before 2^63 (see MappedWindow)
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ read, llseek

    /** READ-EOF, READ-NOFILE, READ-DATA; the data is read outside the mutex, as the driver does. */
    @Override
    public Result read(int fd, int count) {
        var area = handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            if (count < 0) {
                return err(Errno.EINVAL); // READ-SYSCALL
            }
            BackingFile file;
            long pos;
            mutex.lock();
            try {
                if (area.position + count < 0) {
                    return err(Errno.EINVAL); // READ-SYSCALL: rw_verify_area refuses an end past 2^63 - 1
                }
                if (area.size == 0) {
                    return new Result.Bytes(new byte[0]); // READ-EOF
                }
                file = area.file;
                if (file == null) {
                    return err(Errno.EBADF); // READ-NOFILE
                }
                pos = area.position;
            } finally {
                mutex.unlock();
            }
            if (pos >= file.size()) {
                return new Result.Bytes(new byte[0]);
            }
            int n = (int) Math.min(Math.min(count, MAX_RW_COUNT), file.size() - pos);
            byte[] data;
            try {
                data = file.read(pos, n); // READ-DATA: holes read as zeros and stay holes
            } catch (SysException e) {
                return osError(e);
            }
            if (data.length > 0) {
                mutex.lock();
                try {
                    area.position = pos + data.length; // SEEK-POS
                } finally {
                    mutex.unlock();
                }
            }
            return new Result.Bytes(data);
        } finally {
            put(area);
        }
    }

    /** SEEK-NOSIZE, SEEK-NOFILE, SEEK-SET, SEEK-CUR, SEEK-END, SEEK-DATA, SEEK-HOLE, SEEK-WHENCE, SEEK-POS. */
    @Override
    public Result llseek(int fd, long offset, int whence) {
        var area = handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        if (Integer.compareUnsigned(whence, Whence.SEEK_HOLE) > 0) {
            put(area);
            return err(Errno.EINVAL); // SEEK-WHENCE: the system call checks it before the driver
        }
        mutex.lock();
        try {
            if (area.size == 0) {
                return err(Errno.EINVAL); // SEEK-NOSIZE
            }
            var file = area.file;
            if (file == null) {
                return err(Errno.EBADF); // SEEK-NOFILE
            }
            long target;
            switch (whence) {
                case Whence.SEEK_SET -> target = offset; // SEEK-SET
                case Whence.SEEK_CUR -> {
                    if (offset == 0) {
                        return Result.ok(area.position); // SEEK-CUR: a pure query, no check
                    }
                    target = area.position + offset;
                }
                case Whence.SEEK_END -> target = file.size() + offset; // SEEK-END
                case Whence.SEEK_DATA, Whence.SEEK_HOLE -> {
                    if (offset < 0 || offset >= file.size()) {
                        return err(Errno.ENXIO);
                    }
                    long found = whence == Whence.SEEK_DATA ? file.seekData(offset) : file.seekHole(offset);
                    if (found < 0) {
                        return err(Errno.ENXIO);
                    }
                    area.position = found;
                    return Result.ok(found);
                }
                default -> throw new AssertionError(whence);
            }
            if (target < 0) {
                return err(Errno.EINVAL); // beyond Abi.MAX_LFS_FILESIZE or negative
            }
            area.position = target;
            return Result.ok(target);
        } finally {
            mutex.unlock();
            put(area);
        }
    }

    // ------------------------------------------------------------------ state

    @Override
    public DeviceSnapshot snapshot() {
        var fds = handles.byArea();
        mmapLock.readLock().lock();
        try {
            mutex.lock();
            try {
                var areaViews = new ArrayList<AreaSnapshot>();
                var files = new TreeMap<Integer, BackingFile>();
                for (var a : areas.values()) {
                    areaViews.add(new AreaSnapshot(a.id, fds.getOrDefault(a, List.of()), Names.text(a.name), a.size,
                            a.protMask, a.file != null, a.position, a.unpinned.snapshot()));
                    if (a.file != null) {
                        files.put(a.id, a.file);
                    }
                }
                var lruView = lru.toList().stream()
                        .map(r -> new DeviceSnapshot.LruEntry(r.owner().id, r.pgstart(), r.pgend())).toList();
                var mappingViews = new ArrayList<MappingSnapshot>();
                for (var m : mappings.values()) {
                    mappingViews.add(m.snapshot());
                    files.putIfAbsent(m.areaId, m.file);
                }
                var fileViews = files.values().stream()
                        .map(f -> new FileSnapshot(f.areaId(), f.size(), f.dataPages())).toList();
                return new DeviceSnapshot(pageSize, areaViews, lruView, lru.count(), mappingViews, fileViews);
            } finally {
                mutex.unlock();
            }
        } finally {
            mmapLock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ beyond the driver surface

    /** The memfd behind a handle's area once it exists (to share through /proc/&lt;pid&gt;/fd/&lt;n&gt;). */
    public OptionalInt backingFd(int fd) {
        var area = handles.acquire(fd);
        if (area == null) {
            return OptionalInt.empty();
        }
        try {
            var file = area.file;
            return file == null ? OptionalInt.empty() : OptionalInt.of(file.fd());
        } finally {
            put(area);
        }
    }

    /** The backing file of a handle's area, if it exists (tests inspect its real allocation). */
    public Optional<BackingFile> backingFile(int fd) {
        var area = handles.acquire(fd);
        if (area == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(area.file);
        } finally {
            put(area);
        }
    }

    /**
     * The usable part of a live mapping as a segment (the file part of a shared mapping, all of a
     * private one). The segment has the global scope: the caller must stop using it before munmap or
     * mprotect; {@link dev.ashmem.impl.cutils.RegionMapping} wraps it in a scope that enforces this.
     */
    public Optional<MappingView> mappingView(int mapping) {
        mmapLock.readLock().lock();
        try {
            var m = mappings.get(mapping);
            if (m == null) {
                return Optional.empty();
            }
            return Optional.of(new MappingView(m.window.backedSegment(),
                    m.prot, m.shared));
        } finally {
            mmapLock.readLock().unlock();
        }
    }

    /** The live mapping ids (ascending). */
    public List<Integer> mappingIds() {
        mmapLock.readLock().lock();
        try {
            return List.copyOf(mappings.keySet());
        } finally {
            mmapLock.readLock().unlock();
        }
    }

    /** The live handles (ascending). */
    public List<Integer> handleIds() {
        return handles.handles();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("device is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every handle and unmaps every mapping; the memfds go with their last reference. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int fd : handles.handles()) {
            close(fd);
        }
        for (int id : mappingIds()) {
            munmap(id);
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
