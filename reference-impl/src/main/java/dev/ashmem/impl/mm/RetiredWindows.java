package dev.ashmem.impl.mm;

import dev.ashmem.impl.sys.Libc;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Address ranges of unmapped windows that something may still touch, held as private anonymous memory
 * instead of being unmapped at once, until nothing can.
 *
 * <p>Why: closing a shared arena is meant to wait out every access in progress through its segments, but
 * the JDK used here (Temurin 25.0.3) can return from the close while a thread that was inside such an
 * access still completes it: the close does not wait until that thread has taken the exception meant to
 * stop it (JDK-8364167, fixed in OpenJDK's mainline in 2026). Seen here once as a SIGSEGV in
 * Unsafe.putLongUnaligned under C1, right after a CloseScopedMemory handshake, in SegmentLifetimeTest.
 * Unmapping at once would let that one straggling access fault and kill the JVM. And a shared arena
 * cannot be closed at all while a native call or NIO I/O holds one of its segments: that call reads or
 * writes the memory until it returns.
 *
 * <p>So the window's pages are replaced, atomically (MAP_FIXED), by private anonymous memory: the file
 * mapping and its hold on the memfd go at once, a straggler or a native call in progress reads and writes
 * memory nobody else sees, and the range is unmapped for good {@link #GRACE_NANOS} after the last of its
 * arenas closed. A daemon thread closes those arenas and unmaps the ranges when their time comes, so none
 * outlives its device by more than that. An mprotect that takes a right away cannot swap the memory (the
 * file's pages must stay), so it waits the same grace before it changes anything ({@link #outlast}).
 */
final class RetiredWindows {
    /** Far longer than one access, even one whose thread is descheduled in the middle. */
    static final long GRACE_NANOS = 250_000_000L;
    /** How often the reaper tries the arenas still in use. */
    private static final long RETRY_NANOS = 10_000_000L;

    /** A held range; {@code open}: arenas still in use, {@code since}: when the last one closed. */
    private static final class Retired {
        final long address;
        final long length;
        final List<Arena> open;
        long since;

        Retired(long address, long length, List<Arena> open, long since) {
            this.address = address;
            this.length = length;
            this.open = new ArrayList<>(open);
            this.since = since;
        }
    }

    private static final List<Retired> RETIRED = new ArrayList<>();
    /** Whether RETIRED may hold anything: every window creation reaps, and most find nothing to do. */
    private static volatile boolean any;
    private static Thread reaper;

    private RetiredWindows() {
    }

    /**
     * Replaces [address, address + length) by anonymous memory and holds it until the grace period after
     * {@code open} (arenas a native call still uses) are all closed. False if the replacement failed with
     * no such arena: the caller then unmaps at once. With one, the mapping is held as it is.
     */
    static boolean retire(long address, long length, List<Arena> open) {
        long r = Libc.mmap(address, length, Libc.PROT_READ | Libc.PROT_WRITE,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE | Libc.MAP_FIXED, -1, 0);
        if (r != address && open.isEmpty()) {
            return false;
        }
        synchronized (RETIRED) {
            RETIRED.add(new Retired(address, length, open, System.nanoTime()));
            any = true;
            if (reaper == null) {
                reaper = Thread.ofPlatform().daemon().name("ashmem-retired-windows").start(RetiredWindows::reapUntilEmpty);
            }
        }
        return true;
    }

    /** Unmaps the ranges whose arenas are closed since at least the grace period. */
    static void reap() {
        if (!any) {
            return;
        }
        synchronized (RETIRED) {
            reapLocked();
        }
    }

    /** Nanoseconds until the next range may go, or -1 when none is held. */
    private static long reapLocked() {
        long now = System.nanoTime();
        long next = -1;
        for (var it = RETIRED.iterator(); it.hasNext(); ) {
            var r = it.next();
            if (!r.open.isEmpty()) {
                r.open.removeIf(RetiredWindows::closed);
                if (!r.open.isEmpty()) {
                    next = next < 0 ? RETRY_NANOS : Math.min(next, RETRY_NANOS);
                    continue;
                }
                r.since = now; // a straggler of this close may still write: the grace starts now
            }
            long left = GRACE_NANOS - (now - r.since);
            if (left <= 0) {
                Libc.munmap(r.address, r.length);
                it.remove();
            } else {
                next = next < 0 ? left : Math.min(next, left);
            }
        }
        any = !RETIRED.isEmpty();
        return next;
    }

    private static boolean closed(Arena arena) {
        if (!arena.scope().isAlive()) {
            return true; // closed already: close() would throw as if it were in use, and hold the range for good
        }
        try {
            arena.close();
            return true;
        } catch (IllegalStateException inUse) {
            return false;
        }
    }

    private static void reapUntilEmpty() {
        while (true) {
            long wait;
            synchronized (RETIRED) {
                wait = reapLocked();
                if (wait < 0) {
                    reaper = null;
                    return;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    /**
     * Waits until the grace period after {@code closedAt} (System.nanoTime of the views' last close) has
     * passed, when views were ever closed: for a change that cannot be deferred (an mprotect taking a right
     * away), so that a straggler of that close has finished.
     */
    static void outlast(boolean everClosed, long closedAt) {
        if (!everClosed) {
            return;
        }
        long end = closedAt + GRACE_NANOS;
        boolean interrupted = false;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true; // the wait is what keeps the JVM alive: finish it, keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many ranges are held (for tests). */
    static int held() {
        synchronized (RETIRED) {
            return RETIRED.size();
        }
    }

    /** Whether a range starting at {@code address} is still held (for tests). */
    static boolean holds(long address) {
        synchronized (RETIRED) {
            return RETIRED.stream().anyMatch(r -> r.address == address);
        }
    }
}
