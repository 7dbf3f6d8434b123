package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.cutils.Region;
import dev.ashmem.impl.process.ChildProcess;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import org.junit.jupiter.api.Test;

/**
 * A mask without WRITE seals the memfd with F_SEAL_FUTURE_WRITE, so another process that reopens it
 * through /proc cannot bypass the mask (the backing file could once be mapped directly: CVE-2020-0009).
 */
class SealTest {
    private static final int P = 4096;

    private static boolean sealed(int memfd) {
        return (Libc.fcntl(memfd, Libc.F_GET_SEALS, 0) & Libc.F_SEAL_FUTURE_WRITE) != 0;
    }

    @Test
    void removingWriteFromTheMaskStopsAnotherProcessFromMappingItWritable() {
        try (var dev = new OffHeapAshmem(P);
             var region = Region.create(dev, "sealed", 2 * P);
             var map = region.map(Prot.READ | Prot.WRITE)) {
            map.write(0, new byte[] {1, 2, 3});
            var path = region.procPath().orElseThrow();
            assertThat(ChildProcess.run("trymap", Integer.toString(2 * P), path).output()).contains("rw=ok");
            assertThat(sealed(dev.backingFd(region.fd()).orElseThrow())).isFalse();

            region.setProt(Prot.READ);
            assertThat(sealed(dev.backingFd(region.fd()).orElseThrow())).isTrue();
            var child = ChildProcess.run("trymap", Integer.toString(2 * P), path);
            assertThat(child.output()).contains("rw=errno" + Errno.EPERM.number()).contains("ro=ok").contains("ro->rw=refused");
            // the mapping made before keeps its rights (MMAP-MAY is fixed at mmap time)
            map.write(3, new byte[] {4});
            assertThat(map.read(0, 4)).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void aMaskWithoutWriteBeforeTheFirstMmapSealsTheNewFile() {
        try (var dev = new OffHeapAshmem(P); var region = Region.create(dev, "sealed-early", P)) {
            region.setProt(Prot.READ);
            try (var map = region.map(Prot.READ)) {
                assertThat(sealed(dev.backingFd(region.fd()).orElseThrow())).isTrue();
                var child = ChildProcess.run("trymap", Integer.toString(P), region.procPath().orElseThrow());
                assertThat(child.output()).contains("rw=errno" + Errno.EPERM.number());
                assertThat(map.read(0, 1)).containsExactly(0);
            }
        }
    }

    @Test
    void farAwayDataIsZeroedTooWhetherItsMappingIsGoneOrStillWrites() {
        long far = 1L << 50; // far beyond any single window one could map over the whole file
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            dev.ioctl(fd, new Command.SetSize(1L << 52)); // a multiple of 2^32: UNPIN(0, 0) is [0..2^64-1]
            int gone = (int) ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, far)).value();
            int stays = (int) ((Result.Value) dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 2 * far)).value();
            dev.store(gone, 0, new byte[] {1});
            assertThat(dev.munmap(gone)).isEqualTo(Result.ZERO); // the data stays in the file
            assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isEqualTo(Result.ZERO); // sealed now
            dev.store(stays, 7, new byte[] {2}); // a mapping from before the seal still writes
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(far / P, 2 * far / P);
            assertThat(dev.ioctl(fd, Command.unpin(0, 0))).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkScan(1, true)).isZero(); // [0..2^64-1]: 0 pages by its size, the whole file punched
            assertThat(dev.snapshot().files().getFirst().dataPages()).isEmpty();
            assertThat(dev.llseek(fd, 0, Whence.SEEK_DATA)).isEqualTo(Result.err(Errno.ENXIO));
            assertThat(dev.llseek(fd, far, Whence.SEEK_SET)).isEqualTo(Result.ok(far));
            assertThat(dev.read(fd, 4)).isEqualTo(new Result.Bytes(new byte[4]));
            assertThat(dev.load(stays, 7, 1)).isEqualTo(new Result.Bytes(new byte[1]));
        }
    }

    @Test
    void aPurgeOfASealedFileStillZeroesThePagesAndReportsHoles() {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            dev.ioctl(fd, new Command.SetSize(4 * P));
            int m = (int) ((Result.Value) dev.mmap(fd, 4 * P, Prot.READ | Prot.WRITE, true, 0)).value();
            dev.store(m, 0, new byte[4 * P - 1]);
            dev.store(m, P, new byte[] {7, 7});
            assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isEqualTo(Result.ZERO);
            // Linux refuses hole punches under a write seal; the purge must still behave as the spec says
            assertThat(dev.ioctl(fd, Command.unpin(P, 2 * P))).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkScan(0, true)).isEqualTo(2);
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(0L, 3L);
            assertThat(dev.llseek(fd, P, Whence.SEEK_DATA)).isEqualTo(Result.ok(3L * P));
            assertThat(dev.llseek(fd, 0, Whence.SEEK_HOLE)).isEqualTo(Result.ok(P));
            assertThat(dev.read(fd, 2 * P)).isEqualTo(new Result.Bytes(new byte[2 * P])); // pages 1 and 2 read zero
            // a load of a hole page allocates it (MEM-SHARED), a store through the old writable mapping too
            assertThat(dev.load(m, P, 2)).isEqualTo(new Result.Bytes(new byte[2]));
            assertThat(dev.store(m, 2L * P, new byte[] {5})).isEqualTo(Result.ZERO);
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(0L, 1L, 2L, 3L);
            assertThat(dev.ioctl(fd, Command.pin(P, 2 * P))).isEqualTo(Result.ok(1)); // WAS_PURGED
        }
    }

    /**
     * MEM-SHARED on a sealed file's zeroed holes: a store makes data of exactly the pages it touches, counted
     * from the mapping's file offset; a store of no bytes touches none.
     */
    @Test
    void aStoreMakesDataOfExactlyThePagesItTouches() {
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            dev.ioctl(fd, new Command.SetSize(6 * P));
            int m = (int) ((Result.Value) dev.mmap(fd, 6 * P, Prot.READ | Prot.WRITE, true, 0)).value();
            int fromPage2 = (int) ((Result.Value) dev.mmap(fd, 2 * P, Prot.READ | Prot.WRITE, true, 2 * P)).value();
            dev.store(m, 0, new byte[6 * P]);
            assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isEqualTo(Result.ZERO);
            assertThat(dev.ioctl(fd, Command.unpin(0, 6 * P))).isEqualTo(Result.ZERO);
            assertThat(dev.shrinkScan(1, true)).isEqualTo(6);
            assertThat(dev.snapshot().files().getFirst().dataPages()).isEmpty();
            assertThat(dev.store(m, 0, new byte[0])).isEqualTo(Result.ZERO);
            assertThat(dev.snapshot().files().getFirst().dataPages()).as("no bytes, no page").isEmpty();
            assertThat(dev.store(m, 2L * P - 1, new byte[] {1})).isEqualTo(Result.ZERO); // the last byte of page 1
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(1L);
            assertThat(dev.store(fromPage2, P - 1, new byte[] {1, 2})).isEqualTo(Result.ZERO); // file pages 2 and 3
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(1L, 2L, 3L);
            assertThat(dev.store(m, 5L * P, new byte[] {1})).isEqualTo(Result.ZERO); // the first byte of page 5
            assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(1L, 2L, 3L, 5L);
        }
    }
}
