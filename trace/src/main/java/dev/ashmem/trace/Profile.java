package dev.ashmem.trace;

import java.util.List;
import java.util.Locale;

/**
 * The documented variants of ashmem (fact sheet, "Profile differences"; spec chapter 10) the oracle can
 * be told to expect. MAINLINE is the reference, the model itself; the others are the model with their
 * documented differences applied. Only the names and the documented differences live here, with the trace
 * format's {@code profile} header; the devices that behave so are the oracle's ({@code Profiles.newDevice}).
 */
public enum Profile {
    MAINLINE("the mainline C driver of Linux 5.15, the reference semantics (the model)"),
    /** drivers/staging/android/ashmem_rust.rs (module ashmem_rust), BayLibre/android_kernel_common 010bd3a03d81. */
    RUST_2024("the Rust driver, module ashmem_rust (ashmem_rust.rs, 2024 revision)"),
    /** drivers/staging/android/ashmem.rs (module ashmem), BayLibre/android_kernel_common 1668dc5205e7. */
    RUST_2025("the Rust driver, module ashmem (ashmem.rs, 2025 revision)"),
    /** Deprecated: written from the fact sheet, matches no implementation; kept for examples/memfd-ashmem. */
    MEMFD("deprecated: the fact sheet's memfd-based ashmem (use cutils-memfd or memfd-compat)"),
    CUTILS_MEMFD("AOSP libcutils ashmem-dev.cpp in memfd mode (system/core 2a760959c, 2025-01-07) on a kernel without the memfd ashmem shim"),
    MEMFD_COMPAT("the Android common kernel's memfd ashmem shim (mm/memfd-ashmem-shim.c, 2025) on memfds made as libcutils makes them");

    // The Rust driver, read from its source (spec 10.1). Each revision has its own list; the shared
    // behaviours are listed twice because a Difference belongs to one profile.
    private static final String R24 = "ashmem_rust.rs";
    private static final String R25 = "ashmem.rs";
    private static final String RANGE = "ashmem_range.rs";

    public static final Difference RUST_2024_UNKNOWN_IOCTL = new Difference(RUST_2024,
            "unknown ioctl -> EINVAL", "IOCTL-UNKNOWN", R24 + " Ashmem::ioctl (`_ => Err(EINVAL)`)");
    public static final Difference RUST_2024_GET_FILE_ID = new Difference(RUST_2024,
            "GET_FILE_ID (0x8008770b) exists: EINVAL before the backing file exists, else 0 (the inode number is written to the argument)",
            "IOCTL-UNKNOWN", R24 + " Ashmem::get_file_id");
    public static final Difference RUST_2024_PIN_STATUS_EFAULT = new Difference(RUST_2024,
            "GET_PIN_STATUS always fails with EFAULT: ASHMEM_GET_PIN_STATUS is _IO(0x77, 9), so the user slice has size 0 "
                    + "and reading the 8-byte struct ashmem_pin fails, before the lock and the file check",
            "PINARG-EFAULT, STATUS-RET", R24 + " Ashmem::ioctl (UserSlice::new(arg, _IOC_SIZE(cmd))), Ashmem::pin_unpin (reader.read())");
    public static final Difference RUST_2024_RIE_FIRST = new Difference(RUST_2024,
            "READ_IMPLIES_EXEC adds EXEC before the SET_PROT_MASK subset check", "PROT-RIE", R24 + " Ashmem::set_prot_mask");
    public static final Difference RUST_2024_EMPTY_NAME = new Difference(RUST_2024,
            "SET_NAME of the empty string stores an empty name: GET_NAME then returns a lone NUL, not dev/ashmem",
            "GETNAME-DEFAULT", R24 + " Ashmem::set_name (name = Some(empty)), Ashmem::get_name (default only for None)");
    public static final Difference RUST_2024_LONG_NAME = new Difference(RUST_2024,
            "GET_NAME of a 255-byte name (the longest SET_NAME keeps) fails with EINVAL, even with an unwritable buffer",
            "GETNAME-COPY", R24 + " Ashmem::get_name (`local_name.len() <= len_with_nul`)");
    public static final Difference RUST_2024_SHRINK_EMPTY = new Difference(RUST_2024,
            "shrink_count answers SHRINK_EMPTY (2^64 - 2) when lruCount is 0", "SHRINK-COUNT",
            RANGE + " <AshmemModule as Shrinker>::count_objects (CountObjects::EMPTY)");
    public static final Difference RUST_2024_SCAN_PAGES = new Difference(RUST_2024,
            "shrink_scan frees whole ranges, oldest first, until the pages freed reach nr_to_scan (at least one range; "
                    + "nr_to_scan 0 frees one range, where the reference frees all)", "SHRINK-NR",
            RANGE + " AshmemGuard::free_lru (`freed >= stop_after`)");
    public static final Difference RUST_2024_STALE_COUNT = new Difference(RUST_2024,
            "pages the shrinker frees stay counted: shrink_count and PURGE_ALL_CACHES keep reporting them (free_lru pops "
                    + "each range off the LRU, then remove_lru finds it on no list and leaves LRU_COUNT)",
            "SHRINK-MARK, SHRINK-COUNT, PURGE-RET", RANGE + " AshmemGuard::free_lru, AshmemGuard::remove_lru");
    public static final Difference RUST_2024_NATIVE_WIDTH = new Difference(RUST_2024,
            "PIN/UNPIN compute in usize: len 0 becomes PAGE_ALIGN(size) - offset uncut and offset + len has no u32 limit, "
                    + "so in a region of 4 GiB or more requests with offset + len >= 2^32 succeed (the profile stops with a limitation)",
            "PINARG-LEN0, PINARG-OVERFLOW", R24 + " Ashmem::pin_unpin");
    public static final Difference RUST_2024_LEN0_OVERFLOW = new Difference(RUST_2024,
            "PIN/UNPIN with len 0 and offset > PAGE_ALIGN(size) subtract without a check: an arithmetic overflow "
                    + "(a kernel panic with CONFIG_RUST_OVERFLOW_CHECKS; the profile stops with a limitation)",
            "PINARG-LEN0", R24 + " Ashmem::pin_unpin (`page_align(asma.size) - offset`)");
    public static final Difference RUST_2024_EMPTY_UNPIN_OVERFLOW = new Difference(RUST_2024,
            "UNPIN of len 0 at offset PAGE_ALIGN(size) inserts the empty range [s..s-1], whose size pgend - pgstart + 1 "
                    + "overflows (a panic with CONFIG_RUST_OVERFLOW_CHECKS; the profile stops with a limitation)",
            "PINARG-EMPTY, UNPIN-INSERT", RANGE + " Range::size, called by AshmemGuard::insert_lru");
    public static final Difference RUST_2024_MMAP_ALIGN_OVERFLOW = new Difference(RUST_2024,
            "mmap of an area whose size is above 2^64 - PAGE_SIZE overflows page_align (a panic; the profile stops with a limitation)",
            "MMAP-SIZE", R24 + " Ashmem::mmap (page_align(asma.size)); rust/kernel/page.rs page_align");
    public static final Difference RUST_2024_LOCKED_PUNCH = new Difference(RUST_2024,
            "the shrinker keeps its lock while punching (not visible in a serial trace)", "CONC-PUNCH-UNLOCKED",
            RANGE + " AshmemGuard::free_lru");

