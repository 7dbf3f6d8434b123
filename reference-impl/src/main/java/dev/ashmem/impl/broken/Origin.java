package dev.ashmem.impl.broken;

/** Where a broken variant comes from; the numbered bugs are those of the fact sheet's list of the driver's history. */
public enum Origin {
    CVE_2011_1149("CVE-2011-1149 (driver bug 1): a read-only mapping made writable by mprotect"),
    CVE_2017_13216("CVE-2017-13216 (driver bug 2): SET_SIZE racing the first mmap"),
    DRIVER_BUG_3("driver bug 3: pin arguments checked before the mutex"),
    OLDER_C_DRIVERS("driver bug 4: older C drivers let mmap reach past PAGE_ALIGN(size)"),
    DRIVER_BUG_5("driver bug 5: MAP_PRIVATE mappings faulted instead of being anonymous"),
    DRIVER_BUG_6("driver bug 6: no wait for in-flight hole punches (older C drivers)"),
    RUST_LEN0_UNDERFLOW("driver bug 8: the 2024 Rust rewrite's len 0 arithmetic underflowed (panics)"),
    RUST_REWRITE("the 2024 Rust rewrite's behaviour (a profile difference), as a bug of the C driver"),
    INFO_LEAK("synthetic: an information leak"),
    CHECKER("synthetic: the model checker's seeded bug"),
    SYNTHETIC("synthetic: a plausible mistake");

    private final String description;

    Origin(String description) {
        this.description = description;
    }

    /** True for defects that existed in a real version of the driver. */
    public boolean historical() {
        return switch (this) {
            case CVE_2011_1149, CVE_2017_13216, DRIVER_BUG_3, OLDER_C_DRIVERS, DRIVER_BUG_5, DRIVER_BUG_6, RUST_LEN0_UNDERFLOW -> true;
            default -> false;
        };
    }

    public String description() {
        return description;
    }
}
