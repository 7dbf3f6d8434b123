package dev.ashmem.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The documented variants of ashmem (fact sheet, "Profile differences"; spec chapter 10) the oracle can
 * be told to expect. MAINLINE is the reference, the model itself; the others are the model with their
 * documented differences applied. Only the names and the documented differences live here, with the trace
 * format's {@code profile} header; the devices that behave so are the oracle's ({@code Profiles.newDevice}).
 */
public enum Profile {
    MAINLINE("the mainline C driver of Linux 5.15, the reference semantics (the model)"),
    RUST("the Rust rewrite (Android, 2024)"),
    /** Deprecated: written from the fact sheet, matches no implementation; kept for examples/memfd-ashmem. */
    MEMFD("deprecated: the fact sheet's memfd-based ashmem (use cutils-memfd or memfd-compat)"),
    CUTILS_MEMFD("AOSP libcutils ashmem-dev.cpp in memfd mode (system/core 2a760959c, 2025-01-07) on a kernel without the memfd ashmem shim"),
    MEMFD_COMPAT("the Android common kernel's memfd ashmem shim (mm/memfd-ashmem-shim.c, 2025) on memfds made as libcutils makes them");

    public static final Difference RUST_UNKNOWN_IOCTL =
            new Difference(RUST, "unknown ioctl -> EINVAL", "IOCTL-UNKNOWN");
    public static final Difference RUST_GET_FILE_ID =
            new Difference(RUST, "GET_FILE_ID (0x8008770b) exists: 0 when the area has a file, else EINVAL", "IOCTL-UNKNOWN");
    public static final Difference RUST_RIE_FIRST =
            new Difference(RUST, "READ_IMPLIES_EXEC adds EXEC before the SET_PROT_MASK subset check", "PROT-RIE");
    public static final Difference RUST_NATIVE_WIDTH = new Difference(RUST,
            "PIN/UNPIN/GET_PIN_STATUS compute in 64 bits: len 0 is not cut to u32, offset+len is not limited to u32, "
                    + "and offset > PAGE_ALIGN(size) with len 0 is refused", "PINARG-LEN0, PINARG-OVERFLOW");
    public static final Difference RUST_LOCKED_PUNCH = new Difference(RUST,
            "the shrinker keeps its lock while punching (not visible in a serial trace)", "CONC-PUNCH-UNLOCKED");
    public static final Difference MEMFD_PIN_NOOP =
            new Difference(MEMFD, "PIN and UNPIN do nothing and report NOT_PURGED (nothing is ever purged)", "PIN-RET, UNPIN-INSERT");
    public static final Difference MEMFD_STATUS_PINNED =
            new Difference(MEMFD, "GET_PIN_STATUS always reports IS_PINNED (nothing is ever unpinned)", "STATUS-RET");
    public static final Difference MEMFD_SEALS = new Difference(MEMFD,
            "the prot mask is a memfd write seal: only WRITE can be removed (for good), READ and EXEC stay, "
                    + "READ_IMPLIES_EXEC plays no part; sealed areas refuse shared writable mappings", "PROT-SUBSET, MMAP-PROT, MMAP-MAY");

    private static final String CUTILS = "libcutils/ashmem-dev.cpp ";
    private static final String SHIM = "mm/memfd-ashmem-shim.c ";

