package dev.ashmem.impl.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the OS refuses the backing file a call, the file says so and leaves nothing behind: seals another
 * holder of the memfd added first (F_SEAL_SEAL, F_SEAL_WRITE: the memfd is reachable through /proc/PID/fd)
 * make the write seal and a reset fail, and a refused seal unmaps the keepers it had made.
 */
class BackingFileOsRefusalsTest {
    private static final int P = 4096;
    private static final String NAME = "refusals";

    private static BackingFile file(long size) throws SysException {
        return BackingFile.create(5, NAME.getBytes(StandardCharsets.US_ASCII), size, P);
    }

    private static void pwrite(BackingFile f, long offset, byte value) {
        try (var arena = Arena.ofConfined()) {
            var seg = arena.allocate(1);
            seg.set(ValueLayout.JAVA_BYTE, 0, value);
            assertThat(Libc.pwrite(f.fd(), seg, 1, offset)).isEqualTo(1);
        }
    }

    private static void sealFromOutside(BackingFile f, int seals) {
        assertThat(Libc.fcntl(f.fd(), Libc.F_ADD_SEALS, seals)).isZero();
    }

    /** This process's mappings of memfds named NAME (the keepers). */
    private static long mappingsOfTheFile() throws Exception {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.contains("/memfd:" + NAME)).count();
        }
    }

    @Test
    void aRefusedWriteSealLeavesTheFileUnsealedWithoutKeepers() throws Exception {
        var f = file(4L * P);
        try {
            pwrite(f, 0, (byte) 1); // data: the seal would keep a window over it
            long before = mappingsOfTheFile();
            sealFromOutside(f, Libc.F_SEAL_SEAL); // no seal may be added any more
            assertThat(f.sealAgainstWrites(List.<long[]>of(new long[] {0, 4L * P}))).isEqualTo(-Libc.EPERM);
            assertThat(f.sealed()).isFalse();
            assertThat(mappingsOfTheFile()).as("the keepers made before the refusal").isEqualTo(before);
            assertThat(f.punchPages(0, 1)).as("unsealed: a real hole punch").isZero();
            assertThat(f.dataPages()).isEmpty();
            assertThat(f.allocatedBytes()).isZero();
        } finally {
            f.release();
        }
    }

    @Test
    void aResetTheOsRefusesIsReportedForAHoleAndForAPageOfData() throws Exception {
        var holeFirst = file(2L * P);
        var dataFirst = file(2L * P);
        try {
            pwrite(holeFirst, P, (byte) 1); // hole, data: the reset punches first
            pwrite(dataFirst, 0, (byte) 1); // data, hole: the reset writes first
            var holeImage = holeFirst.image();
            var dataImage = dataFirst.image();
            assertThat(holeFirst.reset(holeImage)).as("unsealed, the same reset succeeds").isTrue();
            sealFromOutside(holeFirst, Libc.F_SEAL_WRITE); // shmem_fallocate and pwrite now fail with EPERM
            sealFromOutside(dataFirst, Libc.F_SEAL_WRITE);
            assertThat(holeFirst.reset(holeImage)).as("the punch refused").isFalse();
            assertThat(dataFirst.reset(dataImage)).as("the write refused").isFalse();
        } finally {
            holeFirst.release();
            dataFirst.release();
        }
    }

    @Test
    void aPunchTheOsRefusesIsReportedAndTheDataStays() throws Exception {
        var f = file(2L * P);
        try {
            pwrite(f, 0, (byte) 7);
            sealFromOutside(f, Libc.F_SEAL_WRITE); // shmem_fallocate: EPERM on a write-sealed file
            assertThat(f.punchPages(0, 2)).isEqualTo(-Libc.EPERM);
            assertThat(f.dataPages()).containsExactly(0L);
            assertThat(f.read(0, 1).toArray()).containsExactly(7);
        } finally {
            f.release();
        }
    }

    @Test
    void keepersTheOsRefusesAreNotMadeAndTheirDataOutlivesASealedPurge() throws Exception {
        var f = file(2L * P);
        try {
            pwrite(f, P, (byte) 9);
            long before = mappingsOfTheFile();
            sealFromOutside(f, Libc.F_SEAL_WRITE); // no writable shared mapping: every keeper's mmap fails
            assertThat(f.sealAgainstWrites(List.<long[]>of(new long[] {0, 2L * P}))).isZero();
            assertThat(f.sealed()).isTrue();
            assertThat(mappingsOfTheFile()).as("no keeper was mapped").isEqualTo(before);
            assertThat(f.punchPages(0, 2)).isZero(); // zeroes nothing: no keeper reaches the data
            assertThat(f.dataPages()).containsExactly(1L);
            assertThat(f.zeroedHoles()).containsExactly(java.util.Map.entry(0L, 1L));
            assertThat(f.read(P, 1).toArray()).containsExactly(9);
        } finally {
            f.release();
        }
    }
}
