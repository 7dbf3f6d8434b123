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
            w.unmap();
            assertThat(mapsLines("memfd:retired-viewed")).as("the file mapping is gone at once").isZero();
            assertThat(RetiredWindows.holds(address)).isTrue();
            assertThat(RetiredWindows.holds(later.address())).isFalse();
            // what a straggler of the arena's close would do: it must not fault, nor reach the file
            MemorySegment.ofAddress(address).reinterpret(P).set(JAVA_LONG, 8, 42L);
            try (var arena = Arena.ofConfined()) {
                var buf = arena.allocate(16);
                assertThat(Libc.pread(fd, buf, 16, 0)).isEqualTo(16);
                assertThat(buf.get(JAVA_LONG, 0)).isEqualTo(1L);
                assertThat(buf.get(JAVA_LONG, 8)).isZero();
            }
            Thread.sleep(RetiredWindows.GRACE_NANOS / 1_000_000 + 50);
            later.unmap(); // the next retire reaps the ranges past their grace
            assertThat(RetiredWindows.holds(address)).isFalse();
            assertThat(RetiredWindows.holds(later.address())).isTrue();
            assertThat(mapsLines(start(address))).as("the range is unmapped").isZero();
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
            var protect = new Thread(() -> w.protect(Libc.PROT_READ));
            protect.start();
            Thread.sleep(50);
            // where a straggler of the views' close may still be writing: not read-only yet
            assertThat(protOf(w.address())).isEqualTo("rw-s");
            protect.join();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(RetiredWindows.GRACE_NANOS);
            assertThat(protOf(w.address())).isEqualTo("r--s");
            // giving a right back, or taking one with no segment handed out since, does not wait
            w.view();
            long t1 = System.nanoTime();
            assertThat(w.protect(Libc.PROT_READ | Libc.PROT_WRITE)).isZero();
            assertThat(w.protect(Libc.PROT_READ)).isZero();
            assertThat(System.nanoTime() - t1).isLessThan(RetiredWindows.GRACE_NANOS);
            assertThat(protOf(w.address())).isEqualTo("r--s");
            w.unmap();
        } finally {
            Libc.close(fd);
        }
    }
}
