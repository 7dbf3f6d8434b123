package dev.ashmem.impl.cutils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.process.ChildProcess;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java versions of what Android's libcutils ashmem tests check (system/core/libcutils/ashmem_test.cpp):
 * sharing with another process both ways, prot bits that are gone stay gone, many regions shared at
 * once, and seek/read over a region mapped at an offset with holes on both sides.
 */
class LibcutilsStyleTest {
    private static final int P = 4096;
    private OffHeapAshmem device;

    @BeforeEach
    void open() {
        device = new OffHeapAshmem(P);
    }

    @AfterEach
    void close() {
        device.close();
    }

    private static byte[] pattern(int seed, int n) {
        var b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((seed + i) % 251);
        }
        return b;
    }

    @Test
    void aChildProcessSeesTheParentsWritesAndTheParentSeesTheChilds() {
        int len = 4 * P;
        try (var region = Region.create(device, "fork-test", len); var map = region.map(Prot.READ | Prot.WRITE)) {
            map.write(0, pattern(7, len));
            var path = region.procPath().orElseThrow();
            var child = ChildProcess.run("exchange", Integer.toString(len), "7", path);
            assertThat(child.output()).contains("ok 0");
            assertThat(child.status()).isZero();
            // the child wrote (7 + 100 + i) % 251 over everything, through its own mapping
            assertThat(map.read(0, len)).isEqualTo(pattern(107, len));
            assertThat(map.segment().asSlice(len - 1, 1).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                    .containsExactly((byte) ((107 + len - 1) % 251));
        }
    }

    @Test
    void sixteenRegionsAreSharedWithAChildAtOnce() {
        int len = 2 * P;
        var regions = new ArrayList<Region>();
        var maps = new ArrayList<RegionMapping>();
        var args = new ArrayList<>(List.of("exchange", Integer.toString(len), "3"));
        try {
            for (int k = 0; k < 16; k++) {
                var r = Region.create(device, "region-" + k, len);
                regions.add(r);
                var m = r.map(Prot.READ | Prot.WRITE);
                maps.add(m);
                m.write(0, pattern(3 + k, len));
                args.add(r.procPath().orElseThrow());
            }
            var child = ChildProcess.run(args.toArray(String[]::new));
            assertThat(child.status()).as(child.output()).isZero();
            for (int k = 0; k < 16; k++) {
                assertThat(child.output()).contains("ok " + k);
                assertThat(maps.get(k).read(0, len)).as("region %d", k).isEqualTo(pattern(103 + k, len));
            }
        } finally {
            maps.forEach(RegionMapping::close);
            regions.forEach(Region::close);
        }
    }

    @Test
    void mappingWithARemovedProtBitIsDeniedAndTheBitCannotComeBack() {
        for (int removed : new int[] {Prot.READ, Prot.WRITE, Prot.EXEC}) {
            try (var region = Region.create(device, "prot", P)) {
                int mask = Prot.ALL & ~removed;
                region.setProt(mask);
                assertThat(region.prot()).isEqualTo(mask);
                // MMAP-PROT: asking for the removed bit is EPERM
                assertThatThrownBy(() -> region.map(0, P, removed, true))
                        .isInstanceOfSatisfying(AshmemException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
                // PROT-SUBSET: the mask cannot regain it
                assertThatThrownBy(() -> region.setProt(Prot.ALL))
                        .isInstanceOfSatisfying(AshmemException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
                // what is left still maps
                try (var m = region.map(0, P, mask, true)) {
                    assertThat(m.id()).isPositive();
                }
            }
        }
    }

    @Test
    void seekAndReadOverARegionMappedAtAnOffsetWithHolesOnBothSides() {
        // [hole][data][data][hole]: 4 pages, the middle two mapped at offset P and written.
        int size = 4 * P;
        int dataSize = 2 * P;
        int dataStart = P;
        int dataEnd = dataStart + dataSize;
        var data = pattern(42, dataSize);
        try (var region = Region.create(device, "file-ops", size);
             var map = region.map(dataStart, dataSize, Prot.READ | Prot.WRITE, true)) {
            map.write(0, data);
            int fd = region.fd();
            record Seek(long offset, int whence, long expected) {
            }
            var seeks = List.of(
                    new Seek(99, Whence.SEEK_SET, 99),
                    new Seek(dataStart, Whence.SEEK_CUR, dataStart + 99),
                    new Seek(0, Whence.SEEK_DATA, dataStart),
                    new Seek(dataStart, Whence.SEEK_HOLE, dataEnd),
                    new Seek(-99, Whence.SEEK_END, size - 99),
                    new Seek(-dataSize, Whence.SEEK_CUR, size - 99 - dataSize));
            for (var s : seeks) {
                var r = device.llseek(fd, s.offset(), s.whence());
                assertThat(r).as("llseek(%d, %s)", s.offset(), Whence.name(s.whence())).isEqualTo(Result.ok(s.expected()));
                long off = s.expected();
                if (off >= dataStart && off < dataEnd) {
                    int readSize = (int) (dataEnd - off);
                    var got = device.read(fd, readSize);
                    assertThat(((Result.Bytes) got).data())
                            .isEqualTo(Arrays.copyOfRange(data, (int) (off - dataStart), dataSize));
                }
            }
            // the last hole: no data at or after it; past the end nothing at all
            assertThat(device.llseek(fd, dataEnd, Whence.SEEK_DATA)).isEqualTo(Result.err(Errno.ENXIO));
            assertThat(device.llseek(fd, size, Whence.SEEK_HOLE)).isEqualTo(Result.err(Errno.ENXIO));
            assertThat(device.llseek(fd, 0, Whence.SEEK_HOLE)).isEqualTo(Result.ok(0));
            // reading the leading hole gives zeros and leaves it a hole
            assertThat(device.read(fd, P)).isEqualTo(new Result.Bytes(new byte[P]));
            assertThat(device.llseek(fd, 0, Whence.SEEK_DATA)).isEqualTo(Result.ok(dataStart));
        }
    }
}
