package dev.ashmem.oracle.profile;

import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;

/** The differences both Rust revisions have, as each revision's own {@link Difference} constants. */
record RustDifferences(Difference pinStatusEfault, Difference rieFirst, Difference emptyName, Difference shrinkEmpty,
                       Difference scanPages, Difference staleCount, Difference nativeWidth) {

    static final RustDifferences R2024 = new RustDifferences(Profile.RUST_2024_PIN_STATUS_EFAULT, Profile.RUST_2024_RIE_FIRST,
            Profile.RUST_2024_EMPTY_NAME, Profile.RUST_2024_SHRINK_EMPTY, Profile.RUST_2024_SCAN_PAGES,
            Profile.RUST_2024_STALE_COUNT, Profile.RUST_2024_NATIVE_WIDTH);
    static final RustDifferences R2025 = new RustDifferences(Profile.RUST_2025_PIN_STATUS_EFAULT, Profile.RUST_2025_RIE_FIRST,
            Profile.RUST_2025_EMPTY_NAME, Profile.RUST_2025_SHRINK_EMPTY, Profile.RUST_2025_SCAN_PAGES,
            Profile.RUST_2025_STALE_COUNT, Profile.RUST_2025_NATIVE_WIDTH);
}