    // What both memfd profiles share: the region is a memfd made by libcutils' memfd_create_region.
    public static final Difference CUTILS_CREATE = created(CUTILS_MEMFD);
    public static final Difference CUTILS_FILE = file(CUTILS_MEMFD);
    public static final Difference CUTILS_MMAP = mmap(CUTILS_MEMFD);
    public static final Difference CUTILS_PRIVATE = privateView(CUTILS_MEMFD);
    public static final Difference CUTILS_NO_SHRINKER = noShrinker(CUTILS_MEMFD);
    // libcutils' own functions.
    public static final Difference CUTILS_PIN_ANY_FD = new Difference(CUTILS_MEMFD,
            "PIN and UNPIN return 0 on any fd, even one that is no region (a failed fstat counts as \"not ashmem\", so memfd)",
            "HANDLE-EBADF, PINARG-EFAULT, PIN-RET, UNPIN-INSERT", CUTILS + "ashmem_pin_region, ashmem_unpin_region, memfd_is_ashmem");
    public static final Difference CUTILS_GET_SIZE_INT = new Difference(CUTILS_MEMFD,
            "GET_SIZE is fstat's st_size returned as an int (a size of 2^32 + 4096 answers 4096); an int of -1 is the "
                    + "function's failure, with the ENOTTY __ashmem_is_ashmem left in errno",
            "SIZE-GET", CUTILS + "ashmem_get_size_region, __ashmem_is_ashmem");
    public static final Difference CUTILS_SET_PROT = new Difference(CUTILS_MEMFD,
            "SET_PROT_MASK takes the prot as an int: with WRITE it answers EINVAL once sealed and otherwise changes nothing; "
                    + "without WRITE it adds F_SEAL_FUTURE_WRITE, whatever the other bits (0x8 seals)",
            "PROT-SET, PROT-SUBSET", CUTILS + "ashmem_set_prot_region, memfd_set_prot_region");
    public static final Difference CUTILS_RAW_IOCTL = new Difference(CUTILS_MEMFD,
            "every other ioctl (GET_NAME, GET_PROT_MASK, GET_PIN_STATUS, PURGE_ALL_CACHES, GET_FILE_ID, SET_NAME or SET_SIZE "
                    + "after creation, unknown) is a raw ioctl on the memfd: ENOTTY (shmem has no ioctl without the shim)",
            "IOCTL-UNKNOWN, NAME-SET, SIZE-SET, GETNAME-COPY, PROT-GET, STATUS-RET, PURGE-RET",
            CUTILS + "(no function for them); fs/ioctl.c vfs_ioctl (no unlocked_ioctl: ENOTTY)");

    public static final Difference COMPAT_CREATE = created(MEMFD_COMPAT);
    public static final Difference COMPAT_FILE = file(MEMFD_COMPAT);
    public static final Difference COMPAT_MMAP = mmap(MEMFD_COMPAT);
    public static final Difference COMPAT_PRIVATE = privateView(MEMFD_COMPAT);
    public static final Difference COMPAT_NO_SHRINKER = noShrinker(MEMFD_COMPAT);
    // The kernel shim's ioctls.
    public static final Difference COMPAT_PIN = new Difference(MEMFD_COMPAT,
            "PIN answers NOT_PURGED, UNPIN 0, GET_PIN_STATUS IS_PINNED, without reading or checking the argument",
            "PINARG-EFAULT, PIN-RET, UNPIN-INSERT, STATUS-RET", SHIM + "memfd_ashmem_shim_ioctl");
    public static final Difference COMPAT_NAME = new Difference(MEMFD_COMPAT,
            "GET_NAME answers the memfd's name (\"none\" when created unnamed); SET_NAME and SET_SIZE after creation answer EINVAL",
            "GETNAME-DEFAULT, NAME-FILE, SIZE-FILE", SHIM + "memfd_ashmem_shim_ioctl, get_name");
    public static final Difference COMPAT_PROT = new Difference(MEMFD_COMPAT,
            "the mask is READ|EXEC plus WRITE until F_SEAL_FUTURE_WRITE; SET_PROT_MASK adds READ|EXEC, refuses anything not in "
                    + "the mask with EINVAL and seals when WRITE is left out",
            "PROT-SET, PROT-SUBSET, PROT-RIE, PROT-GET", SHIM + "get_prot_mask, set_prot_mask");
    public static final Difference COMPAT_FILE_ID = new Difference(MEMFD_COMPAT,
            "GET_FILE_ID (0x8008770b) answers 0 (it writes the inode number)", "IOCTL-UNKNOWN", SHIM + "memfd_ashmem_shim_ioctl");

