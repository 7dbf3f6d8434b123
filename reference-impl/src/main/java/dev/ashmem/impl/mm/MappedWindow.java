package dev.ashmem.impl.mm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Unsigned;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One real mapping in this process: a MAP_SHARED (or, for a deliberately broken variant, MAP_PRIVATE)
 * mapping of the memfd, or anonymous memory for a private ashmem mapping (MMAP-PRIVATE).
 *
 * <p>A file mapping that reaches past the end of the memfd is made of two parts: the file part, as far
 * as the memfd goes (rounded up to the OS page), and a PROT_NONE MAP_NORESERVE reservation for the
 * rest, so that the mapping has the length the spec gives it while only costing address space. The
 * device never touches the reserved tail: it reports SIGBUS there before touching anything
 * (MEM-EOF), so no access can fault for real. This also lets offsets near 2^63 work, which Linux
 * would refuse for a regular file with EOVERFLOW.
 *
 * <p>One thing Linux cannot do at all: map the last, partial OS page of a file at the 2^63-1 limit
 * (an area whose size exceeds 2^63 - P). The device answers SIGBUS for an access there.
 *
 * <p>Not thread-safe by itself: the device's mapping lock keeps access, mprotect and munmap apart.
 * Segments handed out ({@link #view()}) are the exception: they are bound to a shared arena that
 * {@link #protect} and {@link #unmap} close first, so a late access, from any thread, throws
 * IllegalStateException instead of touching memory whose protection changed or that is gone (a shared
 * arena's close waits out any access in progress before the memory goes; {@link RetiredWindows} covers
 * the JDK's lapse in that).
 */
@SuppressWarnings("restricted") // a segment over memory this class mapped itself
public final class MappedWindow {
    private final long address;
    private final long length;
    /** Bytes from the start that are backed by the file (file mappings) or everything (anonymous). */
    private final long backed;
    /** The device's own access path, used only under the mapping lock after the checks below. */
    private final MemorySegment segment;
    /** The scope of the segments handed out since the last protect; null until one is asked for. */
    private Arena viewScope;
    /**
     * Scopes of earlier views that could not be closed: a native call or NIO I/O had one of their segments
     * in use (a shared arena refuses to close then). Closed at the next protect or unmap that can.
     */
    private final java.util.List<Arena> openScopes = new java.util.ArrayList<>(1);
    /** When views were last closed (System.nanoTime): a straggler of that close may write until the grace ends. */
    private long viewsClosedAt;
    private boolean viewsEverClosed;
    private boolean unmapped;
    /** The protection the OS applies now (of the backed part). */
    private int osProt;

    private MappedWindow(long address, long length, long backed, int prot) {
        this.address = address;
        this.length = length;
        this.backed = backed;
        this.osProt = prot;
        this.segment = MemorySegment.ofAddress(address).reinterpret(length);
        RetiredWindows.reap();
    }

    /** Anonymous memory (MMAP-PRIVATE): zeros, private writes, never sees the file. */
    public static MappedWindow anonymous(long length, int prot) throws SysException {
        long addr = Libc.mmap(0, length, prot, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        if (addr < 0) {
            throw new SysException("mmap", (int) -addr);
        }
        return new MappedWindow(addr, length, length, prot);
    }

    /** A window of {@code length} bytes of the memfd at {@code offset} (MMAP-SHARED). */
    public static MappedWindow ofFile(int fd, long memfdSize, long offset, long length, int prot, boolean shared)
            throws SysException {
        int flags = shared ? Libc.MAP_SHARED : Libc.MAP_PRIVATE;
        long covered;
        if (Long.compareUnsigned(offset, memfdSize) >= 0) {
            covered = 0; // wholly beyond the end (a negative off_t is far beyond)
        } else {
            int os = Libc.osPageSize();
            long rest = memfdSize - offset;
            covered = rest >= length ? length : Unsigned.pageAlign(rest, os); // the partial last page
            // Linux maps no byte of a regular file at or past 2^63-1 (file_mmap_ok: EOVERFLOW).
            long limit = (Long.MAX_VALUE - offset) & -(long) os;
            covered = Math.min(covered, limit);
        }
        if (covered == length) {
            long addr = Libc.mmap(0, length, prot, flags, fd, offset);
            if (addr < 0) {
                throw new SysException("mmap", (int) -addr);
            }
            Libc.madvise(addr, length, Libc.MADV_NOHUGEPAGE); // keep SEEK_DATA page-exact
            return new MappedWindow(addr, length, length, prot);
        }
        long reserve = Libc.mmap(0, length, Libc.PROT_NONE,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE, -1, 0);
        if (reserve < 0) {
            throw new SysException("mmap", (int) -reserve);
        }
        if (covered > 0) {
            long addr = Libc.mmap(reserve, covered, prot, flags | Libc.MAP_FIXED, fd, offset);
            if (addr < 0) {
                Libc.munmap(reserve, length);
                throw new SysException("mmap", (int) -addr);
            }
            Libc.madvise(addr, covered, Libc.MADV_NOHUGEPAGE);
        }
        return new MappedWindow(reserve, length, covered, prot);
    }

    public long address() {
        return address;
    }

    public long length() {
        return length;
    }

    /** Bytes at the start that may be touched (the file part of a file mapping). */
    public long backedLength() {
        return backed;
    }

    /**
     * mprotect of the whole usable part; 0 or -errno. When it takes a right away from memory that segments
     * were handed out over, it first waits out the stragglers of their close ({@link RetiredWindows#outlast}):
     * one finishing a write under the new PROT_READ would fault and kill the JVM.
     */
    public int protect(int prot) {
        ensureMapped();
        boolean takes = (osProt & ~prot) != 0 && backed != 0;
        // Segments taken under the old protection must not outlive it.
        if (!closeViews() && takes && !closeViewsWithin(BUSY_WAIT_NANOS)) {
            return -EBUSY; // a native call or I/O is using the memory: taking a right under it could kill the JVM
        }
        if (takes) {
            RetiredWindows.outlast(viewsEverClosed, viewsClosedAt);
        }
        int r = backed == 0 ? 0 : Libc.mprotect(address, backed, prot);
        if (r == 0) {
            osProt = prot;
        }
        return r;
    }

    /** Appends the n bytes at offset, a chunk at a time: memory follows the non-zero data, not n. */
    public void appendTo(long offset, int n, ByteRuns.Builder out) {
        ensureBacked(offset, n);
        var buf = BackingFile.chunkBuffer(); // the thread's, not 64 KiB per load
        for (long done = 0; done < n; ) {
            int k = (int) Math.min(buf.length, n - done);
            MemorySegment.copy(segment, JAVA_BYTE, offset + done, buf, 0, k);
            BackingFile.appendChunk(out, buf, k);
            done += k;
        }
    }

    public void copyIn(byte[] src, int srcOffset, long offset, int n) {
        ensureBacked(offset, n);
        MemorySegment.copy(src, srcOffset, segment, JAVA_BYTE, offset, n);
    }

    /**
     * The usable part as a segment that stays valid until the next {@link #protect} or {@link #unmap}:
     * after either, every access through it throws IllegalStateException.
     */
    public synchronized MemorySegment view() {
        ensureMapped();
        if (viewScope == null) {
            viewScope = Arena.ofShared();
        }
        return MemorySegment.ofAddress(address).reinterpret(backed, viewScope, null);
    }

    /** -EBUSY from {@link #protect}: a segment of the window is in use by a native call or I/O. */
    public static final int EBUSY = 16;
    /** How long a protect that takes a right waits for such a call to return. */
    static final long BUSY_WAIT_NANOS = 1_000_000_000L;

    /**
     * Invalidates the segments handed out (a shared arena's close waits out Java accesses in progress) and
     * tries again the scopes that could not be closed before. False if one is still in use: a native call
     * or NIO I/O holds a segment of it, and its memory must stay as it is until that returns.
     */
    private synchronized boolean closeViews() {
        if (viewScope != null) {
            openScopes.add(viewScope);
            viewScope = null;
        }
        boolean closedAny = false;
        for (var it = openScopes.iterator(); it.hasNext(); ) {
            try {
                it.next().close();
                it.remove();
                closedAny = true;
            } catch (IllegalStateException inUse) {
                // kept: closed by a later protect or unmap, or by RetiredWindows once the call returns
            }
        }
        if (closedAny) {
            viewsClosedAt = System.nanoTime();
            viewsEverClosed = true;
        }
        return openScopes.isEmpty();
    }

    private boolean closeViewsWithin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            if (closeViews()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mapping goes at once for the device (and with it the file mapping's hold on the memfd), but the
     * address range stays reserved while a straggler of the views' close or a native call still using a
     * segment may touch it ({@link RetiredWindows}).
     */
    public void unmap() {
        if (!unmapped) {
            boolean closed = closeViews(); // before the memory goes: a racing access throws instead of faulting
            unmapped = true;
            java.util.List<Arena> open;
            synchronized (this) {
                open = java.util.List.copyOf(openScopes);
                openScopes.clear();
            }
            boolean recent = viewsEverClosed && System.nanoTime() - viewsClosedAt < RetiredWindows.GRACE_NANOS;
            if ((closed && !recent) || !RetiredWindows.retire(address, length, open)) {
                Libc.munmap(address, length);
            }
        }
    }

    public boolean isUnmapped() {
        return unmapped;
    }

    /** The last line of defence: never let an access reach the reservation or beyond (it would crash). */
    private void ensureBacked(long offset, int n) {
        ensureMapped();
        if (offset < 0 || n < 0 || offset > backed - n) {
            throw new IllegalStateException("access [" + offset + ", +" + n + ") outside the " + backed
                    + " backed bytes of the mapping at 0x" + Long.toHexString(address));
        }
    }

    private void ensureMapped() {
        if (unmapped) {
            throw new IllegalStateException("mapping at 0x" + Long.toHexString(address) + " was unmapped");
        }
    }
}
