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
    MEMFD("memfd-based ashmem (libcutils on newer Android, the kernel's memfd shim)");

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
