package dev.ashmem.generator;

import dev.ashmem.model.Abi;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Unsigned;

/**
 * The one table of boundary values of the project: the argument values where ashmem's rules change
 * their answer (page multiples and one byte either side, PAGE_ALIGN(size), the u32 and u64 edges, 2^32
 * and 2^32 + P, sizes of 2^63 and above that never get a file, TASK_SIZE, negative offsets, prot masks
 * one bit away). Built on {@link Abi}; the generator and the model checker's alphabet take their odd
 * values from here. Each list is ordered simplest first, so a shrinker lowering an index moves towards
 * ordinary values.
 */
public final class Boundaries {
    /** 2^32: the first length or offset a u32 argument cannot hold (PINARG-OVERFLOW, PINARG-LEN0). */
    public static final long TWO_32 = Abi.U32_MAX + 1;
    /** 2^63 as a u64 size: MAX_LFS_FILESIZE + 1, the smallest size that can never get a file (MMAP-FILE-EINVAL). */
    public static final long TWO_63 = Abi.MAX_LFS_FILESIZE + 1;

    private Boundaries() {
    }

    /** PAGE_ALIGN(x) mod 2^64 (CTX-PAGE). */
    public static long pageAlign(long x, int pageSize) {
        return Unsigned.pageAlign(x, pageSize);
    }

    /** 2^32 - P: the highest page-aligned u32 offset; two pages from there overflow u32 (PINARG-OVERFLOW). */
    public static long topU32Page(int pageSize) {
        return TWO_32 - pageSize;
    }

    /** Odd SET_SIZE values (the generator draws plain page multiples besides these). */
    public static long[] sizes(int p) {
        return new long[] {
                0, p + 1L, 5L * p - 1, TWO_32 - p,
                TWO_32,                  // len 0 wraps to the whole space [0 .. 2^64-1]
                TWO_32 + p,              // len 0 at offset 0 covers one page
                3L << 32, (1L << 40) + p,
                Abi.MAX_LFS_FILESIZE,    // the largest file
                TWO_63,                  // no file can be created
                TWO_63 + 2L * p,
                Abi.U64_MAX,             // PAGE_ALIGN wraps to 0
                -(long) p + 1,           // PAGE_ALIGN wraps to 0 from a page below
        };
    }

    /** Odd PIN/UNPIN/GET_PIN_STATUS offsets for a region of aligned size {@code aligned}. */
    public static long[] pinOffsets(int p, long aligned) {
        return new long[] {
                aligned & Abi.U32_MAX,                   // PAGE_ALIGN(size): the empty request with len 0
                (aligned + p) & Abi.U32_MAX,             // beyond the end (PINARG-BOUNDS)
                topU32Page(p),                           // offset + len past u32 (PINARG-OVERFLOW)
                1,                                       // misaligned (PINARG-ALIGN)
                Abi.U32_MAX,
        };
    }

    /** Odd PIN/UNPIN/GET_PIN_STATUS lengths for a request at {@code offset} of a region of aligned size {@code aligned}. */
    public static long[] pinLengths(int p, long offset, long aligned) {
        return new long[] {
                0,                                              // "to the end" (PINARG-LEN0)
                ((aligned - offset) & Abi.U32_MAX) & -(long) p, // exactly to the end
                p + 1L,                                         // misaligned
                topU32Page(p),
                (Abi.U32_MAX - offset) & -(long) p,             // the largest that fits u32
                offset == 0 ? topU32Page(p) : Boundaries.TWO_32 - offset, // one page more (PINARG-OVERFLOW)
        };
    }

    /** Odd mmap lengths for a region of aligned size {@code aligned}. */
    public static long[] mmapLengths(int p, long aligned) {
        return new long[] {
                0,
                aligned + 1,          // one byte more than the region rounds to (MMAP-SIZE)
                Abi.TASK_SIZE,        // the whole address space of x86-64 (CTX-PLATFORM)
                1L << 47,             // one page more: ENOMEM on x86-64
                Abi.U64_MAX,          // PAGE_ALIGN wraps
        };
    }

    /** Odd mmap offsets for a region of aligned size {@code aligned}. */
    public static long[] mmapOffsets(int p, long aligned) {
        return new long[] {
                aligned - p,          // the last page: SIGBUS past a partial end
                aligned,              // wholly past the file
                1,                    // misaligned
                -(long) p,            // negative: one page passes byte 2^64 - 1 (file_mmap_ok)
                TWO_32,
                1L << 62,
                Long.MIN_VALUE,
        };
    }

    /** Odd mprotect prots: PROT_SEM (accepted), a bit arch_validate_prot refuses, the grows bits. */
    public static int[] mprotectProts() {
        return new int[] {
                Prot.SEM | Prot.READ,
                0x10,
                Prot.GROWSDOWN | Prot.READ,
                Prot.GROWSUP,
                Prot.GROWSDOWN | Prot.GROWSUP,
        };
    }

    /** Odd llseek offsets for a region of size {@code size}. */
    public static long[] seekOffsets(int p, long size) {
        return new long[] {size, size - 1, -1, p + 1L, -(long) p, Long.MAX_VALUE, Long.MIN_VALUE};
    }

    /** Odd read counts (an int in the driver's signature). */
    public static int[] readCounts(int p) {
        return new int[] {0, p, 2 * p + 100, -1};
    }

    /** nrToScan values: 0 wraps to "everything" (SHRINK-NR), then the u64 extremes. */
    public static long[] scanCounts() {
        return new long[] {0, Long.MAX_VALUE, Abi.U64_MAX};
    }

    /** Prot masks one bit away from {@code mask}: each rwx bit toggled, a bit outside rwx, a bit above 32. */
    public static long[] protMasksAround(long mask) {
        return new long[] {
                mask & ~(long) Prot.READ, mask & ~(long) Prot.WRITE, mask & ~(long) Prot.EXEC,
                mask | Prot.READ, mask | Prot.WRITE, mask | Prot.EXEC,
                mask | 8, mask | (1L << 32), Abi.U64_MAX,
        };
    }

    /** ioctl numbers the driver does not know (IOCTL-UNKNOWN): ashmem's magic with a free number, and others. */
    public static long[] unknownIoctls() {
        return new long[] {0x770b, 0x7700, 0x12345678, 0x8008770bL};
    }
}
