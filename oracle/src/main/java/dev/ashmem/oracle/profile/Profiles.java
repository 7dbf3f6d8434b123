package dev.ashmem.oracle.profile;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Platform;
import dev.ashmem.trace.Profile;

/** The device of each profile: the model with the profile's documented differences applied. */
public final class Profiles {
    private Profiles() {
    }

    /** A fresh device with {@code profile}'s semantics on x86-64 (CTX-PLATFORM's default). */
    public static ProfileDevice newDevice(Profile profile, int pageSize) {
        return newDevice(profile, pageSize, Platform.X86_64);
    }

    /** A fresh device with {@code profile}'s semantics on {@code platform}'s generic layer (CTX-PLATFORM). */
    public static ProfileDevice newDevice(Profile profile, int pageSize, Platform platform) {
        return switch (profile) {
            case MAINLINE -> new MainlineDevice(new AshmemModel(pageSize, platform));
            case RUST_2024 -> new Rust2024Device(new AshmemModel(pageSize, platform));
            case RUST_2025 -> new Rust2025Device(new AshmemModel(pageSize, platform));
            case MEMFD -> new MemfdDevice(new AshmemModel(pageSize, platform));
            case CUTILS_MEMFD -> new CutilsMemfdDevice(pageSize, platform);
            case MEMFD_COMPAT -> new MemfdCompatDevice(pageSize, platform);
        };
    }
}
