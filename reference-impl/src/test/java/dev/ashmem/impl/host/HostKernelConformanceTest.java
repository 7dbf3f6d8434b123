package dev.ashmem.impl.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host conformance of the generic-layer rules (MMAP-ENTRY, MMAP-SYSCALL, MPROTECT-MAY, MEM-RIGHTS,
 * READ-SYSCALL, SEEK-WHENCE): each check runs the real system call on this machine's kernel, on a
 * character device (/dev/zero: file_mmap_ok treats it as ashmem) or a memfd, and runs the model in the
 * same position, and the two answers must agree. The model's answer must come from a generic-layer rule,
 * so a driver check is never compared with /dev/zero's. The kernel it ran on is printed.
 */
class HostKernelConformanceTest {
    private static final HostKernel HOST = HostKernel.detect();
    /** The driver's own checks: a model answer decided by one of them says nothing about /dev/zero or a memfd. */
    private static final Set<String> DRIVER_CHECKS = Set.of("MMAP-NOSIZE", "MMAP-SIZE", "MMAP-PROT",
            "MMAP-FILE-EINVAL", "READ-EOF", "READ-NOFILE", "SEEK-NOSIZE", "SEEK-NOFILE");
    private static final int BAD_FD = 1 << 20; // above any RLIMIT_NOFILE a test runs with
    private static final List<String> LOG = new ArrayList<>();

    private static int p;
    private static Platform platform;

    @BeforeAll
    static void host() {
        System.out.println("host-conformance: running on " + HOST);
        assumeTrue(HOST.platform().isPresent(), "the spec has no generic-layer defaults for arch " + HOST.arch());
        platform = HOST.platform().get();
        p = Libc.osPageSize();
    }

    @AfterAll
    static void summary() {
        System.out.println("host-conformance: " + LOG.size() + " checks agree with the model on " + HOST);
        LOG.forEach(l -> System.out.println("  " + l));
    }

    private static AshmemModel model() {
        return new AshmemModel(p, platform);
    }

    /** A model area of {@code size} bytes whose file exists (one mapping made and removed). */
    private static int modelArea(AshmemModel m, long size) {
        int fd = m.openHandle();
        assertThat(m.ioctl(fd, new Command.SetSize(size))).isEqualTo(Result.ZERO);
        if (size > 0) {
            var id = m.mmap(fd, p, Prot.READ | Prot.WRITE, true, 0);
            assertThat(m.munmap((int) ((Result.Value) id).value())).isEqualTo(Result.ZERO);
        }
        return fd;
    }

    /** The kernel's answer as the model writes it: an errno, or "ok". */
    private static String kernel(long ret) {
        if (ret >= 0 || ret <= -4096) {
            return "ok";
        }
        try {
            return Errno.ofNumber((int) -ret).name();
        } catch (IllegalArgumentException e) {
            return "errno " + -ret;
        }
    }

    private static String model(AshmemModel m, Result r) {
        assertThat(m.lastRules()).as("the model's answer comes from the generic layer: %s", m.lastRules())
                .isNotEmpty().noneMatch(DRIVER_CHECKS::contains);
        return r instanceof Result.Error e ? e.errno().name() : r instanceof Result.Fault ? "fault" : "ok";
    }

    private static void agree(String what, String kernel, String model) {
        assertThat(kernel).as("%s on %s: kernel %s, model %s", what, HOST, kernel, model).isEqualTo(model);
        LOG.add(what + ": " + kernel);
    }

    // ------------------------------------------------------------------------------------------ mmap

    private static int devZero() {
        int fd = Libc.open("/dev/zero", Libc.O_RDWR);
        assumeTrue(fd >= 0, "/dev/zero cannot be opened read-write (errno " + -fd + "): no character device to map");
        return fd;
    }