    public static final Difference RUST_2025_GET_FILE_ID = new Difference(RUST_2025,
            "GET_FILE_ID (0x8008770b) and its compat number (0x8004770b) exist: EINVAL before the backing file exists, "
                    + "else 0 (the inode number is written to the argument)",
            "IOCTL-UNKNOWN", R25 + " Ashmem::ioctl, Ashmem::get_file_id, Ashmem::compat_get_file_id");
    public static final Difference RUST_2025_COMPAT_NUMBERS = new Difference(RUST_2025,
            "the compat numbers of SET_SIZE (0x40047703) and SET_PROT_MASK (0x40047705) are taken from native callers too "
                    + "(a raw number carries no argument in a trace: the profile stops with a limitation)",
            "IOCTL-UNKNOWN", R25 + " Ashmem::ioctl (#[cfg(CONFIG_COMPAT)] cmd mapping)");
    public static final Difference RUST_2025_PIN_STATUS_EFAULT = new Difference(RUST_2025,
            "GET_PIN_STATUS always fails with EFAULT: ASHMEM_GET_PIN_STATUS is _IO(0x77, 9), so the user slice has size 0 "
                    + "and reading the 8-byte struct ashmem_pin fails, before the lock and the file check",
            "PINARG-EFAULT, STATUS-RET", R25 + " Ashmem::ioctl (UserSlice::new(arg, _IOC_SIZE(cmd))), Ashmem::pin_unpin (reader.read())");
    public static final Difference RUST_2025_RIE_FIRST = new Difference(RUST_2025,
            "READ_IMPLIES_EXEC adds EXEC before the SET_PROT_MASK subset check", "PROT-RIE", R25 + " Ashmem::set_prot_mask");
    public static final Difference RUST_2025_EMPTY_NAME = new Difference(RUST_2025,
            "SET_NAME of the empty string stores an empty name: GET_NAME then returns a lone NUL, not dev/ashmem",
            "GETNAME-DEFAULT", R25 + " Ashmem::set_name (strcpy_into_buf, name = Some(empty)), Ashmem::get_name");
    public static final Difference RUST_2025_EMPTY_PIN = new Difference(RUST_2025,
            "PIN/UNPIN of len 0 at offset PAGE_ALIGN(size) return NOT_PURGED / 0 at once: no empty range is walked or inserted",
            "PINARG-EMPTY", R25 + " Ashmem::pin_unpin (`if len == 0`)");
    public static final Difference RUST_2025_MAX_SIZE = new Difference(RUST_2025,
            "mmap of an area whose size is 2^63 - 1 or more fails with EINVAL before the length and mask checks",
            "MMAP-SIZE, MMAP-PROT, MMAP-FILE-EINVAL", R25 + " Ashmem::mmap (ASHMEM_MAX_SIZE = usize::MAX >> 1)");
    public static final Difference RUST_2025_SHRINK_EMPTY = new Difference(RUST_2025,
            "shrink_count answers SHRINK_EMPTY (2^64 - 2) when lruCount is 0", "SHRINK-COUNT",
            RANGE + " <AshmemModule as Shrinker>::count_objects (CountObjects::EMPTY)");
    public static final Difference RUST_2025_SCAN_PAGES = new Difference(RUST_2025,
            "shrink_scan frees whole ranges, oldest first, until the pages freed reach nr_to_scan (at least one range; "
                    + "nr_to_scan 0 frees one range, where the reference frees all)", "SHRINK-NR",
            RANGE + " AshmemGuard::free_lru (`freed >= stop_after`)");
    public static final Difference RUST_2025_STALE_COUNT = new Difference(RUST_2025,
            "pages the shrinker frees stay counted: shrink_count and PURGE_ALL_CACHES keep reporting them (free_lru pops "
                    + "each range off the LRU, then remove_lru finds it on no list and leaves LRU_COUNT)",
            "SHRINK-MARK, SHRINK-COUNT, PURGE-RET", RANGE + " AshmemGuard::free_lru, AshmemGuard::remove_lru");
    public static final Difference RUST_2025_NATIVE_WIDTH = new Difference(RUST_2025,
            "PIN/UNPIN compute in usize: len 0 becomes PAGE_ALIGN(size) - offset uncut (checked_sub) and offset + len has no "
                    + "u32 limit, so in a region of 4 GiB or more requests with offset + len >= 2^32 succeed (the profile stops with a limitation)",
            "PINARG-LEN0, PINARG-OVERFLOW", R25 + " Ashmem::pin_unpin");
    public static final Difference RUST_2025_LOCKED_PUNCH = new Difference(RUST_2025,
            "the shrinker keeps its lock while punching (not visible in a serial trace)", "CONC-PUNCH-UNLOCKED",
            RANGE + " AshmemGuard::free_lru");
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

