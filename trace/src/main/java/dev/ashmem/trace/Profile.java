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
    MEMFD("memfd-based ashmem (libcutils on newer Android, the kernel's memfd shim)");

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

    private final String description;

    Profile(String description) {
        this.description = description;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
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
