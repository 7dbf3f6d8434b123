package dev.ashmem.impl.mm;

import dev.ashmem.impl.sys.Libc;
import java.util.ArrayDeque;

/**
 * Address ranges of unmapped windows whose segments were handed out, held as private anonymous memory for
 * a grace period instead of being unmapped at once.
 *
 * <p>Why: closing a shared arena is meant to wait out every access in progress through its segments, but
 * the JDK used here (Temurin 25.0.3) can return from the close while a thread that was inside such an
 * access still completes it: the close does not wait until that thread has taken the exception meant to
 * stop it (JDK-8364167, fixed in OpenJDK's mainline in 2026). Seen here once as a SIGSEGV in
 * Unsafe.putLongUnaligned under C1, right after a CloseScopedMemory handshake, in SegmentLifetimeTest.
 * Unmapping at once would let that one straggling access fault and kill the JVM. So the window's pages are replaced, atomically (MAP_FIXED), by private anonymous memory: the file
 * mapping and its hold on the memfd go at once, a straggler writes into memory nobody reads, and the range
 * is unmapped for good once {@link #GRACE_NANOS} have passed, at a later retire or window creation.
 * An mprotect that takes a right away cannot swap the memory (the file's pages must stay), so it waits the
 * same grace before it changes anything ({@link #outlast}).
 */
final class RetiredWindows {
    /** Far longer than one access, even one whose thread is descheduled in the middle. */
    static final long GRACE_NANOS = 250_000_000L;

    private record Retired(long address, long length, long since) {
    }

    private static final ArrayDeque<Retired> RETIRED = new ArrayDeque<>();
    /** Whether RETIRED may hold anything: every window creation reaps, and most find nothing to do. */
    private static volatile boolean any;

    private RetiredWindows() {
    }

    /**
     * Replaces [address, address + length) by anonymous memory and keeps it for the grace period; false if
     * the replacement failed (the caller then unmaps at once).
     */
    static boolean retire(long address, long length) {
        long r = Libc.mmap(address, length, Libc.PROT_READ | Libc.PROT_WRITE,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE | Libc.MAP_FIXED, -1, 0);
        if (r != address) {
            return false;
        }
        synchronized (RETIRED) {
            RETIRED.addLast(new Retired(address, length, System.nanoTime()));
            any = true;
        }
        reap();
        return true;
    }

    /** Unmaps the ranges retired at least the grace period ago. */
    static void reap() {
        if (!any) {
            return;
        }
        long now = System.nanoTime();
        synchronized (RETIRED) {
            while (!RETIRED.isEmpty() && now - RETIRED.peekFirst().since() >= GRACE_NANOS) {
                var r = RETIRED.pollFirst();
                Libc.munmap(r.address(), r.length());
            }
            any = !RETIRED.isEmpty();
        }
    }

    /**
     * Waits the grace period: for a change that cannot be deferred (an mprotect taking a right away) after
     * the close of segments over the memory, so that a straggler of that close has finished.
     */
    static void outlast() {
        long end = System.nanoTime() + GRACE_NANOS;
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

    /** Whether a range starting at {@code address} is still held (for tests). */
    static boolean holds(long address) {
        synchronized (RETIRED) {
            return RETIRED.stream().anyMatch(r -> r.address() == address);
        }
    }
}
