package dev.ashmem.impl.mm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.sys.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The unmap (and the mprotect taking a right away) of a window whose segments were handed out: the file mapping goes at once, a straggling access
 * the arena's close did not stop (JDK-8364167) lands in anonymous memory instead of faulting, and the range
 * itself goes after the grace period. A window nobody took a segment of is unmapped at once.
 */
@SuppressWarnings("restricted")
class RetiredWindowsTest {
    private static final int P = 4096;

    private static long mapsLines(String needle) throws Exception {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.contains(needle)).count();
        }
    }

    private static String start(long address) {
        return Long.toHexString(address) + "-";
    }

    private static int memfd(String name) {
        int fd = Libc.memfdCreate(name.getBytes(StandardCharsets.US_ASCII), Libc.MFD_CLOEXEC);
        assertThat(fd).isNotNegative();
        assertThat(Libc.ftruncate(fd, P)).isZero();
        return fd;
    }

    @Test
    void aViewedWindowLeavesAPlaceholderThatAStragglerMayWriteAndThatGoesAfterTheGrace() throws Exception {
        int fd = memfd("retired-viewed");
        try {
            var w = MappedWindow.ofFile(fd, P, 0, P, Libc.PROT_READ | Libc.PROT_WRITE, true);
            var later = MappedWindow.anonymous(P, Libc.PROT_READ | Libc.PROT_WRITE);
            later.view();
            long address = w.address();
            w.view().set(JAVA_LONG, 0, 1L);
            long retired = System.nanoTime();
            w.unmap();
            assertThat(mapsLines("memfd:retired-viewed")).as("the file mapping is gone at once").isZero();
            assertThat(RetiredWindows.holds(address)).isTrue();
            heldHalfTheGrace(address, retired);
            assertThat(RetiredWindows.holds(later.address())).isFalse();
            // what a straggler of the arena's close would do: it must not fault, nor reach the file
            MemorySegment.ofAddress(address).reinterpret(P).set(JAVA_LONG, 8, 42L);
            try (var arena = Arena.ofConfined()) {
                var buf = arena.allocate(16);
                assertThat(Libc.pread(fd, buf, 16, 0)).isEqualTo(16);
                assertThat(buf.get(JAVA_LONG, 0)).isEqualTo(1L);
                assertThat(buf.get(JAVA_LONG, 8)).isZero();
            }
            later.unmap();
            assertThat(RetiredWindows.holds(later.address())).isTrue();
            assertThat(RetiredWindows.held()).isGreaterThanOrEqualTo(RetiredWindows.holds(address) ? 2 : 1);
            // no later mapping needed: the reaper unmaps both once their grace is over; it sleeps meanwhile
            long settle = System.nanoTime() + 2_000_000_000L;
            while (reapers().size() != 1 && System.nanoTime() < settle) {
                Thread.sleep(5); // a reaper of an earlier test may be on its way out
            }
            var reapers = reapers();
            assertThat(reapers).as("one reaper thread").hasSize(1);
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long id = reapers.getFirst().threadId();
            long t0 = System.nanoTime();
            long cpu0 = mx.getThreadCpuTime(id);
            Thread.sleep(RetiredWindows.GRACE_NANOS / 3_000_000);
            long cpu1 = mx.getThreadCpuTime(id);
            if (cpu0 >= 0 && cpu1 >= 0 && RetiredWindows.holds(later.address())) {
                assertThat(cpu1 - cpu0).as("the reaper's CPU time in %d ms of waiting", (System.nanoTime() - t0) / 1_000_000)
                        .isLessThan((System.nanoTime() - t0) / 2); // a busy loop takes all of it
            }
            awaitGone(address);
            awaitGone(later.address());
            long end = System.nanoTime() + 2_000_000_000L;
            while (!reapers().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            if (RetiredWindows.held() == 0) { // an earlier test's range held by a call that never returned keeps it on
                assertThat(reapers()).as("the reaper ends with nothing left to hold").isEmpty();
            }
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void aWindowNobodyViewedIsUnmappedAtOnce() throws Exception {
        int fd = memfd("retired-plain");
        try {
            var w = MappedWindow.ofFile(fd, P, 0, P, Libc.PROT_READ | Libc.PROT_WRITE, true);
            long address = w.address();
            w.unmap();
            assertThat(RetiredWindows.holds(address)).isFalse();
            assertThat(mapsLines(start(address))).isZero();
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * A replacement the kernel refuses (here an address not on a page boundary: EINVAL): with no arena in
     * use, retire says so and the caller unmaps at once; with arenas, the range is held as it is until they
     * are closed (by the reaper, or already by someone else) and the grace is over (the late munmap of
     * such an address fails harmlessly).
     */
    @Test
    void aRefusedReplacementIsUnmappedAtOnceUnlessAnArenaHoldsIt() throws Exception {
        long bad = 1; // never a mapping's start: mmap and munmap refuse it and touch nothing
        assertThat(RetiredWindows.retire(bad, P, java.util.List.of())).isFalse();
        assertThat(RetiredWindows.holds(bad)).isFalse();
        var reaped = Arena.ofShared();
        var closedElsewhere = Arena.ofShared();
        long since = System.nanoTime();
        assertThat(RetiredWindows.retire(bad, P, java.util.List.of(reaped, closedElsewhere))).isTrue();
        closedElsewhere.close();
        boolean held = RetiredWindows.holds(bad);
        if (System.nanoTime() - since < RetiredWindows.GRACE_NANOS / 2) {
            assertThat(held).as("held within the grace").isTrue();
        }
        long end = System.nanoTime() + 8 * RetiredWindows.GRACE_NANOS;
        while (RetiredWindows.holds(bad) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(RetiredWindows.holds(bad)).as("let go after the grace").isFalse();
        assertThat(reaped.scope().isAlive()).as("the reaper closed the arena").isFalse();
    }

    /**
     * The range is still held half a grace period after {@code since} (a moment before the grace began).
     * Checked only when this thread got there in time: a late wake-up on a loaded machine says nothing.
     */
    private static void heldHalfTheGrace(long address, long since) throws Exception {
        Thread.sleep(RetiredWindows.GRACE_NANOS / 2_000_000);
        boolean held = RetiredWindows.holds(address);
        if (System.nanoTime() - since < RetiredWindows.GRACE_NANOS * 3 / 4) {
            assertThat(held).as("held within the grace").isTrue();
            assertThat(mapsLines(start(address))).as("mapped within the grace").isPositive();
        }
    }

    private static java.util.List<Thread> reapers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ashmem-retired-windows") && t.isAlive()).toList();
    }

    /** Waits (a few grace periods at most) until the range is neither held nor mapped. */
    private static void awaitGone(long address) throws Exception {
        long end = System.nanoTime() + 8 * RetiredWindows.GRACE_NANOS;
        while ((RetiredWindows.holds(address) || mapsLines(start(address)) > 0) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(RetiredWindows.holds(address)).as("still held").isFalse();
        assertThat(mapsLines(start(address))).as("the range is unmapped").isZero();
    }

    /**
     * A native call holding a segment of the window (here a read(2) from a pipe into it, blocked): its arena
     * cannot be closed, so an mprotect taking a right is refused after a short wait, and the unmap takes the
     * file mapping away at once but holds the range (anonymous memory the call may still write) until the
     * call has returned, the arena is closed and the grace is over. Before, the arena's close threw out of
     * both, and the unmap left the file mapping and the memfd behind for good.
     */
    @Test
    void aNativeCallInsideASegmentNeitherBreaksNorLeaksProtectOrUnmap() throws Throwable {
        int fd = memfd("busy-view");
        var linker = java.lang.foreign.Linker.nativeLinker();
        var lookup = linker.defaultLookup();
        var pipe = linker.downcallHandle(lookup.find("pipe").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS));
        var read = linker.downcallHandle(lookup.find("read").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(JAVA_LONG, java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS, JAVA_LONG));
        try (var arena = Arena.ofConfined()) {
            var fds = arena.allocate(java.lang.foreign.ValueLayout.JAVA_INT, 2);
            assertThat((int) pipe.invokeExact(fds)).isZero();
            int rfd = fds.getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 0);
            int wfd = fds.getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 1);
            try {
                var w = MappedWindow.ofFile(fd, P, 0, P, Libc.PROT_READ | Libc.PROT_WRITE, true);
                long address = w.address();
                var seg = w.view();
                var got = new java.util.concurrent.atomic.AtomicLong(-99);
                var reader = new Thread(() -> {
                    try {
                        got.set((long) read.invokeExact(rfd, seg, 1L));
                    } catch (Throwable e) {
                        got.set(-98);
                    }
                });
                reader.start();
                Thread.sleep(100); // blocked in read(2), the segment's arena acquired
                assertThat(w.protect(Libc.PROT_READ)).isEqualTo(-MappedWindow.EBUSY);
                assertThat(protOf(address)).isEqualTo("rw-s");
                assertThat(w.protect(Libc.PROT_READ | Libc.PROT_WRITE | Libc.PROT_EXEC)).as("giving a right is harmless").isZero();
                w.unmap();
                assertThat(mapsLines("memfd:busy-view")).as("the file mapping is gone at once").isZero();
                assertThat(RetiredWindows.holds(address)).isTrue();
                Thread.sleep(RetiredWindows.GRACE_NANOS / 1_000_000 + 50);
                assertThat(RetiredWindows.holds(address)).as("held while the call is inside").isTrue();
                var one = arena.allocate(1);
                assertThat(Libc.write(wfd, one.address(), 1)).isEqualTo(1);
                reader.join();
                long returned = System.nanoTime();
                assertThat(got.get()).as("the read completed into the placeholder").isEqualTo(1);
                // the grace runs from the arena's close, which comes after the call returned, not from the unmap
                heldHalfTheGrace(address, returned);
                awaitGone(address);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> seg.get(JAVA_LONG, 0)).isInstanceOf(IllegalStateException.class);
            } finally {
                Libc.close(rfd);
                Libc.close(wfd);
            }
        } finally {
            Libc.close(fd);
        }
    }

    private static String protOf(long address) throws Exception {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.startsWith(start(address))).map(l -> l.split(" ")[1]).findFirst().orElse("none");
        }
    }

    @Test
    void takingARightFromAViewedWindowWaitsOutTheStragglersFirst() throws Exception {
        int fd = memfd("protect-viewed");
        try {
            var w = MappedWindow.ofFile(fd, P, 0, P, Libc.PROT_READ | Libc.PROT_WRITE, true);
            w.view().set(JAVA_LONG, 0, 1L);
            long t0 = System.nanoTime();
            var protectCpu = new java.util.concurrent.atomic.AtomicLong();
            var protect = new Thread(() -> {
                var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long c0 = mx.getCurrentThreadCpuTime();
                w.protect(Libc.PROT_READ);
                protectCpu.set(mx.getCurrentThreadCpuTime() - c0);
            });
            protect.start();
            Thread.sleep(50);
            // where a straggler of the views' close may still be writing: not read-only yet
            assertThat(protOf(w.address())).isEqualTo("rw-s");
            protect.join();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(RetiredWindows.GRACE_NANOS);
            assertThat(protectCpu.get()).as("the wait sleeps").isLessThan(RetiredWindows.GRACE_NANOS / 2);
            assertThat(protOf(w.address())).isEqualTo("r--s");
            // giving a right back does not wait; taking one waits for the grace after the views' last close,
            // even when a protect that took none closed them (a straggler of that close may still write)
            w.view();
            long t1 = System.nanoTime();
            assertThat(w.protect(Libc.PROT_READ | Libc.PROT_WRITE)).isZero();
            assertThat(System.nanoTime() - t1).isLessThan(RetiredWindows.GRACE_NANOS);
            assertThat(w.protect(Libc.PROT_READ)).isZero();
            assertThat(System.nanoTime() - t1).isGreaterThanOrEqualTo(RetiredWindows.GRACE_NANOS);
            assertThat(protOf(w.address())).isEqualTo("r--s");
            // with no segment handed out since that grace, nothing waits
            long t2 = System.nanoTime();
            assertThat(w.protect(Libc.PROT_READ | Libc.PROT_WRITE)).isZero();
            assertThat(w.protect(Libc.PROT_READ)).isZero();
            assertThat(System.nanoTime() - t2).isLessThan(RetiredWindows.GRACE_NANOS);
            w.unmap();
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws Exception {
        int fd = memfd("protect-interrupted");
        try {
            var w = MappedWindow.ofFile(fd, P, 0, P, Libc.PROT_READ | Libc.PROT_WRITE, true);
            w.view().set(JAVA_LONG, 0, 1L);
            var waited = new java.util.concurrent.atomic.AtomicLong();
            var kept = new java.util.concurrent.atomic.AtomicBoolean();
            var protect = new Thread(() -> {
                long t0 = System.nanoTime();
                w.protect(Libc.PROT_READ);
                waited.set(System.nanoTime() - t0);
                kept.set(Thread.currentThread().isInterrupted());
            });
            protect.start();
            Thread.sleep(50);
            protect.interrupt();
            protect.join();
            assertThat(waited.get()).as("the grace is waited out whole").isGreaterThanOrEqualTo(RetiredWindows.GRACE_NANOS - 60_000_000L);
            assertThat(kept.get()).as("the interrupt is kept for the caller").isTrue();
            assertThat(protOf(w.address())).isEqualTo("r--s");
            w.unmap();
        } finally {
            Libc.close(fd);
        }
    }
}
