package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Handles, names, sizes, prot masks and unknown commands. */
public abstract class AttributeScenarios extends DeviceScenarioBase {

    @Test
    @Exercises({"OPEN-AREA", "GETNAME-DEFAULT", "SIZE-GET", "PROT-GET"})
    void aNewAreaIsUnnamedEmptyAndFullyPermitted() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("dev/ashmem");
        assertThat(dev.ioctl(fd, new Command.GetSize())).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetProtMask())).isValue(Prot.ALL);
        assertThat(state().area(0).hasFile()).isFalse();
        assertThat(state().area(0).unpinned()).isEmpty();
    }

    @Test
    @Exercises({"HANDLE-NUM", "DUP-HANDLE", "CLOSE-REF"})
    void handlesAreTheLowestFreeNumbersAndDupSharesTheArea() {
        assertThat(dev.open()).isValue(0);
        assertThat(dev.open()).isValue(1);
        assertThat(dev.close(0)).isValue(0);
        assertThat(dev.open()).isValue(0); // area 2 now behind handle 0
        assertThat(dev.dup(1)).isValue(2);
        assertThat(dev.ioctl(2, new Command.SetSize(3L * P))).isValue(0);
        assertThat(dev.ioctl(1, new Command.GetSize())).isValue(3L * P);
        assertThat(dev.close(1)).isValue(0); // not the last reference
        assertThat(dev.ioctl(2, new Command.GetSize())).isValue(3L * P);
        assertThat(state().area(1).handles()).containsExactly(2);
        assertThat(state().area(2).handles()).containsExactly(0);
    }

    @Test
    @Exercises({"HANDLE-EBADF"})
    void unknownAndClosedHandlesAreEbadf() {
        int fd = dev.openHandle();
        assertThat(dev.close(fd)).isValue(0);
        assertThat(dev.close(fd)).isError(Errno.EBADF);
        assertThat(dev.ioctl(fd, new Command.GetSize())).isError(Errno.EBADF);
        assertThat(dev.dup(7)).isError(Errno.EBADF);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isError(Errno.EBADF);
        assertThat(dev.read(fd, 1)).isError(Errno.EBADF);
        assertThat(dev.llseek(-1, 0, Whence.SEEK_SET)).isError(Errno.EBADF);
    }

    @Test
    @Exercises({"CLOSE-RELEASE"})
    void closeDropsTheAreasRangesFromTheLru() {
        int a = mapped(8L * P);
        int b = mapped(8L * P);
        unpinPages(a, 0, 1);
        unpinPages(b, 2, 2);
        unpinPages(a, 4, 6);
        assertThat(dev.shrinkScan(1, true)).isEqualTo(2L); // a's [0..1] purged, off the LRU already
        assertThat(state()).hasLru("a1[2..2] a0[4..6]").hasLruCount(4);
        assertThat(dev.close(a)).isValue(0);
        assertThat(state()).hasAreas(1).hasLru("a1[2..2]").hasLruCount(1);
    }

    @Test
    @Exercises({"CLOSE-MAPPINGS"})
    void mappingsOutliveTheAreaAndKeepItsContent() {
        int fd = mapped(2L * P);
        int m = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(m, 10, new byte[] {1, 2, 3})).isValue(0);
        unpinPages(fd, 0, 1);
        assertThat(dev.close(fd)).isValue(0);
        assertThat(state()).hasAreas(0).hasLruCount(0);
        assertThat(dev.shrinkScan(0, true)).isEqualTo(0L); // nothing of the released area is left to purge
        assertThat(dev.load(m, 10, 3)).hasBytes(new byte[] {1, 2, 3});
        assertThat(state().files()).hasSize(1);
        assertThat(dev.munmap(m)).isValue(0);
        assertThat(state().files()).hasSize(1); // the mapping made by mapped() still holds the file
    }

    @Test
    @Exercises({"NAME-SET", "GETNAME-COPY", "GETNAME-DEFAULT"})
    void namesAreStoredAndCopiedOutWithTheirTerminatorOnly() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, Command.SetName.of("camera-buffer"))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("camera-buffer");
        assertThat(dev.ioctl(fd, Command.SetName.of(""))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("dev/ashmem");
    }

    @Test
    @Exercises({"NAME-TRUNC"})
    void namesAreCutTo255BytesAndAtTheFirstNul() {
        int fd = dev.openHandle();
        var longName = new byte[300];
        Arrays.fill(longName, (byte) 'a');
        assertThat(dev.ioctl(fd, new Command.SetName(longName, false))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("a".repeat(255));
        assertThat(dev.ioctl(fd, new Command.SetName("ab\0cd".getBytes(), false))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("ab");
        var exact = new byte[255];
        Arrays.fill(exact, (byte) 'z');
        assertThat(dev.ioctl(fd, new Command.SetName(exact, false))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).hasLength(256);
    }

    @Test
    @Exercises({"NAME-EFAULT", "GETNAME-EFAULT", "NAME-FILE"})
    void badPointersAreEfaultAndComeBeforeTheFileCheck() {
        int fd = mapped(P);
        assertThat(dev.ioctl(fd, Command.SetName.unreadable())).isError(Errno.EFAULT);
        assertThat(dev.ioctl(fd, new Command.GetName(true))).isError(Errno.EFAULT);
        assertThat(dev.ioctl(fd, Command.SetName.of("late"))).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("dev/ashmem");
    }

    @Test
    @Exercises({"SIZE-SET", "SIZE-FILE", "SIZE-GET"})
    void sizeIsAnyValueUntilTheFileExists() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(P + 1L))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetSize())).isValue(P + 1L); // not rounded
        assertThat(dev.ioctl(fd, new Command.SetSize(0))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.SetSize(3L * P))).isValue(0);
        map(fd, P, RW, SHARED, 0);
        assertThat(dev.ioctl(fd, new Command.SetSize(8L * P))).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.GetSize())).isValue(3L * P);
    }

    @Test
    @Exercises({"ARITH-LONG", "SIZE-GET"})
    void getSizeReturnsTheSizeAsAKernelLong() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(-1L))).isValue(0); // 2^64 - 1
        assertThat(dev.ioctl(fd, new Command.GetSize())).isValue(-1L);
        assertThat(dev.ioctl(fd, new Command.SetSize((1L << 63) + 5))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetSize())).isValue(Long.MIN_VALUE + 5);
    }

    @Test
    @Exercises({"PROT-SUBSET", "PROT-SET", "PROT-GET"})
    void theMaskOnlyLosesBits() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ | Prot.WRITE))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetProtMask())).isValue(Prot.READ | Prot.WRITE);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.ALL))).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(8))).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ | 8))).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ | Prot.WRITE))).isError(Errno.EINVAL);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.NONE))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetProtMask())).isValue(Prot.NONE);
    }

    @Test
    @Exercises({"PROT-RIE", "CTX-CALLER"})
    void readImpliesExecAddsExecAfterTheCheck() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ))).isValue(0); // mask r--
        // r-- & r-- == r--: the check passes; then the personality adds EXEC: the mask regains x.
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC)).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetProtMask())).isValue(Prot.READ | Prot.EXEC);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.EXEC), Caller.READ_IMPLIES_EXEC)).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetProtMask())).isValue(Prot.EXEC); // no READ, nothing added
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC)).isError(Errno.EINVAL);
    }

    @Test
    @Exercises({"IOCTL-UNKNOWN"})
    void unknownCommandsAreEnotty() {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.Unknown(0x770b))).isError(Errno.ENOTTY);
        assertThat(dev.ioctl(fd, new Command.Unknown(0))).isError(Errno.ENOTTY);
    }
}