    /** mmap on /dev/zero (or a bad fd) and on a model area of {@code size} bytes (or a bad handle). */
    private static void mmapCase(String what, boolean badFd, long length, int prot, long offset, long size) {
        int zero = devZero();
        try {
            long addr = Libc.mmap(0, length, prot, Libc.MAP_SHARED, badFd ? BAD_FD : zero, offset);
            if (kernel(addr).equals("ok")) {
                Libc.munmap(addr, length);
            }
            var m = model();
            int fd = badFd ? 99 : modelArea(m, size);
            var r = m.mmap(fd, length, prot, true, offset, Caller.APP);
            agree(what, kernel(addr), model(m, r));
        } finally {
            Libc.close(zero);
        }
    }

    @Test
    void aMisalignedOffsetIsEinvalBeforeTheFdIsLookedUp() {
        mmapCase("mmap bad fd, offset 100 (MMAP-ENTRY)", true, p, Prot.READ, 100, 0);
        mmapCase("mmap bad fd, offset 0 (HANDLE-EBADF)", true, p, Prot.READ, 0, 0);
    }

    @Test
    void lengthChecksOfDoMmap() {
        mmapCase("mmap length 0 (MMAP-SYSCALL 1)", false, 0, Prot.READ, 0, p);
        mmapCase("mmap length 2^64-1 (MMAP-SYSCALL 2)", false, -1L, Prot.READ, 0, p);
    }

    @Test
    void aMappingLongerThanTaskSizeIsEnomem() {
        mmapCase("mmap length TASK_SIZE + P (MMAP-SYSCALL 4; 2^47 on x86-64)", false, platform.taskSize() + p,
                Prot.READ, 0, p);
        mmapCase("mmap length 0x800000001000 at offset -2P (MMAP-SYSCALL 4 before 5)", false, 0x8000_0000_1000L,
                Prot.READ, -2L * p, p);
    }

    @Test
    void aCharacterDeviceMapsUpToByte2To64() {
        mmapCase("mmap one page at offset -P (MMAP-SYSCALL 5, file_mmap_ok)", false, p, Prot.READ, -(long) p, 4L * p);
        mmapCase("mmap one page at offset -2P (MMAP-OFFSET)", false, p, Prot.READ, -2L * p, 4L * p);
    }

    @Test
    void mmapChecksNoProtBit() {
        mmapCase("mmap prot rw + PROT_SEM", false, p, Prot.READ | Prot.WRITE | Prot.SEM, 0, 4L * p);
        mmapCase("mmap prot r + 0x40", false, p, Prot.READ | 0x40, 0, 4L * p);
    }

    // -------------------------------------------------------------------------------------- mprotect

    /** mprotect of a real shared rw mapping of /dev/zero and of a model mapping with may rights rwx. */
    private static void mprotectCase(String what, int prot) {
        int zero = devZero();
        long addr = Libc.mmap(0, p, Prot.READ | Prot.WRITE, Libc.MAP_SHARED, zero, 0);
        Libc.close(zero);
        assertThat(addr).isPositive();
        try {
            int ret = Libc.mprotect(addr, p, prot);
            var m = model();
            int fd = modelArea(m, p);
            int id = (int) ((Result.Value) m.mmap(fd, p, Prot.READ | Prot.WRITE, true, 0)).value();
            agree(what, kernel(ret), model(m, m.mprotect(id, prot, Caller.APP)));
        } finally {
            Libc.munmap(addr, p);
        }
    }

    @Test
    void mprotectValidatesProtTheArchitecturesWay() {
        mprotectCase("mprotect r + PROT_SEM (arch_validate_prot)", Prot.READ | Prot.SEM);
        if ((platform.mprotectBits() & 0x10) == 0) {
            mprotectCase("mprotect 0x10 (arch_validate_prot)", 0x10);
        }
        mprotectCase("mprotect r + 0x40 (arch_validate_prot)", Prot.READ | 0x40);
        mprotectCase("mprotect r + GROWSDOWN on a mapping that does not grow", Prot.READ | Prot.GROWSDOWN);
        mprotectCase("mprotect r + GROWSUP on a mapping that does not grow", Prot.READ | Prot.GROWSUP);
        mprotectCase("mprotect GROWSDOWN | GROWSUP", Prot.GROWSDOWN | Prot.GROWSUP);
    }

