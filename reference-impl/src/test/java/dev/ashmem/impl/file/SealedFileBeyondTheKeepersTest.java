package dev.ashmem.impl.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import dev.ashmem.model.Exercises;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A purge of a write-sealed file reaches data only through the keeper windows made before the seal. Data no
 * keeper reaches (written by another process through a writable mapping it made before the seal, or lying
 * beyond {@link BackingFile#KEEPER_BUDGET}) is read back: a page that reads as zeros becomes a hole, any
 * other keeps its content (the class comment of {@link BackingFile}). Here the "other process" is a mapping
 * this test makes of the memfd itself, which the file does not know of.
 */
class SealedFileBeyondTheKeepersTest {
    private static final long GIB = 1L << 30;

    private static BackingFile file(long size, int pageSize) throws SysException {
        return BackingFile.create(3, "beyond".getBytes(StandardCharsets.US_ASCII), size, pageSize);
    }

    private static void pwrite(BackingFile f, long offset, byte value) {
        try (var arena = Arena.ofConfined()) {
            var seg = arena.allocate(1);
            seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, value);
            assertThat(Libc.pwrite(f.fd(), seg, 1, offset)).isEqualTo(1);
        }
    }

    /** A writable shared mapping of file bytes [offset, offset + length), unknown to the file. */
    @SuppressWarnings("restricted") // mapped just above, unmapped by the caller
    private static MemorySegment otherWriter(BackingFile f, long offset, long length) {
        long addr = Libc.mmap(0, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, f.fd(), offset);
        assertThat(addr).as("mmap of the memfd").isNotNegative();
        return MemorySegment.ofAddress(addr).reinterpret(length);
    }

    private static byte at(BackingFile f, long offset) throws SysException {
        return f.read(offset, 1).toArray()[0];
    }

    @Exercises({"SHRINK-PUNCH", "SEEK-DATA", "SEEK-HOLE"})
    @Test
    void dataNoKeeperReachesSurvivesAPurgeUnlessItReadsAsZeros() throws Exception {
        int p = 16384; // four OS pages per driver page: a P-page holds data when any of its OS pages does
        long g = GIB / p; // the first P-page of the second GiB
        var f = file(3 * GIB, p);
        pwrite(f, 0, (byte) 1); // data at the seal: the keeper covers [0, 1 GiB)
        var other = otherWriter(f, GIB - 4096, GIB + 4096 + 8L * p); // made before the seal, from 1 GiB - 4 KiB
        try {
            long base = GIB - 4096; // file offset of other's byte 0
            // the keeper of a range this process may still write: [2 GiB, 2 GiB + 4 KiB)
            assertThat(f.sealAgainstWrites(List.<long[]>of(new long[] {2 * GIB, 2 * GIB + 1}))).isZero();
            other.set(java.lang.foreign.ValueLayout.JAVA_BYTE, GIB + 2L * p + 5 - base, (byte) 9); // page g+2: non-zero
            other.set(java.lang.foreign.ValueLayout.JAVA_BYTE, GIB + 4L * p + 4096 - base, (byte) 0); // page g+4: data that reads zero
            other.set(java.lang.foreign.ValueLayout.JAVA_BYTE, GIB + 7L * p - 1 - base, (byte) 8); // page g+6's last byte
            // one run of data across the second keeper's start: 2 GiB - 4 KiB (no keeper) and 2 GiB (keeper)
            other.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 2 * GIB - 1 - base, (byte) 6);
            other.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 2 * GIB - base, (byte) 7);
            long last = 2 * g - 1; // the P-page ending at 2 GiB
            assertThat(f.dataPages()).containsExactly(0L, g + 2, g + 4, g + 6, last, 2 * g);

            assertThat(f.punchPages(0, 2 * g + 1)).isZero();

            assertThat(f.dataPages()).as("what no keeper zeroed and does not read as zeros")
                    .containsExactly(g + 2, g + 6, last);
            assertThat(f.zeroedHoles()).isEqualTo(Map.of(0L, g + 2, g + 3, g + 6, g + 7, last, 2 * g, 2 * g + 1));
            assertThat(at(f, GIB + 2L * p + 5)).isEqualTo((byte) 9);
            assertThat(at(f, GIB + 7L * p - 1)).isEqualTo((byte) 8);
            assertThat(at(f, 2 * GIB - 1)).isEqualTo((byte) 6);
            assertThat(at(f, 0)).as("zeroed through the first keeper").isZero();
            assertThat(at(f, 2 * GIB)).as("zeroed through the second keeper").isZero();
            assertThat(f.isDataPage(g + 4)).isFalse();
            assertThat(f.seekData(0)).isEqualTo((g + 2) * p);
            assertThat(f.seekHole((g + 2) * p + 7)).isEqualTo((g + 3) * p);
            assertThat(f.seekData((g + 3) * p)).isEqualTo((g + 6) * p);
            assertThat(f.seekData((g + 7) * p)).isEqualTo(last * p);
            assertThat(f.seekHole(last * p)).isEqualTo(2 * GIB);
        } finally {
            assertThat(Libc.munmap(other.address(), other.byteSize())).isZero();
            f.release();
        }
    }

    @Exercises({"SHRINK-PUNCH"})
    @Test
    void theKeepersTakeAtMostTheirBudgetInOrderOfOffset() throws Exception {
        int p = 4096;
        long chunks = BackingFile.KEEPER_BUDGET / GIB; // data in as many GiB chunks as the budget holds
        var f = file(BackingFile.KEEPER_BUDGET + 3 * GIB, p);
        try {
            for (long c = 0; c < chunks; c++) {
                pwrite(f, c * GIB, (byte) 1);
            }
            long beyond = BackingFile.KEEPER_BUDGET + GIB + 5 * p; // after a chunk without data: a second keeper would be needed
            pwrite(f, beyond, (byte) 2);
            assertThat(f.sealAgainstWrites(List.of())).isZero();

            long lastInBudget = (BackingFile.KEEPER_BUDGET - GIB) / p;
            assertThat(f.punchPages(lastInBudget, lastInBudget + 1)).isZero();
            assertThat(f.punchPages(beyond / p, beyond / p + 1)).isZero();

            assertThat(f.isDataPage(lastInBudget)).as("inside the budget: zeroed through its keeper").isFalse();
            assertThat(at(f, lastInBudget * p)).isZero();
            assertThat(f.isDataPage(beyond / p)).as("beyond the budget: no keeper, so its data stays").isTrue();
            assertThat(at(f, beyond)).isEqualTo((byte) 2);
        } finally {
            f.release();
        }
    }
}
