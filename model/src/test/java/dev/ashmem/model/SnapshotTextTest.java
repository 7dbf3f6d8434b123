package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state prints as the state model of spec chapter 1 (areas with handles, name, size, mask, file, position and
 * unpinned ranges; the LRU with lruCount; files; mappings): what a failing check shows of the state it saw.
 */
class SnapshotTextTest {
    private static final int P = 4096;

    @Test
    @Exercises({"SHRINK-ORDER"})
    void aDevicePrintsEveryPartOfItsState() {
        var m = new AshmemModel(P);
        int fd = m.openHandle();
        m.ioctl(fd, Command.SetName.of("n"));
        m.ioctl(fd, new Command.SetSize(4L * P));
        m.ioctl(fd, new Command.SetProtMask(Prot.READ | Prot.WRITE));
        m.mmap(fd, 4L * P, Prot.READ | Prot.WRITE, true, 0);
        m.mmap(fd, P, Prot.READ, false, P);
        m.store(1, 2L * P, new byte[] {1});
        m.ioctl(fd, Command.unpin(0, P));
        m.ioctl(fd, Command.unpin(3L * P, P));
        m.shrinkScan(1, true); // the LRU's oldest range, [0..0], is purged (SHRINK-ORDER)
        m.read(fd, 3);
        m.openHandle();
        assertThat(m.snapshot().toString()).isEqualTo(String.join("\n",
                "device P=4096 lruCount=1 lru=[a0[3..3]]",
                "  area 0 fds=[0] name=\"n\" size=16384 mask=rw- file pos=3 unpinned=[[3..3] [0..0]P]",
                "  area 1 fds=[1] name=\"\" size=0 mask=rwx nofile pos=0 unpinned=[]",
                "  file of area 0 size=16384 data pages=[2]",
                "  map 1 area 0 len=16384 off=0 prot=rw- may=rw- shared",
                "  map 2 area 0 len=4096 off=4096 prot=r-- may=rw- private"));
    }

    @Test
    void largeValuesPrintUnsigned() {
        assertThat(new FileSnapshot(3, -1L, List.of(0L))).hasToString("file of area 3 size=18446744073709551615 data pages=[0]");
        assertThat(new AreaSnapshot(2, List.of(), "x", -4096L, 0, true, 0, List.of(new RangeSnapshot(-1L, -1L, false))))
                .hasToString("area 2 fds=[] name=\"x\" size=18446744073709547520 mask=--- file pos=0 unpinned=[[18446744073709551615..18446744073709551615]]");
        assertThat(new DeviceSnapshot.LruEntry(1, 0, -1L)).hasToString("a1[0..18446744073709551615]");
    }

    @Test
    @Exercises({"CONC-PUNCH-UNLOCKED"})
    void aPunchInFlightPrintsItsAreaAndBytes() {
        var m = new AshmemModel(P);
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4L * P));
        m.mmap(fd, P, Prot.READ, true, 0);
        m.ioctl(fd, Command.unpin(P, 2L * P));
        var punch = m.shrinkMarkHead().orElseThrow();
        assertThat(punch).hasToString("punch(area 0, bytes 4096..12288)");
        assertThat(punch.pages()).isEqualTo(2);
    }

    @Test
    void anAreaIsFoundByItsId() {
        var m = new AshmemModel(P);
        m.openHandle();
        m.openHandle();
        m.close(0);
        assertThat(m.snapshot().area(1).handles()).containsExactly(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.snapshot().area(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no live area 0");
    }
}
