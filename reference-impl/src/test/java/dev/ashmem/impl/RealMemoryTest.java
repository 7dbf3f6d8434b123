package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The memory is real: a memfd per area, real mappings, holes punched back to the OS. */
class RealMemoryTest {
    private static final int RW = Prot.READ | Prot.WRITE;

    private static int area(OffHeapAshmem dev, long size) {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(size))).isEqualTo(Result.ZERO);
        return fd;
    }

    private static int map(OffHeapAshmem dev, int fd, long len, int prot, boolean shared, long off) {
        var r = dev.mmap(fd, len, prot, shared, off);
        assertThat(r).isInstanceOf(Result.Value.class);
        return (int) ((Result.Value) r).value();
    }

    @Test
    void theMemfdIsCreatedByTheFirstMmapSparselyWithTheAreasSize() {
        try (var dev = new OffHeapAshmem(4096)) {
            long size = (1L << 32) + 4096; // beyond u32: the len-0 quirk's territory
            int fd = area(dev, size);
            assertThat(dev.backingFd(fd)).isEmpty(); // MMAP-FILE: no file before the first mmap
            map(dev, fd, 4096, RW, true, 0);
            var file = dev.backingFile(fd).orElseThrow();
            assertThat(file.size()).isEqualTo(size);
            assertThat(file.memfdSize()).isEqualTo(size);
            assertThat(file.allocatedBytes()).isZero(); // sparse
            assertThat(Files.exists(Path.of("/proc/self/fd/" + file.fd()))).isTrue();
        }
    }

    @Test
    void aPurgePunchesHolesThatReturnTheMemoryToTheOs() {
        try (var dev = new OffHeapAshmem(4096)) {
            int pages = 256;
            int fd = area(dev, pages * 4096L);
            int m = map(dev, fd, pages * 4096L, RW, true, 0);
            var page = new byte[4096];
            Arrays.fill(page, (byte) 0x5a);
            for (int i = 0; i < pages; i++) {
                assertThat(dev.store(m, i * 4096L, page)).isEqualTo(Result.ZERO);
            }
            var file = dev.backingFile(fd).orElseThrow();
            assertThat(file.allocatedBytes()).isGreaterThanOrEqualTo(pages * 4096L);
            assertThat(dev.ioctl(fd, Command.unpin(0, 0))).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkCount()).isEqualTo(pages);
            assertThat(dev.shrinkScan(1, true)).isEqualTo(pages); // one range, all its pages
            assertThat(file.allocatedBytes()).isZero(); // st_blocks: nothing left in memory
            assertThat(dev.snapshot().files().getFirst().dataPages()).isEmpty();
            assertThat(dev.load(m, 4096 * 7 + 5, 3)).isEqualTo(new Result.Bytes(new byte[3]));
            assertThat(dev.ioctl(fd, Command.pin(0, 0))).isEqualTo(Result.ok(1)); // WAS_PURGED
        }
    }

    @Test
    void aLoadThroughASharedMappingAllocatesTheHolePageReadOnlyDoesNot() {
        try (var dev = new OffHeapAshmem(4096)) {
            int fd = area(dev, 8 * 4096L);
            int m = map(dev, fd, 8 * 4096L, Prot.READ, true, 0);
            var file = dev.backingFile(fd).orElseThrow();
            assertThat(dev.read(fd, 8 * 4096)).isEqualTo(new Result.Bytes(new byte[8 * 4096])); // read(): holes stay holes
            assertThat(file.allocatedBytes()).isZero();
            assertThat(dev.load(m, 3 * 4096L + 10, 1)).isEqualTo(new Result.Bytes(new byte[1])); // MEM-SHARED read fault
            assertThat(file.allocatedBytes()).isEqualTo(4096);
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(3L);
            assertThat(dev.llseek(fd, 0, Whence.SEEK_DATA)).isEqualTo(Result.ok(3 * 4096L));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16384, 65536})
    void largerDriverPagesOnlyChangeTheArithmetic(int p) {
        try (var dev = new OffHeapAshmem(p)) {
            long size = 2L * p + 100; // three driver pages, the last one mostly past the size
            int fd = area(dev, size);
            int m = map(dev, fd, 3L * p, RW, true, 0);
            var file = dev.backingFile(fd).orElseThrow();
            assertThat(file.memfdSize()).isEqualTo(3L * p); // every page the spec lets a mapping touch exists
            // the last byte of the last driver page is beyond the size but inside page 2 < ceil(size/P) = 3
            assertThat(dev.store(m, 3L * p - 1, new byte[] {9})).isEqualTo(Result.ZERO);
            assertThat(dev.store(m, p - 1, new byte[] {8})).isEqualTo(Result.ZERO);
            // one OS page written in each of driver pages 0 and 2: the spec sees whole pages 0 and 2 as data
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(0L, 2L);
            // SEEK_DATA from inside page 0 returns the offset itself (it is inside a data page)
            assertThat(dev.llseek(fd, 1, Whence.SEEK_DATA)).isEqualTo(Result.ok(1));
            assertThat(dev.llseek(fd, 1, Whence.SEEK_HOLE)).isEqualTo(Result.ok(p));
            assertThat(dev.llseek(fd, p, Whence.SEEK_DATA)).isEqualTo(Result.ok(2L * p));
            assertThat(dev.llseek(fd, 2L * p, Whence.SEEK_HOLE)).isEqualTo(Result.ok(size)); // capped at the size
            // unpin page 2 and purge it: the whole driver page becomes a hole
            assertThat(dev.ioctl(fd, Command.unpin(2L * p, p))).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkScan(0, true)).isEqualTo(1);
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(0L);
            assertThat(dev.load(m, 3L * p - 1, 1)).isEqualTo(new Result.Bytes(new byte[1]));
        }
    }

    @Test
    void purgingTheWrappedRangePunchesTheWholeFile() {
        // [0, 2^64-1] punches bytes [0, 0) after wrapping: shmem takes a zero length from 0 as "to the end"
        // (the fact sheet: "[0, 2^64-1] ... punches from its start to the end of the file").
        try (var dev = new OffHeapAshmem(4096)) {
            int fd = area(dev, 1L << 32);
            int m = map(dev, fd, 8 * 4096L, RW, true, 0);
            dev.store(m, 0, new byte[] {1});
            dev.store(m, 5 * 4096L, new byte[] {2});
            assertThat(dev.ioctl(fd, Command.unpin(0, 0))).isEqualTo(Result.ZERO); // len 0 truncates to 0: [0..2^64-1]
            assertThat(dev.shrinkScan(1, true)).isZero(); // its size is 2^64 = 0 pages
            assertThat(dev.snapshot().files().getFirst().dataPages()).isEmpty();
            assertThat(dev.backingFile(fd).orElseThrow().allocatedBytes()).isZero();
        }
    }

    @Test
    void sizesAbove2To63Minus1FailAtFileCreationAndNothingIsCreated() {
        try (var dev = new OffHeapAshmem(4096)) {
            int fd = area(dev, Long.MIN_VALUE); // 2^63
            assertThat(dev.mmap(fd, 4096, RW, true, 0)).isEqualTo(Result.err(Errno.EINVAL)); // MMAP-FILE-EINVAL
            assertThat(dev.backingFd(fd)).isEmpty();
            int ok = area(dev, Long.MAX_VALUE);
            map(dev, ok, 4096, RW, true, 0);
            assertThat(dev.backingFile(ok).orElseThrow().allocatedBytes()).isZero();
        }
    }

    @Test
    void privateMappingsAreAnonymousMemory() {
        try (var dev = new OffHeapAshmem(4096)) {
            int fd = area(dev, 4 * 4096L);
            int shared = map(dev, fd, 4 * 4096L, RW, true, 0);
            int priv = map(dev, fd, 4 * 4096L, RW, false, 0);
            dev.store(shared, 0, new byte[] {1, 2, 3});
            assertThat(dev.load(priv, 0, 3)).isEqualTo(new Result.Bytes(new byte[3])); // never sees the file
            dev.store(priv, 4096, new byte[] {7});
            assertThat(dev.load(shared, 4096, 1)).isEqualTo(new Result.Bytes(new byte[1])); // nor is seen by it
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(0L, 1L); // the shared load of page 1
        }
    }

    @Test
    void mappingsOutliveTheAreaAndKeepTheMemfdUntilTheLastOneGoes() {
        try (var dev = new OffHeapAshmem(4096)) {
            int fd = area(dev, 4096);
            int m = map(dev, fd, 4096, RW, true, 0);
            dev.store(m, 0, new byte[] {42});
            int memfd = dev.backingFd(fd).orElseThrow();
            var proc = Path.of("/proc/self/fd/" + memfd);
            assertThat(dev.close(fd)).isEqualTo(Result.ZERO); // CLOSE-RELEASE; CLOSE-MAPPINGS
            assertThat(dev.snapshot().areas()).isEmpty();
            assertThat(dev.load(m, 0, 1)).isEqualTo(new Result.Bytes(new byte[] {42}));
            assertThat(Files.exists(proc)).isTrue();
            assertThat(dev.munmap(m)).isEqualTo(Result.ZERO);
            assertThat(dev.snapshot().files()).isEmpty();
            assertThat(readLink(proc)).doesNotContain("memfd:dev/ashmem"); // closed with the last reference
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void mprotectIsAppliedToTheRealMapping() throws IOException {
        try (var dev = new OffHeapAshmem(4096)) {
            int fd = area(dev, 4096);
            assertThat(dev.ioctl(fd, Command.SetName.of("perm-check"))).isEqualTo(Result.ZERO);
            int m = map(dev, fd, 4096, RW, true, 0);
            assertThat(mapsPerms("perm-check")).containsExactly("rw-s");
            assertThat(dev.mprotect(m, Prot.READ)).isEqualTo(Result.ZERO);
            assertThat(mapsPerms("perm-check")).containsExactly("r--s");
            assertThat(dev.store(m, 0, new byte[1])).isEqualTo(new Result.Fault(Result.Signal.SIGSEGV));
            assertThat(dev.mprotect(m, Prot.NONE)).isEqualTo(Result.ZERO);
            assertThat(mapsPerms("perm-check")).containsExactly("---s");
        }
    }

    /** The permissions of this process's mappings of the memfd named dev/ashmem/NAME. */
    static List<String> mapsPerms(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("memfd:dev/ashmem/" + name + " "))
                .map(l -> l.split("\\s+")[1])
                .toList();
    }
}
