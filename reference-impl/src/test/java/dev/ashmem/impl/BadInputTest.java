package dev.ashmem.impl;

import dev.ashmem.model.Abi;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.cutils.Ashmem;
import dev.ashmem.impl.cutils.MemoryFaultException;
import dev.ashmem.impl.cutils.Region;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation fed misaligned, u32-overflowing, zero, huge and negative-as-unsigned values, closed
 * handles and unmapped mappings: each answers with the spec's errno or fault, or a clear Java
 * exception for Java-level misuse. Nothing may crash the JVM (a crash would end this run).
 */
class BadInputTest {
    private static final int P = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;
    private static final Result EINVAL = Result.err(Errno.EINVAL);
    private static final Result SIGSEGV = new Result.Fault(Result.Signal.SIGSEGV);
    private static final Result SIGBUS = new Result.Fault(Result.Signal.SIGBUS);

    private OffHeapAshmem dev;

    @BeforeEach
    void open() {
        dev = new OffHeapAshmem(P);
    }

    @AfterEach
    void close() {
        dev.close();
    }

    private int sized(long size) {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(size))).isEqualTo(Result.ZERO);
        return fd;
    }

    private int mapped(int fd, long len, int prot, boolean shared, long off) {
        return (int) ((Result.Value) dev.mmap(fd, len, prot, shared, off)).value();
    }

    @Test
    void closedAndUnknownHandlesAreEbadf() {
        int fd = dev.openHandle();
        assertThat(dev.close(fd)).isEqualTo(Result.ZERO);
        for (int bad : new int[] {fd, -1, 12345, Integer.MIN_VALUE}) {
            assertThat(dev.close(bad)).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.dup(bad)).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.ioctl(bad, new Command.GetSize())).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.mmap(bad, P, RW, true, 0)).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.read(bad, 1)).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.llseek(bad, 0, Whence.SEEK_SET)).isEqualTo(Result.err(Errno.EBADF));
        }
        // every never-opened number, across the handle table's size as it grows (16, 32, 64, ...)
        for (int never = 1; never <= 130; never++) {
            assertThat(dev.ioctl(never, new Command.GetSize())).as("fd %d", never).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.close(never)).as("close of fd %d", never).isEqualTo(Result.err(Errno.EBADF));
            assertThat(dev.ioctl(never, Command.pin(0, P))).as("PIN on fd %d", never).isEqualTo(Result.err(Errno.EBADF));
        }
    }

    @Test
    void pinArgumentsAreCheckedInTheSpecsOrder() {
        int fd = sized(4L * P);
        assertThat(dev.ioctl(fd, Command.pin(0, P))).isEqualTo(EINVAL); // PINARG-NOFILE before anything else
        assertThat(dev.ioctl(fd, new Command.Pin(Command.PinArg.unreadable()))).isEqualTo(Result.err(Errno.EFAULT));
        mapped(fd, P, RW, true, 0);
        assertThat(dev.ioctl(fd, Command.unpin(1, P))).isEqualTo(EINVAL); // PINARG-ALIGN: offset
        assertThat(dev.ioctl(fd, Command.unpin(0, P + 1))).isEqualTo(EINVAL); // PINARG-ALIGN: len
        assertThat(dev.ioctl(fd, Command.unpin(0xFFFF_F000L, 2L * P))).isEqualTo(EINVAL); // PINARG-OVERFLOW
        assertThat(dev.ioctl(fd, Command.unpin(3L * P, 2L * P))).isEqualTo(EINVAL); // PINARG-BOUNDS
        assertThat(dev.ioctl(fd, Command.unpin(5L * P, 0))).isEqualTo(EINVAL); // len 0 past the end: u32 wrap, then bounds
        assertThat(dev.ioctl(fd, Command.unpin(4L * P, 0))).isEqualTo(Result.ZERO); // the empty range [4, 3]
        assertThat(dev.snapshot().areas().getFirst().unpinned()).hasSize(1);
        assertThat(dev.ioctl(fd, Command.pinStatus(4L * P, 0))).isEqualTo(Result.ok(1)); // an empty request touches nothing
        assertThatThrownBy(() -> Command.PinArg.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.PinArg.of(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mmapRefusesDegenerateArguments() {
        int fd = sized(4L * P);
        assertThat(dev.mmap(fd, 0, RW, true, 0)).isEqualTo(EINVAL);
        assertThat(dev.mmap(fd, P, Prot.READ | Prot.SEM, true, 0)).isEqualTo(Result.ok(1)); // no prot bit is checked
        assertThat(dev.mmap(fd, P, RW, true, 1)).isEqualTo(EINVAL);
        assertThat(dev.mmap(fd, -1, RW, true, 0)).isEqualTo(Result.err(Errno.ENOMEM)); // PAGE_ALIGN wraps to 0
        assertThat(dev.mmap(fd, Abi.TASK_SIZE + 1, RW, true, 0)).isEqualTo(Result.err(Errno.ENOMEM)); // > TASK_SIZE
        assertThat(dev.mmap(fd, 5L * P, RW, true, 0)).isEqualTo(EINVAL); // MMAP-SIZE
        int none = sized(0);
        assertThat(dev.mmap(none, P, RW, true, 0)).isEqualTo(EINVAL); // MMAP-NOSIZE
        int wraps = sized(-1L); // PAGE_ALIGN(2^64-1) wraps to 0: nothing fits
        assertThat(dev.mmap(wraps, P, RW, true, 0)).isEqualTo(EINVAL);
        assertThat(dev.ioctl(wraps, new Command.GetSize())).isEqualTo(Result.ok(-1L)); // size_t read as long
        // a negative off_t that does not overflow maps far beyond the file: every access is SIGBUS
        assertThat(dev.mmap(fd, P, RW, true, -P)).isEqualTo(Result.err(Errno.EOVERFLOW)); // file_mmap_ok: past 2^64 - 1
        int far = mapped(fd, P, RW, true, -2L * P);
        assertThat(dev.load(far, 0, 1)).isEqualTo(SIGBUS);
        assertThat(dev.store(far, P - 1, new byte[1])).isEqualTo(SIGBUS);
    }

    @Test
    void aHugePrivateWritableMappingIsEnomemWhenTheOsCannotBackIt() {
        int fd = sized(1L << 46);
        var r = dev.mmap(fd, 1L << 46, RW, false, 0); // 64 TiB of anonymous, charged memory
        assertThat(r).isEqualTo(Result.err(Errno.ENOMEM));
        // the same length shared is address space only (memfd, sparse) and works
        int shared = mapped(fd, 1L << 40, RW, true, 0);
        assertThat(dev.store(shared, (1L << 40) - 1, new byte[] {1})).isEqualTo(Result.ZERO);
        assertThat(dev.munmap(shared)).isEqualTo(Result.ZERO);
    }

    @Test
    void accessesOutsideAMappingOrItsRightsFault() {
        int fd = sized(2L * P + 100); // three pages exist
        assertThat(dev.mmap(fd, 4L * P, RW, true, 0)).isEqualTo(EINVAL); // MMAP-SIZE: 4 pages > PAGE_ALIGN(size)
        int m = mapped(fd, 3L * P, RW, true, P); // file pages 1, 2 and 3; page 3 does not exist (MMAP-OFFSET unchecked)
        assertThat(dev.load(m, -1, 1)).isEqualTo(SIGSEGV);
        assertThat(dev.load(m, 3L * P, 1)).isEqualTo(SIGSEGV); // MEM-BOUNDS
        assertThat(dev.load(m, 3L * P, 0)).isEqualTo(new Result.Bytes(new byte[0]));
        assertThat(dev.load(m, 3L * P + 1, 0)).isEqualTo(SIGSEGV);
        assertThat(dev.load(m, Long.MAX_VALUE, 1)).isEqualTo(SIGSEGV);
        assertThat(dev.load(m, 2L * P, 1)).isEqualTo(SIGBUS); // MEM-EOF: file page 3 >= ceil(size/P) = 3
        assertThat(dev.load(m, 2L * P - 1, 2)).isEqualTo(SIGBUS); // spans into the missing page: nothing touched
        assertThat(dev.snapshot().files().getFirst().dataPages()).isEmpty();
        assertThat(dev.store(m, P + 200, new byte[] {1})).isEqualTo(Result.ZERO); // file byte 2P+200: past the size, inside page 2
        assertThat(dev.snapshot().files().getFirst().dataPages()).containsExactly(2L);
        assertThatThrownBy(() -> dev.load(m, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dev.store(m, 0, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("data");
        assertThat(dev.mprotect(m, Prot.NONE)).isEqualTo(Result.ZERO);
        assertThat(dev.load(m, 0, 1)).isEqualTo(SIGSEGV); // MEM-RIGHTS
        assertThat(dev.mprotect(m, 0x10)).isEqualTo(EINVAL); // arch_validate_prot: PROT_SEM (8) would pass
        assertThat(dev.munmap(m)).isEqualTo(Result.ZERO);
        assertThat(dev.munmap(m)).isEqualTo(EINVAL);
        assertThat(dev.mprotect(m, Prot.READ)).isEqualTo(Result.err(Errno.ENOMEM));
        assertThat(dev.load(m, 0, 1)).isEqualTo(SIGSEGV); // use after munmap
        assertThat(dev.store(m, 0, new byte[1])).isEqualTo(SIGSEGV);
        assertThat(dev.load(0, 0, 1)).isEqualTo(SIGSEGV);
        assertThat(dev.load(-7, 0, 0)).isEqualTo(SIGSEGV);
    }

    @Test
    void readAndLlseekRefuseWhatTheSyscallsRefuse() {
        int fd = dev.openHandle();
        assertThat(dev.read(fd, 10)).isEqualTo(new Result.Bytes(new byte[0])); // READ-EOF: no size
        assertThat(dev.llseek(fd, 0, Whence.SEEK_SET)).isEqualTo(EINVAL); // SEEK-NOSIZE
        dev.ioctl(fd, new Command.SetSize(3L * P));
        assertThat(dev.read(fd, 10)).isEqualTo(Result.err(Errno.EBADF)); // READ-NOFILE
        assertThat(dev.llseek(fd, 0, Whence.SEEK_SET)).isEqualTo(Result.err(Errno.EBADF)); // SEEK-NOFILE
        mapped(fd, P, RW, true, 0);
        assertThat(dev.read(fd, -1)).isEqualTo(Result.err(Errno.EFAULT)); // access_ok on a huge size_t
        assertThat(dev.llseek(fd, 0, 5)).isEqualTo(EINVAL);
        assertThat(dev.llseek(fd, 0, -1)).isEqualTo(EINVAL);
        assertThat(dev.llseek(fd, -1, Whence.SEEK_SET)).isEqualTo(EINVAL);
        assertThat(dev.llseek(fd, Long.MAX_VALUE, Whence.SEEK_END)).isEqualTo(EINVAL); // wraps negative
        assertThat(dev.llseek(fd, -1, Whence.SEEK_DATA)).isEqualTo(Result.err(Errno.ENXIO));
        assertThat(dev.llseek(fd, 3L * P, Whence.SEEK_HOLE)).isEqualTo(Result.err(Errno.ENXIO));
        assertThat(dev.llseek(fd, Long.MAX_VALUE, Whence.SEEK_SET)).isEqualTo(Result.ok(Long.MAX_VALUE));
        assertThat(dev.read(fd, 1)).isEqualTo(EINVAL); // pos + count passes 2^63 - 1
        assertThat(dev.llseek(fd, 0, Whence.SEEK_CUR)).isEqualTo(Result.ok(Long.MAX_VALUE));
    }

    @Test
    void javaLevelMisuseThrowsClearExceptions() {
        int fd = sized(P);
        assertThatThrownBy(() -> dev.ioctl(fd, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("cmd");
        assertThatThrownBy(() -> dev.ioctl(fd, new Command.GetSize(), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("caller");
        assertThatThrownBy(() -> dev.mmap(fd, P, RW, true, 0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OffHeapAshmem(8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Region.create(null, "x", P)).isInstanceOf(NullPointerException.class).hasMessageContaining("device");
        assertThatThrownBy(() -> Region.create(dev, null, P)).isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new Ashmem(dev).createRegion(null, P)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }

    @Test
    void closedJavaHandlesAndStaleSegmentsThrowIllegalStateException() {
        var region = Region.create(dev, "handles", 2L * P);
        var map = region.map(RW);
        var seg = map.segment();
        seg.set(JAVA_BYTE, 0, (byte) 1);
        region.close();
        assertThatThrownBy(region::fd).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> region.pin(0, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(map.read(0, 1)).containsExactly(1); // the mapping outlives the region
        map.protect(Prot.READ);
        assertThatThrownBy(() -> seg.set(JAVA_BYTE, 0, (byte) 2)).isInstanceOf(IllegalStateException.class); // stale
        var readOnly = map.segment();
        assertThat(readOnly.isReadOnly()).isTrue();
        assertThatThrownBy(() -> readOnly.set(JAVA_BYTE, 0, (byte) 2)).hasMessageContaining("read-only");
        assertThatThrownBy(() -> map.write(0, new byte[1])).isInstanceOfSatisfying(MemoryFaultException.class,
                e -> assertThat(e.signal()).isEqualTo(Result.Signal.SIGSEGV));
        map.protect(Prot.NONE);
        assertThatThrownBy(map::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("READ");
        map.close();
        assertThatThrownBy(() -> readOnly.get(JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> map.read(0, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("unmapped");
        assertThatThrownBy(map::segment).isInstanceOf(IllegalStateException.class);
        map.close(); // idempotent
        region.close();
    }

    @Test
    void theLibcutilsApiAnswersWithNegativeErrnos() {
        var api = new Ashmem(dev);
        int fd = api.createRegion("api", 3L * P);
        assertThat(fd).isNotNegative();
        assertThat(api.valid(fd)).isOne();
        assertThat(api.valid(999)).isZero();
        assertThat(api.getSizeRegion(fd)).isEqualTo(3 * P);
        assertThat(api.pinRegion(fd, 0, P)).isEqualTo(-Errno.EINVAL.number()); // no file yet
        mapped(fd, 3L * P, RW, true, 0);
        assertThat(api.unpinRegion(fd, 0, P)).isZero();
        assertThat(api.getPinStatus(fd, 0, P)).isEqualTo(Ashmem.ASHMEM_IS_UNPINNED);
        assertThat(api.purgeAll(Caller.APP)).isEqualTo(-Errno.EPERM.number());
        assertThat(api.purgeAll(Caller.ADMIN)).isOne(); // lruCount before the purge
        assertThat(api.pinRegion(fd, 0, P)).isEqualTo(Ashmem.ASHMEM_WAS_PURGED);
        assertThat(api.pinRegion(fd, -1, P)).isEqualTo(-Errno.EINVAL.number()); // not silently truncated to u32
        assertThat(api.unpinRegion(fd, 0, 1L << 32)).isEqualTo(-Errno.EINVAL.number());
        assertThat(api.unpinRegion(fd, 1, P)).isEqualTo(-Errno.EINVAL.number());
        assertThat(api.setProtRegion(fd, Prot.READ)).isZero();
        assertThat(api.setProtRegion(fd, RW)).isEqualTo(-Errno.EINVAL.number());
        int big = api.createRegion("big", 3L << 30);
        assertThat(api.getSizeRegion(big)).isEqualTo((int) (3L << 30)); // int ioctl(): truncated like C
        assertThat(api.close(fd)).isZero();
        assertThat(api.close(fd)).isEqualTo(-Errno.EBADF.number());
        assertThat(api.getSizeRegion(fd)).isEqualTo(-Errno.EBADF.number());
    }
}
