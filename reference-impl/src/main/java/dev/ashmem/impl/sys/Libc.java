package dev.ashmem.impl.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few libc calls the implementation needs, bound through the Foreign Function &amp; Memory API with
 * errno captured by the linker ({@code Linker.Option.captureCallState("errno")}), never read later
 * from a thread-local that the JVM may have clobbered.
 *
 * <p>Every call returns the kernel convention: a non-negative result, or {@code -errno}. Addresses
 * returned by mmap are user-space addresses (below 2^47), so the sign tells success from failure.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
public final class Libc {
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;

    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;

    public static final int MADV_NOHUGEPAGE = 15;

    public static final int MFD_CLOEXEC = 0x1;
    public static final int MFD_ALLOW_SEALING = 0x2;

    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    public static final int SEEK_SET = 0;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    public static final int F_ADD_SEALS = 1033;
    public static final int F_GET_SEALS = 1034;
    public static final int F_SEAL_SEAL = 0x01;
    public static final int F_SEAL_SHRINK = 0x02;
    public static final int F_SEAL_GROW = 0x04;
    public static final int F_SEAL_WRITE = 0x08;
    public static final int F_SEAL_FUTURE_WRITE = 0x10;

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CLOEXEC = 0x80000;

    public static final int EPERM = 1;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;

    /** memfd names are at most NAME_MAX - strlen("memfd:") = 249 bytes. */
    public static final int MEMFD_NAME_MAX = 249;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE =
            STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STATE_LAYOUT));

    /** struct stat is 144 bytes on x86-64 and 128 on arm64; st_size is at 48 and st_blocks at 64 on both. */
    private static final long STAT_SIZE = 144;
    private static final long ST_SIZE_OFFSET = 48;
    private static final long ST_BLOCKS_OFFSET = 64;

    private static final MethodHandle MEMFD_CREATE = bind("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FTRUNCATE = bind("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FALLOCATE = bind("fallocate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle MMAP = bind("mmap", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle MPROTECT = bind("mprotect", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MADVISE = bind("madvise", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle PREAD = bind("pread", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE = bind("pwrite", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    /** read and write on raw addresses: the host-conformance suite passes any address and any size_t. */
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle LSEEK = bind("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** fstat is a libc symbol only since glibc 2.33; without it the allocation view is unavailable. */
    private static final MethodHandle FSTAT = LINKER.defaultLookup().find("fstat").isPresent()
            ? bind("fstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)) : null;
    private static final MethodHandle FCNTL_INT = bind("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle GETPID = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getpid").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETPAGESIZE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getpagesize").orElseThrow(), FunctionDescriptor.of(JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... extra) {
        var symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        var options = Arrays.copyOf(extra, extra.length + 1);
        options[extra.length] = ERRNO;
        return LINKER.downcallHandle(symbol, fd, options);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO_HANDLE.get(state, 0L);
    }

    /** A -1 return becomes -errno; anything else is passed through. */
    private static long check(long ret, MemorySegment state) {
        return ret == -1 ? -errno(state) : ret;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    /** memfd_create(name, flags): a file descriptor or -errno. The name is cut to what memfd accepts. */
    public static int memfdCreate(byte[] name, int flags) {
        var state = STATE.get();
        try (var arena = Arena.ofConfined()) {
            var bytes = Arrays.copyOf(name, Math.min(name.length, MEMFD_NAME_MAX));
            var cName = arena.allocate(bytes.length + 1L);
            MemorySegment.copy(bytes, 0, cName, JAVA_BYTE, 0, bytes.length);
            cName.set(JAVA_BYTE, bytes.length, (byte) 0);
            return (int) check((int) MEMFD_CREATE.invokeExact(state, cName, flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int ftruncate(int fd, long length) {
        var state = STATE.get();
        try {
            return (int) check((int) FTRUNCATE.invokeExact(state, fd, length), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int fallocate(int fd, int mode, long offset, long len) {
        var state = STATE.get();
        try {
            return (int) check((int) FALLOCATE.invokeExact(state, fd, mode, offset, len), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** mmap: the address, or -errno. */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        var state = STATE.get();
        try {
            return check((long) MMAP.invokeExact(state, addr, length, prot, flags, fd, offset), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int munmap(long addr, long length) {
        var state = STATE.get();
        try {
            return (int) check((int) MUNMAP.invokeExact(state, addr, length), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int mprotect(long addr, long length, int prot) {
        var state = STATE.get();
        try {
            return (int) check((int) MPROTECT.invokeExact(state, addr, length, prot), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int madvise(long addr, long length, int advice) {
        var state = STATE.get();
        try {
            return (int) check((int) MADVISE.invokeExact(state, addr, length, advice), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** pread into a native buffer: bytes read, or -errno. */
    public static long pread(int fd, MemorySegment buffer, long count, long offset) {
        var state = STATE.get();
        try {
            return check((long) PREAD.invokeExact(state, fd, buffer, count, offset), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** pwrite from a native buffer: bytes written, or -errno. */
    public static long pwrite(int fd, MemorySegment buffer, long count, long offset) {
        var state = STATE.get();
        try {
            return check((long) PWRITE.invokeExact(state, fd, buffer, count, offset), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(fd, buf, count) into the address {@code buf}; count is a size_t: bytes read, or -errno. */
    public static long read(int fd, long buf, long count) {
        var state = STATE.get();
        try {
            return check((long) READ.invokeExact(state, fd, buf, count), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(fd, buf, count) from the address {@code buf}: bytes written, or -errno (EFAULT if unreadable). */
    public static long write(int fd, long buf, long count) {
        var state = STATE.get();
        try {
            return check((long) WRITE.invokeExact(state, fd, buf, count), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** lseek: the new offset, or -errno (ENXIO for SEEK_DATA/SEEK_HOLE with nothing to find). */
    public static long lseek(int fd, long offset, int whence) {
        var state = STATE.get();
        try {
            return check((long) LSEEK.invokeExact(state, fd, offset, whence), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(int fd) {
        var state = STATE.get();
        try {
            return (int) check((int) CLOSE.invokeExact(state, fd), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fcntl(fd, cmd, int arg). */
    public static int fcntl(int fd, int cmd, int arg) {
        var state = STATE.get();
        try {
            return (int) check((int) FCNTL_INT.invokeExact(state, fd, cmd, arg), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** open(path, flags, 0): a file descriptor or -errno. */
    public static int open(String path, int flags) {
        var state = STATE.get();
        try (var arena = Arena.ofConfined()) {
            var cPath = arena.allocateFrom(path, StandardCharsets.UTF_8);
            return (int) check((int) OPEN.invokeExact(state, cPath, flags, 0), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** fstat's st_size and st_blocks (512-byte units): {size, blocks}, or null when fstat fails or is missing. */
    public static long[] fstatSizeAndBlocks(int fd) {
        if (FSTAT == null) {
            return null;
        }
        var state = STATE.get();
        try (var arena = Arena.ofConfined()) {
            var st = arena.allocate(STAT_SIZE, 8);
            int r = (int) check((int) FSTAT.invokeExact(state, fd, st), state);
            if (r < 0) {
                return null;
            }
            return new long[] {st.get(JAVA_LONG, ST_SIZE_OFFSET), st.get(JAVA_LONG, ST_BLOCKS_OFFSET)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The OS page size the mappings are made of (mmap granularity). */
    public static int osPageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
