package dev.ashmem.oracle.profile;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.trace.Profile;

/** The device of each profile: the model with the profile's documented differences applied. */
public final class Profiles {
    private Profiles() {
    }

    /** A fresh device with {@code profile}'s semantics. */
    public static ProfileDevice newDevice(Profile profile, int pageSize) {
        return switch (profile) {
            case MAINLINE -> new MainlineDevice(new AshmemModel(pageSize));
            case RUST_2024 -> new Rust2024Device(new AshmemModel(pageSize));
            case RUST_2025 -> new Rust2025Device(new AshmemModel(pageSize));
            case MEMFD -> new MemfdDevice(new AshmemModel(pageSize));
            case CUTILS_MEMFD -> new CutilsMemfdDevice(pageSize);
            case MEMFD_COMPAT -> new MemfdCompatDevice(pageSize);
        };
    }
}