    @Test
    void mprotectOfNothingMappedIsEnomem() {
        int ret = Libc.mprotect(p, p, Prot.READ); // below mmap_min_addr: never mapped
        var m = model();
        agree("mprotect of an unmapped address (MMAP-ID)", kernel(ret), model(m, m.mprotect(7, Prot.READ, Caller.APP)));
    }

    // ------------------------------------------------------------------------------------ memory rights

    /**
     * Whether a mapping of {@code prot} can be read, asked of the kernel without risking the JVM: write(2)
     * from the mapping into a memfd copies from it as user memory, and answers EFAULT where a load would fault.
     */
    private static void readableCase(String what, int prot) {
        int file = Libc.memfdCreate("host-conformance".getBytes(StandardCharsets.US_ASCII), 0);
        assumeTrue(file >= 0, "memfd_create is missing (errno " + -file + ")");
        int sink = Libc.memfdCreate("host-conformance-sink".getBytes(StandardCharsets.US_ASCII), 0);
        try {
            assertThat(Libc.ftruncate(file, p)).isZero();
            long addr = Libc.mmap(0, p, prot, Libc.MAP_SHARED, file, 0);
            assertThat(addr).isPositive();
            long ret = Libc.write(sink, addr, 1);
            Libc.munmap(addr, p);
            var m = model();
            int fd = modelArea(m, p);
            int id = (int) ((Result.Value) m.mmap(fd, p, prot, true, 0)).value();
            var r = m.load(id, 0, 1);
            agree(what, ret == 1 ? "ok" : kernel(ret) + " (unreadable)", r instanceof Result.Fault ? "EFAULT (unreadable)" : model(m, r));
        } finally {
            Libc.close(file);
            Libc.close(sink);
        }
    }

    @Test
    void whichMappingsReadAsThePageTablesSay() {
        readableCase("load through a PROT_WRITE mapping (MEM-RIGHTS, writeImpliesRead)", Prot.WRITE);
        readableCase("load through a PROT_EXEC mapping (MEM-RIGHTS, execImpliesRead)", Prot.EXEC);
        readableCase("load through a PROT_READ mapping", Prot.READ);
        readableCase("load through a PROT_NONE mapping", Prot.NONE);
    }

    // ------------------------------------------------------------------------------------- read, llseek

    @Test
    void readRefusesAHugeCountWithEfaultAndAPastTheEndReadWithEinval() {
        int file = Libc.memfdCreate("host-conformance-read".getBytes(StandardCharsets.US_ASCII), 0);
        assumeTrue(file >= 0, "memfd_create is missing (errno " + -file + ")");
        try (var arena = Arena.ofConfined()) {
            long buf = arena.allocate(64).address();
            assertThat(Libc.ftruncate(file, p)).isZero();
            var m = model();
            int fd = modelArea(m, p);
            agree("read count -1 (READ-SYSCALL 1: access_ok)", kernel(Libc.read(file, buf, -1)), model(m, m.read(fd, -1)));
            agree("read bad fd, count -1 (HANDLE-EBADF)", kernel(Libc.read(BAD_FD, buf, -1)), model(m, m.read(99, -1)));
            long far = Long.MAX_VALUE - 10;
            assertThat(Libc.lseek(file, far, Whence.SEEK_SET)).isEqualTo(far);
            assertThat(m.llseek(fd, far, Whence.SEEK_SET)).isEqualTo(Result.ok(far));
            agree("read 11 at 2^63 - 11 (READ-SYSCALL 2: rw_verify_area)", kernel(Libc.read(file, buf, 11)), model(m, m.read(fd, 11)));
            agree("read 10 at 2^63 - 11 (nothing to read)", kernel(Libc.read(file, buf, 10)), model(m, m.read(fd, 10)));
            agree("llseek whence 5 (SEEK-WHENCE)", kernel(Libc.lseek(file, 0, 5)), model(m, m.llseek(fd, 0, 5)));
            agree("llseek bad fd, whence 5 (HANDLE-EBADF)", kernel(Libc.lseek(BAD_FD, 0, 5)), model(m, m.llseek(99, 0, 5)));
        } finally {
            Libc.close(file);
        }
    }
}
