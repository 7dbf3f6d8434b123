package dev.ashmem.impl.file;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.ashmem.impl.arith.Unsigned;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shmem file behind an area (MMAP-FILE): a memfd created with MFD_CLOEXEC | MFD_ALLOW_SEALING and
 * sized with ftruncate, so it is sparse and may be as large as 2^63-1 bytes.
 *
 * <p>The spec's file is page-granular in the driver's page size P, which may exceed the OS page. The
 * memfd is therefore sized to the file size rounded up to P (every page the spec lets a mapping touch
 * really exists), while the spec's size is kept here for read(), SEEK_END and the SEEK_HOLE cap. A
 * P-page holds data when any of its OS pages does, which is exactly how page faults and hole punches
 * (always whole P-pages) move it between hole and data.
 *
 * <p><b>Write seal.</b> When the area's mask loses WRITE the memfd gets {@code F_SEAL_FUTURE_WRITE} so
 * that another process reopening it through /proc cannot map it writable. Linux then also refuses
 * hole punches on the file (shmem_fallocate returns EPERM under a write seal), so a purge of a sealed
 * file zeroes the purged pages that hold data through a writable mapping kept from before the seal
 * (the "keeper") and records them as holes: content and SEEK_DATA/SEEK_HOLE still follow the spec,
 * but their memory is not returned to the OS. The keeper covers at most {@link #KEEPER_MAX} bytes.
 *
 * <p>Reference counted like a struct file: the area, every mapping and every in-flight punch hold a
 * reference; the memfd is closed with the last one.
 */
public final class BackingFile {
    /** The largest prefix of a sealed file that purges can still zero (address space, not memory). */
    public static final long KEEPER_MAX = 1L << 40;

    private final int areaId;
    private final long size;
    private final int pageSize;
    private final int fd;
    private final long memfdSize;
    private final AtomicInteger refs = new AtomicInteger(1);
    /** Guards sealing, punches, the keeper and the zeroed holes. */
    private final Object lock = new Object();
    private volatile boolean sealed;
    private long keeperAddress;
    private long keeperLength;
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
                if (keeperLength != 0) {
                    Libc.munmap(keeperAddress, keeperLength);
                    keeperLength = 0;
                }
            }
            Libc.close(fd);
        } else if (n < 0) {
            throw new IllegalStateException("backing file of area " + areaId + " released too often");
        }
    }

    public boolean isOpen() {
        return refs.get() > 0;
    }

    // ---- the write seal ----

    /**
     * F_SEAL_FUTURE_WRITE, once: no new writable shared mapping, from this process or another. The
     * keeper mapping is made first so that purges can still zero pages. Returns 0 or -errno.
     */
    public int sealAgainstWrites() {
        synchronized (lock) {
            if (sealed) {
                return 0;
            }
            long len = Math.min(memfdSize, KEEPER_MAX);
            len = Unsigned.pageAlign(len, Libc.osPageSize());
            long addr = Libc.mmap(0, len, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_NORESERVE, fd, 0);
            if (addr >= 0) {
                Libc.madvise(addr, len, Libc.MADV_NOHUGEPAGE);
                keeperAddress = addr;
                keeperLength = len;
            }
            int r = Libc.fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_FUTURE_WRITE);
            if (r < 0) {
                if (keeperLength != 0) {
                    Libc.munmap(keeperAddress, keeperLength);
                    keeperLength = 0;
                }
                return r;
            }
            sealed = true;
            return 0;
        }
    }

    // ---- hole punch (SHRINK-PUNCH) ----

    /**
     * Makes pages [first, end) holes (the caller clamps to {@link #pageCount()}); a real
     * FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE that returns the memory to the OS, or under a write
     * seal the zero-fill described in the class comment. Returns 0 or -errno.
     */
    public int punchPages(long first, long end) {
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
            zeroDataExtents(from, to);
            long zeroed = Math.min(end, keeperLength / pageSize); // only what the keeper reaches became zero
            if (first < zeroed) {
                addZeroedHole(first, zeroed);
            }
            return 0;
        }
    }

    private void zeroDataExtents(long from, long to) {
        long limit = Math.min(to, keeperLength);
        var keeper = MemorySegment.ofAddress(keeperAddress).reinterpret(keeperLength);
        long pos = from;
        while (pos < limit) {
            long d = Libc.lseek(fd, pos, Libc.SEEK_DATA);
            if (d < 0 || d >= limit) {
                return;
            }
            long h = Libc.lseek(fd, d, Libc.SEEK_HOLE);
            long stop = h < 0 ? limit : Math.min(h, limit);
            keeper.asSlice(d, stop - d).fill((byte) 0);
            pos = stop;
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
        if (!anyZeroedHoles) {
            return;
        }
        synchronized (lock) {
            long end = last + 1;
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
        long page = offset / pageSize;
        long p = nextDataPage(page);
        if (p < 0) {
            return -1;
        }
        return p == page ? offset : p * pageSize;
    }

    /** SEEK-HOLE for 0 &le; offset &lt; size: the first position at or after offset inside a hole, capped at size. */
    public long seekHole(long offset) {
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
        var st = Libc.fstatSizeAndBlocks(fd);
        return st == null ? -1 : st[1] * 512;
    }

    // ---- read (READ-DATA) ----

    /** pread of n bytes at pos (holes read as zeros and stay holes); the caller keeps within the file. */
    public byte[] read(long pos, int n) throws SysException {
        var out = new byte[n];
        if (n == 0) {
            return out;
        }
        try (var arena = Arena.ofConfined()) {
            var buf = arena.allocate(n);
            long done = 0;
            while (done < n) {
                long r = Libc.pread(fd, buf.asSlice(done), n - done, pos + done);
                if (r < 0) {
                    throw new SysException("pread", (int) -r);
                }
                if (r == 0) {
                    break; // cannot happen inside the file; the rest reads as zeros
                }
                done += r;
            }
            MemorySegment.copy(buf, JAVA_BYTE, 0, out, 0, (int) done);
        }
        return out;
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
