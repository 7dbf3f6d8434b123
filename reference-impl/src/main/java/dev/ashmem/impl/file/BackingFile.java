package dev.ashmem.impl.file;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Unsigned;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shmem file behind an area (MMAP-FILE): a memfd created with MFD_CLOEXEC | MFD_ALLOW_SEALING and
 * sized with ftruncate, so it is sparse and may be as large as 2^63-1 bytes. Its size is then sealed
 * (F_SEAL_SHRINK | F_SEAL_GROW, as libcutils' memfd_create_region does): nobody can truncate an
 * ashmem area's file (the driver's fd has no ftruncate), and a holder that reopens the memfd through
 * /proc must not be able to cut pages from under this process's mappings, whose next access would
 * then raise SIGBUS in the JVM.
 *
 * <p>The spec's file is page-granular in the driver's page size P, which may exceed the OS page. The
 * memfd is therefore sized to the file size rounded up to P (every page the spec lets a mapping touch
 * really exists), while the spec's size is kept here for read(), SEEK_END and the SEEK_HOLE cap. A
 * P-page holds data when any of its OS pages does, which is exactly how page faults and hole punches
 * (always whole P-pages) move it between hole and data.
 *
 * <p><b>Write seal.</b> When the area's mask loses WRITE the memfd gets {@code F_SEAL_FUTURE_WRITE} so
 * that another process reopening it through /proc cannot map it writable. Linux then also refuses
 * hole punches on the file (shmem_fallocate returns EPERM under a write seal), and no writable mapping
 * can be made any more. So just before sealing, writable "keeper" windows are mapped over every part of
 * the file that can hold non-zero data afterwards: the 1 GiB chunks holding data now, and the file
 * ranges of this process's shared mappings that may still write. A purge of a sealed file zeroes its
 * data pages through the keepers and records them as holes: content and SEEK_DATA/SEEK_HOLE follow the
 * spec, but the memory is not returned to the OS. Pages allocated later by loads are zero already. A
 * data page no keeper reaches (written by another process through a mapping it made before the seal,
 * or beyond the {@link #KEEPER_BUDGET}) is checked with pread: only if it reads zero does it count as a
 * hole; otherwise its content survives the purge.
 *
 * <p>Reference counted like a struct file: the area, every mapping and every in-flight punch hold a
 * reference; the memfd is closed with the last one.
 */
public final class BackingFile {
    /** Address space all keeper windows of one file may take together (MAP_NORESERVE: not memory). */
    public static final long KEEPER_BUDGET = 1L << 44;
    /** Granularity of the keeper over data that exists at the seal. */
    static final long KEEPER_CHUNK = 1L << 30;

    private final int areaId;
    private final long size;
    private final int pageSize;
    private final int fd;
    private final long memfdSize;
    private final AtomicInteger refs = new AtomicInteger(1);
    /** Guards sealing, punches, the keeper and the zeroed holes. */
    private final Object lock = new Object();
    private volatile boolean sealed;
    /** Writable windows made before the seal, by file offset. */
    private final TreeMap<Long, Keeper> keepers = new TreeMap<>();
    /** Pages punched while sealed: zero-filled data that counts as hole, first page -> end page (exclusive). */
    private final TreeMap<Long, Long> zeroedHoles = new TreeMap<>();
    private volatile boolean anyZeroedHoles;

    private BackingFile(int areaId, long size, int pageSize, int fd, long memfdSize) {
        this.areaId = areaId;
        this.size = size;
        this.pageSize = pageSize;
        this.fd = fd;
        this.memfdSize = memfdSize;
    }

    /**
     * shmem_file_setup(name, size): the caller has checked 0 &lt; size &le; 2^63-1 (MMAP-FILE-EINVAL).
     *
     * @param name the file's name (the memfd name is cut to what memfd_create accepts)
     */
    public static BackingFile create(int areaId, byte[] name, long size, int pageSize) throws SysException {
        if (size <= 0) {
            throw new IllegalArgumentException("file size must be in (0, 2^63-1]: " + Long.toUnsignedString(size));
        }
        int fd = Libc.memfdCreate(name, Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        if (fd < 0) {
            throw new SysException("memfd_create", -fd);
        }
        long rounded = Unsigned.pageAlign(size, pageSize);
        long memfdSize = rounded < 0 ? Long.MAX_VALUE : rounded; // 2^63 does not fit a file offset
        int r = Libc.ftruncate(fd, memfdSize);
        if (r < 0) {
            Libc.close(fd);
            throw new SysException("ftruncate", -r);
        }
        r = Libc.fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW);
        if (r < 0) {
            Libc.close(fd);
            throw new SysException("fcntl(F_ADD_SEALS)", -r);
        }
        return new BackingFile(areaId, size, pageSize, fd, memfdSize);
    }

    public int areaId() {
        return areaId;
    }

    /** The spec's file size (the area's size when the file was created). */
    public long size() {
        return size;
    }

    /** The memfd's own size: {@link #size()} rounded up to the driver's page. */
    public long memfdSize() {
        return memfdSize;
    }

    /** The memfd, for mapping it and for sharing it through /proc/&lt;pid&gt;/fd. */
    public int fd() {
        return fd;
    }

    /** Pages that exist: DIV_ROUND_UP(size, P); touching one at or beyond this faults (MEM-EOF). */
    public long pageCount() {
        return Unsigned.pagesOf(size, pageSize);
    }

    public boolean sealed() {
        return sealed;
    }

    // ---- references (get_file / fput) ----

    /** Another reference; only while some reference is still held. */
    public void retain() {
        if (!tryRetain()) {
            throw new IllegalStateException("backing file of area " + areaId + " is already closed");
        }
    }

    /** A reference if the file is still open (the shrinker's get_file on a range it found). */
    public boolean tryRetain() {
        for (int n = refs.get(); n > 0; n = refs.get()) {
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Drops a reference; the last one closes the memfd and the keeper. */
    public void release() {
        int n = refs.decrementAndGet();
        if (n == 0) {
            synchronized (lock) {
                unmapKeepers();
            }
            Libc.close(fd);
        } else if (n < 0) {
            throw new IllegalStateException("backing file of area " + areaId + " released too often");
        }
    }

    /** An operation on the memfd, and what it answers once the file is closed. */
    private interface Op<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code op} holding a reference, so that the fd cannot be closed, and its number given to another
     * file, under it; {@code whenClosed} if the file is closed already.
     */
    private <T, E extends Exception> T held(Op<T, E> op, Op<T, E> whenClosed) throws E {
        if (!tryRetain()) {
            return whenClosed.run();
        }
        try {
            return op.run();
        } finally {
            release();
        }
    }

    /** What the public operations on the memfd say on a file already closed ({@link #held}). */
    private IllegalStateException closedError() {
        return new IllegalStateException("backing file of area " + areaId + " is closed");
    }

    public boolean isOpen() {
        return refs.get() > 0;
    }

    // ---- reset (OffHeapAshmem.resetTo) ----

    /** Files of at most this many P-pages can be imaged: the stress tests' areas have one to three. */
    public static final long IMAGE_PAGE_LIMIT = 64;

    /**
     * What a reset puts back: the reference count and each page, data (its bytes, at
     * {@code page * P} in {@code bytes}) or hole.
     */
    public record Image(int refs, boolean[] data, MemorySegment bytes) {
    }

    /**
     * The file as it is now, or null if it cannot be reset exactly: sealed (its purges are zero fills
     * with bookkeeping), larger than {@link #IMAGE_PAGE_LIMIT} pages, or closed.
     */
    public Image image() {
        return held(() -> imageHeld(), () -> null);
    }

    private Image imageHeld() {
        synchronized (lock) {
            long count = pageCount();
            if (sealed || anyZeroedHoles || !keepers.isEmpty() || count > IMAGE_PAGE_LIMIT || !isOpen()
                    || memfdSize != count * pageSize) {
                return null;
            }
            var data = new boolean[(int) count];
            var bytes = Arena.ofAuto().allocate(memfdSize);
            for (long page : dataPages()) {
                data[(int) page] = true;
                var slice = bytes.asSlice(page * pageSize, pageSize);
                if (Libc.pread(fd, slice, pageSize, page * pageSize) != pageSize) {
                    return null;
                }
            }
            return new Image(refs.get(), data, bytes);
        }
    }

    /**
     * Back to {@code image}: every data page rewritten with its bytes, every hole punched again (one
     * pwrite or fallocate per run of either), and the reference count the image had (the caller has put
     * back exactly the holders it had). False if the file was closed or sealed meanwhile, or a call
     * failed; the file must then be dropped with the device.
     */
    public boolean reset(Image image) {
        return held(() -> resetHeld(image), () -> false);
    }

    private boolean resetHeld(Image image) {
        synchronized (lock) {
            if (!isOpen() || sealed || anyZeroedHoles || image.data().length != pageCount()) {
                return false;
            }
            var data = image.data();
            int page = 0;
            while (page < data.length) {
                int end = page;
                while (end < data.length && data[end] == data[page]) {
                    end++;
                }
                long from = (long) page * pageSize;
                long length = (long) (end - page) * pageSize;
                long done = data[page]
                        ? Libc.pwrite(fd, image.bytes().asSlice(from, length), length, from)
                        : Libc.fallocate(fd, Libc.FALLOC_FL_PUNCH_HOLE | Libc.FALLOC_FL_KEEP_SIZE, from, length);
                if (done != (data[page] ? length : 0)) {
                    return false;
                }
                page = end;
            }
            refs.set(image.refs());
            return true;
        }
    }

    // ---- the write seal ----

    /** A writable shared window onto file bytes [offset, offset + length). */
    private record Keeper(long offset, long address, long length) {
        long end() {
            return offset + length;
        }
    }

    /**
     * F_SEAL_FUTURE_WRITE, once: no new writable shared mapping, from this process or another. The keeper
     * windows are made first so that purges can still zero pages.
     *
     * @param writableRanges file byte ranges {start, end} this process's mappings may still write
     * @return 0 or -errno
     */
    public int sealAgainstWrites(List<long[]> writableRanges) {
        return held(() -> sealAgainstWritesHeld(writableRanges), () -> -Libc.EBADF);
    }

    private int sealAgainstWritesHeld(List<long[]> writableRanges) {
        synchronized (lock) {
            if (sealed) {
                return 0;
            }
            var wanted = new TreeMap<Long, Long>();
            long pos = 0;
            while (pos < memfdSize) { // data written so far, perhaps through mappings gone since
                long d = Libc.lseek(fd, pos, Libc.SEEK_DATA);
                if (d < 0) {
                    break;
                }
                long h = Libc.lseek(fd, d, Libc.SEEK_HOLE);
                long stop = h < 0 ? memfdSize : h;
                addInterval(wanted, d / KEEPER_CHUNK * KEEPER_CHUNK, roundUp(stop, KEEPER_CHUNK));
                pos = stop;
            }
            int os = Libc.osPageSize();
            for (var r : writableRanges) {
                if (Long.compareUnsigned(r[0], memfdSize) < 0) {
                    long end = Long.compareUnsigned(r[1], r[0]) < 0 ? memfdSize : r[1]; // a wrapped end: to the end
                    addInterval(wanted, r[0] / os * os, roundUp(Unsigned.min(end, memfdSize), os));
                }
            }
            long budget = KEEPER_BUDGET;
            for (var e : wanted.entrySet()) {
                long len = e.getValue() - e.getKey();
                if (len <= 0 || len > budget) {
                    continue;
                }
                long addr = Libc.mmap(0, len, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_NORESERVE, fd, e.getKey());
                if (addr >= 0) {
                    Libc.madvise(addr, len, Libc.MADV_NOHUGEPAGE);
                    keepers.put(e.getKey(), new Keeper(e.getKey(), addr, len));
                    budget -= len;
                }
            }
            int r = Libc.fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_FUTURE_WRITE);
            if (r < 0) {
                unmapKeepers();
                return r;
            }
            sealed = true;
            return 0;
        }
    }

    /** x rounded up to a multiple of unit, saturating at the memfd's size. */
    private long roundUp(long x, long unit) {
        long r = x + (unit - 1);
        return r < 0 || r / unit * unit > memfdSize ? memfdSize : r / unit * unit;
    }

    private static void addInterval(TreeMap<Long, Long> set, long start, long end) {
        if (start >= end) {
            return;
        }
        var before = set.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (var e = set.ceilingEntry(start); e != null && e.getKey() <= end; e = set.ceilingEntry(start)) {
            end = Math.max(end, e.getValue());
            set.remove(e.getKey());
        }
        set.put(start, end);
    }

    private void unmapKeepers() {
        for (var k : keepers.values()) {
            Libc.munmap(k.address(), k.length());
        }
        keepers.clear();
    }

    // ---- hole punch (SHRINK-PUNCH) ----

    /**
     * Makes pages [first, end) holes (the caller clamps to {@link #pageCount()}); a real
     * FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE that returns the memory to the OS, or under a write
     * seal the zero-fill described in the class comment. Returns 0 or -errno.
     */
    public int punchPages(long first, long end) {
        return held(() -> punchPagesHeld(first, end), () -> -Libc.EBADF);
    }

    private int punchPagesHeld(long first, long end) {
        if (!Unsigned.lt(first, end)) {
            return 0;
        }
        long from = first * pageSize;
        long to = Unsigned.ge(end, memfdSize / pageSize) ? memfdSize : end * pageSize;
        if (from >= to) {
            return 0;
        }
        synchronized (lock) {
            if (!sealed) {
                return Libc.fallocate(fd, Libc.FALLOC_FL_PUNCH_HOLE | Libc.FALLOC_FL_KEEP_SIZE, from, to - from);
            }
            var survivors = zeroDataExtents(from, to);
            addZeroedHole(first, end);
            for (long page : survivors) {
                removeZeroedHoles(page, page + 1); // could not be zeroed: its data is still there
            }
            return 0;
        }
    }

    /**
     * Zeroes the data in bytes [from, to) through the keepers; returns the data pages no keeper reaches
     * that do not read as zeros.
     */
    @SuppressWarnings("restricted") // the keeper windows were mapped by this class
    private List<Long> zeroDataExtents(long from, long to) {
        var survivors = new ArrayList<Long>();
        long pos = from;
        while (pos < to) {
            long d = Libc.lseek(fd, pos, Libc.SEEK_DATA);
            if (d < 0 || d >= to) {
                break;
            }
            long h = Libc.lseek(fd, d, Libc.SEEK_HOLE);
            long stop = h < 0 ? to : Math.min(h, to);
            long at = d;
            while (at < stop) {
                var k = keepers.floorEntry(at);
                if (k != null && at < k.getValue().end()) {
                    long until = Math.min(stop, k.getValue().end());
                    MemorySegment.ofAddress(k.getValue().address() + (at - k.getKey())).reinterpret(until - at).fill((byte) 0);
                    at = until;
                } else {
                    var next = keepers.higherKey(at);
                    long until = next == null ? stop : Math.min(stop, next);
                    for (long p = at / pageSize; p * pageSize < until; p++) {
                        if (!readsZero(p)) {
                            survivors.add(p);
                        }
                    }
                    at = until;
                }
            }
            pos = stop;
        }
        return survivors;
    }

    private boolean readsZero(long page) {
        try {
            var bytes = read(page * pageSize, (int) Math.min(pageSize, memfdSize - page * pageSize));
            return bytes.equals(ByteRuns.zeros(bytes.length()));
        } catch (SysException e) {
            return false;
        }
    }

    private void addZeroedHole(long first, long end) {
        // merge with every overlapping or touching interval
        var before = zeroedHoles.floorEntry(first);
        if (before != null && before.getValue() >= first) {
            first = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (var e = zeroedHoles.ceilingEntry(first); e != null && e.getKey() <= end; e = zeroedHoles.ceilingEntry(first)) {
            end = Math.max(end, e.getValue());
            zeroedHoles.remove(e.getKey());
        }
        zeroedHoles.put(first, end);
        anyZeroedHoles = true;
    }

    /**
     * Pages [first, last] were touched through a mapping (MEM-SHARED): a zeroed hole among them holds
     * data again, as a fault on a real hole would allocate it.
     */
    public void touched(long first, long last) {
        held(() -> {
            touchedHeld(first, last);
            return null;
        }, () -> null); // closed: nothing was touched that anyone can see
    }

    private void touchedHeld(long first, long last) {
        if (!anyZeroedHoles) {
            return;
        }
        synchronized (lock) {
            removeZeroedHoles(first, last + 1);
        }
    }

    /** Pages [first, end) are no longer zeroed holes; the caller holds the lock. */
    private void removeZeroedHoles(long first, long end) {
        var before = zeroedHoles.lowerEntry(first);
        if (before != null && before.getValue() > first) {
            zeroedHoles.put(before.getKey(), first);
            if (before.getValue() > end) {
                zeroedHoles.put(end, before.getValue());
            }
        }
        for (var e = zeroedHoles.ceilingEntry(first); e != null && e.getKey() < end; e = zeroedHoles.ceilingEntry(first)) {
            zeroedHoles.remove(e.getKey());
            if (e.getValue() > end) {
                zeroedHoles.put(end, e.getValue());
            }
        }
        anyZeroedHoles = !zeroedHoles.isEmpty();
    }

    private boolean inZeroedHole(long page) {
        if (!anyZeroedHoles) {
            return false;
        }
        synchronized (lock) {
            var e = zeroedHoles.floorEntry(page);
            return e != null && page < e.getValue();
        }
    }

    /** The end (exclusive) of the zeroed hole containing page, or -1. */
    private long zeroedHoleEnd(long page) {
        if (!anyZeroedHoles) {
            return -1;
        }
        synchronized (lock) {
            var e = zeroedHoles.floorEntry(page);
            return e != null && page < e.getValue() ? e.getValue() : -1;
        }
    }

    // ---- data pages, SEEK_DATA, SEEK_HOLE ----

    /** Some OS page of P-page {@code page} holds data in the memfd. */
    private boolean memfdHasData(long page) {
        long d = Libc.lseek(fd, page * pageSize, Libc.SEEK_DATA);
        return d >= 0 && d / pageSize == page;
    }

    /** A data page in the spec's sense. */
    public boolean isDataPage(long page) {
        return held(() -> isDataPageHeld(page), () -> {
            throw closedError();
        });
    }

    private boolean isDataPageHeld(long page) {
        return memfdHasData(page) && !inZeroedHole(page);
    }

    /** The first data P-page at or after {@code page}, or -1. */
    private long nextDataPage(long page) {
        long count = pageCount();
        while (page < count) {
            long d = Libc.lseek(fd, page * pageSize, Libc.SEEK_DATA);
            if (d < 0) {
                return -1;
            }
            long p = d / pageSize;
            if (p >= count) {
                return -1;
            }
            long holeEnd = zeroedHoleEnd(p);
            if (holeEnd < 0) {
                return p;
            }
            page = holeEnd;
        }
        return -1;
    }

    /** SEEK-DATA for 0 &le; offset &lt; size: the first position at or after offset inside a data page, or -1. */
    public long seekData(long offset) {
        return held(() -> seekDataHeld(offset), () -> {
            throw closedError();
        });
    }

    private long seekDataHeld(long offset) {
        long page = offset / pageSize;
        long p = nextDataPage(page);
        if (p < 0) {
            return -1;
        }
        return p == page ? offset : p * pageSize;
    }

    /** SEEK-HOLE for 0 &le; offset &lt; size: the first position at or after offset inside a hole, capped at size. */
    public long seekHole(long offset) {
        return held(() -> seekHoleHeld(offset), () -> {
            throw closedError();
        });
    }

    private long seekHoleHeld(long offset) {
        long page = offset / pageSize;
        long count = pageCount();
        long p = page;
        while (p < count) {
            if (!isDataPage(p)) {
                return p == page ? offset : Math.min(p * pageSize, size);
            }
            // Skip the run of data: to the next OS hole, or the next zeroed hole, whichever comes first.
            long h = Libc.lseek(fd, (p + 1) * pageSize, Libc.SEEK_HOLE);
            long next = h < 0 ? count : Math.max(p + 1, h / pageSize);
            if (anyZeroedHoles) {
                synchronized (lock) {
                    var z = zeroedHoles.ceilingKey(p + 1);
                    if (z != null && z < next) {
                        next = z;
                    }
                }
            }
            p = next;
        }
        return size;
    }

    /** Every data page in ascending order (the snapshot's view). */
    public List<Long> dataPages() {
        return held(() -> dataPagesHeld(), () -> {
            throw closedError();
        });
    }

    private List<Long> dataPagesHeld() {
        var out = new ArrayList<Long>();
        long count = pageCount();
        long pos = 0;
        long limit = memfdSize; // = count * P, unless that would pass 2^63-1
        while (pos < limit) {
            long d = Libc.lseek(fd, pos, Libc.SEEK_DATA);
            if (d < 0 || d >= limit) {
                break;
            }
            long h = Libc.lseek(fd, d, Libc.SEEK_HOLE);
            long stop = h < 0 ? limit : Math.min(h, limit);
            for (long p = d / pageSize; p * pageSize < stop && p < count; p++) {
                if ((out.isEmpty() || out.getLast() != p) && !inZeroedHole(p)) {
                    out.add(p);
                }
            }
            pos = stop;
        }
        return out;
    }

    /** Bytes the memfd really holds in memory (st_blocks * 512), or -1. */
    public long allocatedBytes() {
        return held(() -> allocatedBytesHeld(), () -> -1L);
    }

    private long allocatedBytesHeld() {
        var st = Libc.fstatSizeAndBlocks(fd);
        return st == null ? -1 : st[1] * 512;
    }

    // ---- read (READ-DATA) ----

    /**
     * pread of n bytes at pos (holes read as zeros and stay holes); the caller keeps within the file.
     * Read in chunks into a run-length string: memory follows the data, not n.
     */
    public ByteRuns read(long pos, int n) throws SysException {
        return held(() -> readHeld(pos, n), () -> {
            throw new SysException("pread", Libc.EBADF);
        });
    }

    private ByteRuns readHeld(long pos, int n) throws SysException {
        var out = new ByteRuns.Builder();
        if (n == 0) {
            return out.build();
        }
        var buffers = READ_BUFFERS.get();
        long end = pos + n;
        long at = pos;
        extents:
        while (at < end) {
            // Holes read as zeros without a pread: most of a window past the written pages is hole.
            long data = Libc.lseek(fd, at, Libc.SEEK_DATA);
            if (data < 0 || data >= end) {
                break; // ENXIO: no data up to the end of the file
            }
            out.repeat((byte) 0, data - at);
            long hole = Libc.lseek(fd, data, Libc.SEEK_HOLE);
            long stop = hole < 0 ? end : Math.min(hole, end);
            at = data;
            while (at < stop) {
                int want = (int) Math.min(CHUNK, stop - at);
                long r = Libc.pread(fd, buffers.segment, want, at);
                if (r < 0) {
                    throw new SysException("pread", (int) -r);
                }
                if (r == 0) {
                    break extents; // cannot happen inside the file; the rest reads as zeros
                }
                MemorySegment.copy(buffers.segment, JAVA_BYTE, 0, buffers.heap, 0, (int) r);
                appendChunk(out, buffers.heap, (int) r);
                at += r;
            }
        }
        long done = at - pos;
        out.repeat((byte) 0, n - done);
        return out.build();
    }

    /** Bytes moved per step of a long read or load. */
    public static final int CHUNK = 1 << 16;
    private static final byte[] ZEROS = new byte[CHUNK];

    /**
     * One pread buffer per thread, kept: allocating (and zeroing) 64 KiB of native memory per read cost
     * more than the read itself. The automatic arena frees it with the thread.
     */
    private record ReadBuffers(MemorySegment segment, byte[] heap) {}

    private static final ThreadLocal<ReadBuffers> READ_BUFFERS =
            ThreadLocal.withInitial(() -> new ReadBuffers(Arena.ofAuto().allocate(CHUNK), new byte[CHUNK]));

    /** This thread's heap buffer of {@link #CHUNK} bytes, for a copy that ends in {@link #appendChunk} before it returns. */
    public static byte[] chunkBuffer() {
        return READ_BUFFERS.get().heap();
    }

    /** Appends buf[0, n): a zero chunk as a run without looking at each byte. */
    public static void appendChunk(ByteRuns.Builder out, byte[] buf, int n) {
        if (Arrays.mismatch(buf, 0, n, ZEROS, 0, n) < 0) {
            out.repeat((byte) 0, n);
        } else {
            out.append(buf, 0, n);
        }
    }

    /** For tests: the zeroed holes of a sealed file. */
    Map<Long, Long> zeroedHoles() {
        synchronized (lock) {
            return Map.copyOf(zeroedHoles);
        }
    }

    @Override
    public String toString() {
        return "memfd " + fd + " of area " + areaId + " size=" + Long.toUnsignedString(size) + (sealed ? " sealed" : "");
    }
}