    private static Difference created(Profile p) {
        return new Difference(p, "a region is created by its first SET_SIZE: memfd_create(name, or \"none\") + ftruncate + "
                + "F_SEAL_GROW|F_SEAL_SHRINK; names over 249 bytes and sizes over 2^63-1 fail with EINVAL; before it the "
                + "handle is fd -1 (dup, mmap, read, llseek and ioctls: EBADF) and SET_NAME names the region to be",
                "OPEN-AREA, SIZE-SET, NAME-SET, NAME-TRUNC",
                CUTILS + "ashmem_create_region, memfd_create_region; mm/memfd.c memfd_create (MFD_NAME_MAX_LEN)");
    }

    private static Difference file(Profile p) {
        return new Difference(p, "the file exists from creation: read and llseek work at once, on a 0-byte region too",
                "READ-NOFILE, SEEK-NOFILE, SEEK-NOSIZE, READ-EOF", CUTILS + "memfd_create_region; mm/shmem.c shmem_file_llseek");
    }

    private static Difference mmap(Profile p) {
        return new Difference(p, "mmap of a regular file: no size checks (a mapping may be longer than the region, or map a "
                + "0-byte one), offsets past MAX_LFS_FILESIZE answer EOVERFLOW; with F_SEAL_FUTURE_WRITE a shared writable "
                + "mapping answers EPERM and a later shared one cannot gain WRITE (EACCES)",
                "MMAP-NOSIZE, MMAP-SIZE, MMAP-SYSCALL, MMAP-PROT, MMAP-MAY, MPROTECT-MAY",
                "mm/mmap.c do_mmap, file_mmap_ok; mm/memfd.c memfd_check_seals_mmap");
    }

    private static Difference privateView(Profile p) {
        return new Difference(p, "a private mapping is a copy-on-write view of the file: it sees stores through shared mappings "
                + "until it writes a page, and touching a page past EOF is SIGBUS", "MMAP-PRIVATE, MEM-PRIVATE, MEM-EOF",
                "mm/memory.c do_read_fault, do_cow_fault; mm/shmem.c shmem_fault");
    }

    private static Difference noShrinker(Profile p) {
        return new Difference(p, "no ashmem shrinker: nothing is ever unpinned, shrink_count and shrink_scan answer 0",
                "SHRINK-NR, SHRINK-NOFS, SHRINK-RET", "mm/shmem.c (a memfd has no ashmem LRU); " + SHIM + "ignores pinning");
    }

    private final String description;

    Profile(String description) {
        this.description = description;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    /** Everything this profile does differently from the reference. */
    public List<Difference> differences() {
        return switch (this) {
            case MAINLINE -> List.of();
            case RUST -> List.of(RUST_UNKNOWN_IOCTL, RUST_GET_FILE_ID, RUST_RIE_FIRST, RUST_NATIVE_WIDTH, RUST_LOCKED_PUNCH);
            case MEMFD -> List.of(MEMFD_PIN_NOOP, MEMFD_STATUS_PINNED, MEMFD_SEALS);
            case CUTILS_MEMFD -> List.of(CUTILS_CREATE, CUTILS_FILE, CUTILS_MMAP, CUTILS_PRIVATE, CUTILS_NO_SHRINKER,
                    CUTILS_PIN_ANY_FD, CUTILS_GET_SIZE_INT, CUTILS_SET_PROT, CUTILS_RAW_IOCTL);
            case MEMFD_COMPAT -> List.of(COMPAT_CREATE, COMPAT_FILE, COMPAT_MMAP, COMPAT_PRIVATE, COMPAT_NO_SHRINKER,
                    COMPAT_PIN, COMPAT_NAME, COMPAT_PROT, COMPAT_FILE_ID);
        };
    }

    public static Profile parse(String word) {
        for (var p : values()) {
            if (p.word().equalsIgnoreCase(word)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + word + "' (expected one of "
                + Arrays.stream(values()).map(Profile::word).collect(Collectors.joining(", ")) + ")");
    }
}
