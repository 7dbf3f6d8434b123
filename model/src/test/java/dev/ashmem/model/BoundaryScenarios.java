package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Boundaries the other suites stepped around, found by mutation testing ({@code ./ashmem mutate}): the exact
 * edge of each rule, where an off-by-one or a dropped condition changes the result.
 */
public abstract class BoundaryScenarios extends DeviceScenarioBase {

    /** 0x00, 0x01, ... so that a byte out of place shows. */
    private static byte[] counting(int n, int from) {
        var b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    @Exercises({"SEEK-SET", "SEEK-POS"})
    void llseekBackToExactlyZeroSucceeds() {
        int fd = mapped(2L * P);
        assertThat(dev.llseek(fd, 100, Whence.SEEK_SET)).isValue(100);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_SET)).isValue(0); // 0 is a valid position, not an error
        assertThat(dev.llseek(fd, 0, Whence.SEEK_CUR)).isValue(0);
        assertThat(dev.llseek(fd, 5, Whence.SEEK_SET)).isValue(5);
        assertThat(dev.llseek(fd, -5, Whence.SEEK_CUR)).isValue(0);
        assertThat(dev.llseek(fd, -2L * P, Whence.SEEK_END)).isValue(0);
    }

    @Test
    @Exercises({"READ-DATA"})
    void readOfZeroBytesOnAnAreaWithAFileReturnsNothingAndKeepsThePosition() {
        int fd = area(2L * P);
        int m = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(m, 0, counting(16, 1))).isValue(0);
        assertThat(dev.llseek(fd, 3, Whence.SEEK_SET)).isValue(3);
        assertThat(dev.read(fd, 0)).hasLength(0);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_CUR)).isValue(3);
        assertThat(dev.read(fd, 2)).hasBytes(counting(2, 4));
    }

    @Test
    @Exercises({"READ-DATA", "SEEK-POS"})
    void aReadStartingMidPageCrossesIntoTheNextPage() {
        int fd = area(3L * P);
        int m = map(fd, 3L * P, RW, SHARED, 0);
        assertThat(dev.store(m, P - 8, counting(8, 0x10))).isValue(0);
        assertThat(dev.store(m, P, counting(8, 0x40))).isValue(0);
        assertThat(dev.llseek(fd, P - 4, Whence.SEEK_SET)).isValue(P - 4);
        var expected = new byte[8];
        System.arraycopy(counting(8, 0x10), 4, expected, 0, 4);
        System.arraycopy(counting(8, 0x40), 0, expected, 4, 4);
        assertThat(dev.read(fd, 8)).hasBytes(expected);
        assertThat(dev.llseek(fd, 0, Whence.SEEK_CUR)).isValue(P + 4);
        // Across a hole: page 2 was never touched and reads as zeros after page 1's bytes.
        assertThat(dev.llseek(fd, 2L * P - 2, Whence.SEEK_SET)).isValue(2L * P - 2);
        assertThat(dev.read(fd, 4)).hasBytes(new byte[4]);
    }

    @Test
    @Exercises({"MEM-SHARED"})
    void aSharedStoreAndLoadSpanningTwoPages() {
        int fd = area(3L * P);
        int m = map(fd, 3L * P, RW, SHARED, 0);
        var data = counting(12, 0x20);
        assertThat(dev.store(m, P - 5, data)).isValue(0);
        assertThat(dev.load(m, P - 5, 12)).hasBytes(data);
        assertThat(dev.load(m, P - 6, 1)).hasBytes(new byte[1]);
        assertThat(dev.load(m, P + 7, 1)).hasBytes(new byte[1]);
        assertThat(dev.load(m, P, 7)).hasBytes(Arrays.copyOfRange(data, 5, 12));
        // The other mapping of the same pages sees both halves.
        int other = map(fd, 2L * P, Prot.READ, SHARED, 0);
        assertThat(dev.load(other, P - 5, 12)).hasBytes(data);
        assertThat(dev.llseek(fd, P - 5, Whence.SEEK_SET)).isValue(P - 5);
        assertThat(dev.read(fd, 12)).hasBytes(data);
    }

    @Test
    @Exercises({"MEM-PRIVATE"})
    void aPrivateStoreAndLoadSpanningTwoPages() {
        int fd = area(3L * P);
        int m = map(fd, 3L * P, RW, PRIVATE, 0);
        var data = counting(10, 0x30);
        assertThat(dev.store(m, 2L * P - 3, data)).isValue(0);
        assertThat(dev.load(m, 2L * P - 3, 10)).hasBytes(data);
        assertThat(dev.load(m, 2L * P, 7)).hasBytes(Arrays.copyOfRange(data, 3, 10));
        assertThat(dev.load(m, 2L * P - 4, 1)).hasBytes(new byte[1]);
    }

    @Test
    @Exercises({"MEM-EOF"})
    void anAccessEndingOnTheLastPageIsFineOnePastItFaults() {
        int fd = area(2L * P);
        int m = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(m, 2L * P - 4, counting(4, 1))).isValue(0); // ends exactly at the page edge
        assertThat(dev.load(m, P, P)).isSuccess();
        assertThat(dev.load(m, 2L * P - 1, 1)).hasBytes(new byte[] {4});
        // A window at offset P reaches one page past the file: its last byte inside is fine, the next faults.
        int shifted = map(fd, 2L * P, RW, SHARED, P);
        assertThat(dev.load(shifted, P - 1, 1)).hasBytes(new byte[] {4});
        assertThat(dev.load(shifted, P - 1, 2)).isFault(Result.Signal.SIGBUS);
        assertThat(dev.store(shifted, P, new byte[1])).isFault(Result.Signal.SIGBUS);
    }

    @Test
    @Exercises({"PROT-RIE", "PROT-SET", "PROT-GET", "CTX-CALLER"})
    void readImpliesExecAddsExecOnlyToAMaskWithRead() {
        var rie = Caller.READ_IMPLIES_EXEC;
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ | Prot.WRITE), rie)).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetProtMask())).isValue(Prot.READ | Prot.WRITE | Prot.EXEC);
        int other = dev.openHandle();
        assertThat(dev.ioctl(other, new Command.SetProtMask(Prot.WRITE), rie)).isValue(0);
        assertThat(dev.ioctl(other, new Command.GetProtMask())).isValue(Prot.WRITE); // no READ, so no EXEC
        assertThat(dev.ioctl(other, new Command.SetProtMask(0), rie)).isValue(0);
        assertThat(dev.ioctl(other, new Command.GetProtMask())).isValue(0);
    }

    @Test
    @Exercises({"MMAP-PROT", "MPROTECT-MAY", "CTX-CALLER"})
    void readImpliesExecMappingsNeedExecOnlyWhenTheyAskForRead() {
        var rie = Caller.READ_IMPLIES_EXEC;
        int fd = area(P);
        assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ | Prot.WRITE))).isValue(0);
        assertThat(dev.mmap(fd, P, Prot.READ, SHARED, 0, rie)).isError(Errno.EPERM); // READ asks for EXEC too
        var w = dev.mmap(fd, P, Prot.WRITE, SHARED, 0, rie);
        assertThat(w).isSuccess(); // WRITE alone does not
        int m = (int) ((Result.Value) w).value();
        // mprotect adds EXEC for READ only where the mapping may execute (mm/mprotect.c do_mprotect_pkey, MPROTECT-MAY (5))
        assertThat(dev.mprotect(m, Prot.READ, rie)).isValue(0);
        assertThat(state().mappings().stream().filter(x -> x.id() == m).findFirst().orElseThrow().prot()).isEqualTo(Prot.READ);
        assertThat(dev.mprotect(m, Prot.WRITE, rie)).isValue(0);
    }

    @Test
    @Exercises({"DUP-HANDLE", "HANDLE-NUM", "CLOSE-REF"})
    void dupReturnsANewHandleOnTheSameArea() {
        int fd = area(P);
        int dupFd = (int) ((Result.Value) dev.dup(fd)).value();
        assertThat(dupFd).isNotEqualTo(fd);
        assertThat(state().areas()).hasSize(1);
        assertThat(state().areas().getFirst().handles()).containsExactlyInAnyOrder(fd, dupFd);
        assertThat(dev.close(fd)).isValue(0);
        assertThat(dev.ioctl(dupFd, new Command.GetSize())).isValue(P); // the area lives on through the dup
        assertThat(dev.ioctl(fd, new Command.GetSize())).isError(Errno.EBADF);
        assertThat((int) ((Result.Value) dev.dup(dupFd)).value()).isEqualTo(fd); // the lowest free number again
    }

    @Test
    @Exercises({"MUNMAP-REMOVE", "MMAP-FILE"})
    void theFileOutlivesItsLastMapping() {
        int fd = area(2L * P);
        int m = map(fd, 2L * P, RW, SHARED, 0);
        assertThat(dev.store(m, P, bytes(3, 7))).isValue(0);
        assertThat(dev.munmap(m)).isValue(0);
        var s = state();
        assertThat(s.mappings()).isEmpty();
        assertThat(s.files()).extracting(FileSnapshot::area, FileSnapshot::dataPages)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(s.areas().getFirst().id(), java.util.List.of(1L)));
        assertThat(dev.llseek(fd, P, Whence.SEEK_SET)).isValue(P);
        assertThat(dev.read(fd, 3)).hasBytes(bytes(3, 7));
    }

    @Test
    @Exercises({"CLOSE-RELEASE", "CLOSE-MAPPINGS"})
    void aMappingKeepsTheFileOfAClosedArea() {
        int fd = area(P);
        int m = map(fd, P, RW, SHARED, 0);
        assertThat(dev.store(m, 0, bytes(2, 9))).isValue(0);
        int areaId = state().areas().getFirst().id();
        assertThat(dev.close(fd)).isValue(0);
        var s = state();
        assertThat(s.areas()).isEmpty();
        assertThat(s.files()).extracting(FileSnapshot::area).containsExactly(areaId);
        assertThat(dev.load(m, 0, 2)).hasBytes(bytes(2, 9));
    }

    @Test
    @Exercises({"NAME-TRUNC", "NAME-SET", "GETNAME-COPY"})
    void aNameOfExactlyTheBufferSizeLosesItsLastByte() {
        int fd = dev.openHandle();
        var full = new byte[Names.NAME_LEN];
        Arrays.fill(full, (byte) 'n');
        full[Names.NAME_LEN - 1] = 'z';
        assertThat(dev.ioctl(fd, new Command.SetName(full, false))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("n".repeat(Names.NAME_LEN - 1));
        var fits = Arrays.copyOf(full, Names.NAME_LEN - 1);
        fits[Names.NAME_LEN - 2] = 'y';
        assertThat(dev.ioctl(fd, new Command.SetName(fits, false))).isValue(0);
        assertThat(dev.ioctl(fd, new Command.GetName(false))).isCString("n".repeat(Names.NAME_LEN - 2) + "y");
    }
}
