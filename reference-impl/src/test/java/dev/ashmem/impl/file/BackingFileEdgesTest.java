package dev.ashmem.impl.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.sys.Libc;
import dev.ashmem.impl.sys.SysException;
import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Exercises;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backing file's own contract: its reference count (get_file / fput), the sizes it refuses, the image a
 * reset puts back exactly (page by page, up to {@link BackingFile#IMAGE_PAGE_LIMIT} pages, never for a sealed
 * file), a punch past the end, and the zeroed holes of a sealed file that a touch turns back into data.
 */
class BackingFileEdgesTest {
    private static final int P = 4096;

    private static BackingFile file(long size) throws SysException {
        return BackingFile.create(7, "edges".getBytes(StandardCharsets.US_ASCII), size, P);
    }

    private static void write(BackingFile f, long offset, byte... bytes) {
        try (var arena = Arena.ofConfined()) {
            var seg = arena.allocate(bytes.length);
            seg.copyFrom(java.lang.foreign.MemorySegment.ofArray(bytes));
            assertThat(Libc.pwrite(f.fd(), seg, bytes.length, offset)).isEqualTo(bytes.length);
        }
    }

    private static byte[] read(BackingFile f, long offset, int n) throws SysException {
        return f.read(offset, n).toArray();
    }

    @Test
    void theLastReferenceClosesTheFileAndNoneMayFollow() throws Exception {
        var f = file(P);
        assertThat(f.isOpen()).isTrue();
        f.retain();
        assertThat(f.tryRetain()).isTrue();
        f.release();
        f.release();
        assertThat(f.isOpen()).isTrue();
        f.release(); // the last one
        assertThat(f.isOpen()).isFalse();
        assertThat(f.tryRetain()).isFalse();
        assertThatThrownBy(f::retain).isInstanceOf(IllegalStateException.class).hasMessageContaining("already closed");
        assertThatThrownBy(f::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("too often");
        assertThat(Libc.fcntl(f.fd(), Libc.F_GET_SEALS, 0)).as("the memfd is closed").isNegative();
    }

    @Exercises({"MMAP-FILE"})
    @Test
    void aFileHasAPositiveSizeRoundedUpToThePage() throws Exception {
        assertThatThrownBy(() -> file(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file(-1)).isInstanceOf(IllegalArgumentException.class);
        var f = file(1);
        assertThat(f.size()).isEqualTo(1);
        assertThat(f.memfdSize()).isEqualTo(P);
        assertThat(f.pageCount()).isEqualTo(1);
        assertThat(f.areaId()).isEqualTo(7);
        assertThat(f.toString()).contains("area 7").contains("size=1").doesNotContain("sealed");
        f.release();
    }

    @Test
    void anImageBringsEveryPageBackDataOrHole() throws Exception {
        long pages = BackingFile.IMAGE_PAGE_LIMIT; // the largest file that can be imaged
        var f = file(pages * P);
        write(f, P + 5, (byte) 1, (byte) 2);
        write(f, 3L * P, (byte) 3);
        write(f, (pages - 1) * P + P - 1, (byte) 4);
        var image = f.image();
        assertThat(image).isNotNull();
        assertThat(image.data()).hasSize((int) pages);
        // change everything: new data where holes were, holes where data was
        write(f, 0, (byte) 9);
        write(f, 2L * P, (byte) 9);
        assertThat(f.punchPages(1, 2)).isZero();
        write(f, 3L * P, (byte) 8);
        assertThat(f.reset(image)).isTrue();
        assertThat(f.dataPages()).containsExactly(1L, 3L, pages - 1);
        assertThat(read(f, P + 4, 4)).containsExactly(0, 1, 2, 0);
        assertThat(read(f, 3L * P, 2)).containsExactly(3, 0);
        assertThat(read(f, (pages - 1) * P + P - 2, 2)).containsExactly(0, 4);
        assertThat(read(f, 0, 1)).containsExactly(0);
        f.release();
        assertThat(f.reset(image)).as("a closed file").isFalse();
        assertThat(f.image()).isNull();
    }

    @Test
    void noImageOfAFileTooLargeOrSealedAndNoResetOfAnotherShape() throws Exception {
        var large = file((BackingFile.IMAGE_PAGE_LIMIT + 1) * P);
        assertThat(large.image()).isNull();
        large.release();
        var small = file(2L * P);
        var other = file(3L * P);
        assertThat(other.reset(small.image())).as("a different page count").isFalse();
        other.release();
        var image = small.image();
        assertThat(small.sealAgainstWrites(List.of())).isZero();
        assertThat(small.sealed()).isTrue();
        assertThat(small.toString()).endsWith(" sealed");
        assertThat(small.sealAgainstWrites(List.of())).as("once").isZero();
        assertThat(small.image()).isNull();
        assertThat(small.reset(image)).isFalse();
        small.release();
    }

    @Exercises({"SHRINK-PUNCH"})
    @Test
    void aPunchAtOrPastTheEndIsNothingAndAPunchToTheEndEndsAtTheFile() throws Exception {
        var f = file(4L * P);
        write(f, 3L * P, (byte) 1);
        assertThat(f.punchPages(4, 5)).isZero();
        assertThat(f.punchPages(2, 2)).isZero();
        assertThat(f.dataPages()).containsExactly(3L);
        assertThat(f.punchPages(3, -1)).isZero(); // an end past every page (unsigned): to the end of the file
        assertThat(f.dataPages()).isEmpty();
        write(f, 3L * P, (byte) 1);
        assertThat(f.punchPages(3, 1L << 60)).isZero(); // an end whose byte offset does not fit 64 bits: to the end too
        assertThat(f.dataPages()).isEmpty();
        f.release();
    }

    @Exercises({"SHRINK-PUNCH", "MEM-SHARED", "SEEK-DATA", "SEEK-HOLE"})
    @Test
    void aSealedFilesPunchesAreZeroedHolesUntilTheyAreTouched() throws Exception {
        var f = file(8L * P);
        for (long p = 0; p < 8; p++) {
            write(f, p * P, (byte) (p + 1));
        }
        assertThat(f.sealAgainstWrites(List.<long[]>of(new long[] {0, 8L * P}))).isZero();
        assertThat(f.punchPages(1, 3)).isZero();
        assertThat(f.punchPages(5, 6)).isZero();
        assertThat(f.punchPages(3, 4)).isZero(); // touches [1, 3): merges
        assertThat(f.zeroedHoles()).isEqualTo(Map.of(1L, 4L, 5L, 6L));
        assertThat(f.dataPages()).containsExactly(0L, 4L, 6L, 7L);
        assertThat(read(f, P, 1)).containsExactly(0);
        assertThat(f.seekData(P)).isEqualTo(4L * P);
        assertThat(f.seekHole(0)).isEqualTo(P);
        assertThat(f.seekHole(4L * P + 3)).isEqualTo(5L * P);
        assertThat(f.seekData(5L * P)).isEqualTo(6L * P);
        f.touched(2, 2); // a fault on page 2 allocates it again
        assertThat(f.zeroedHoles()).isEqualTo(Map.of(1L, 2L, 3L, 4L, 5L, 6L));
        assertThat(f.isDataPage(2)).isTrue();
        assertThat(f.isDataPage(3)).isFalse();
        f.touched(0, 7);
        assertThat(f.zeroedHoles()).isEmpty();
        assertThat(f.dataPages()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        f.release();
    }

    @Test
    void readsOfHolesAndDataAcrossChunksAreExact() throws Exception {
        int chunk = BackingFile.CHUNK;
        var f = file(3L * chunk);
        write(f, chunk - 1, (byte) 5, (byte) 6);
        write(f, 2L * chunk + 10, (byte) 7);
        var bytes = read(f, chunk - 3, chunk + 20);
        assertThat(bytes).hasSize(chunk + 20);
        assertThat(bytes[2]).isEqualTo((byte) 5);
        assertThat(bytes[3]).isEqualTo((byte) 6);
        assertThat(read(f, 2L * chunk, 12)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0);
        assertThat(f.read(0, 0).length()).isZero();
        var across = read(f, 0, 3 * chunk); // data, hole, data, hole: both runs of data come back
        assertThat(across[chunk - 1]).isEqualTo((byte) 5);
        assertThat(across[2 * chunk + 10]).isEqualTo((byte) 7);
        assertThat(f.read(0, 16).toArray()).isEqualTo(ByteRuns.zeros(16).toArray());
        f.release();
    }
}
