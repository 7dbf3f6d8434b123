package dev.ashmem.model;

/**
 * The ABI constants every module shares: C integer limits as they travel in Java longs, the values the
 * pin ioctls return, and the kernel limits the spec pins (Linux 5.15, x86-64). One place, so a boundary
 * table, a checker alphabet and a profile cannot disagree on them.
 */
public final class Abi {
    /** The largest u32 (the width of PIN/UNPIN's offset and len). */
    public static final long U32_MAX = 0xFFFF_FFFFL;
    /** The largest u64, -1 as a Java long. */
    public static final long U64_MAX = -1L;
    /**
     * TASK_SIZE on x86-64 with 4-level paging: the user address space ends one page below 2^47
     * (TASK_SIZE_MAX, arch/x86/include/asm/page_64_types.h); a longer mapping is ENOMEM (MMAP-SYSCALL,
     * CTX-PLATFORM).
     */
    public static final long TASK_SIZE = (1L << 47) - 4096;
    /** MAX_LFS_FILESIZE on 64-bit: the largest size a file (and so an area's backing file) can have. */
    public static final long MAX_LFS_FILESIZE = Long.MAX_VALUE;

    /** ASHMEM_NOT_PURGED / ASHMEM_WAS_PURGED: what PIN returns (PIN-RET). */
    public static final long NOT_PURGED = 0;
    public static final long WAS_PURGED = 1;
    /** ASHMEM_IS_UNPINNED / ASHMEM_IS_PINNED: what GET_PIN_STATUS returns (STATUS-RET). */
    public static final long IS_UNPINNED = 0;
    public static final long IS_PINNED = 1;

    private Abi() {
    }
}