    /** The profile's name in traces and on command lines ({@code rust-2024}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every name {@link #parse} accepts: the words, then the aliases. */
    public static List<String> words() {
        var out = new java.util.ArrayList<String>();
        for (var p : values()) {
            out.add(p.word());
        }
        out.addAll(ALIASES.keySet());
        return List.copyOf(out);
    }

    public String description() {
        return description;
    }

    /** Everything this profile does differently from the reference. */
    public List<Difference> differences() {
        return switch (this) {
            case MAINLINE -> List.of();
            case RUST_2024 -> List.of(RUST_2024_UNKNOWN_IOCTL, RUST_2024_GET_FILE_ID, RUST_2024_PIN_STATUS_EFAULT,
                    RUST_2024_RIE_FIRST, RUST_2024_EMPTY_NAME, RUST_2024_LONG_NAME, RUST_2024_SHRINK_EMPTY, RUST_2024_SCAN_PAGES, RUST_2024_STALE_COUNT,
                    RUST_2024_NATIVE_WIDTH, RUST_2024_LEN0_OVERFLOW, RUST_2024_EMPTY_UNPIN_OVERFLOW, RUST_2024_MMAP_ALIGN_OVERFLOW, RUST_2024_LOCKED_PUNCH);
            case RUST_2025 -> List.of(RUST_2025_GET_FILE_ID, RUST_2025_COMPAT_NUMBERS, RUST_2025_PIN_STATUS_EFAULT,
                    RUST_2025_RIE_FIRST, RUST_2025_EMPTY_NAME, RUST_2025_EMPTY_PIN, RUST_2025_MAX_SIZE, RUST_2025_SHRINK_EMPTY,
                    RUST_2025_SCAN_PAGES, RUST_2025_STALE_COUNT, RUST_2025_NATIVE_WIDTH, RUST_2025_LOCKED_PUNCH);
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
        var alias = ALIASES.get(word.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return alias;
        }
        throw new IllegalArgumentException("unknown profile '" + word + "' (expected one of " + String.join(", ", words()) + ")");
    }

    /** Older names still accepted: {@code rust} is the newest Rust revision. */
    private static final java.util.Map<String, Profile> ALIASES = java.util.Map.of("rust", RUST_2025);
}
