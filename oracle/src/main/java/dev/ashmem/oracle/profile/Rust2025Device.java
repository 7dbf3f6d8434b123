package dev.ashmem.oracle.profile;

import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.CommandWord;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Profile;

/**
 * The 2025 revision of the Rust driver: module ashmem, drivers/staging/android/ashmem.rs as stored in
 * BayLibre/android_kernel_common at 1668dc5205e7 (spec 10.1). Unknown commands answer ENOTTY again, the
 * compat numbers reach the native path (CONFIG_COMPAT, as on arm64 and x86-64 GKI), an empty request
 * returns at once, and mmap refuses sizes of 2^63 - 1 or more first.
 */
final class Rust2025Device extends RustDevice {
    /** COMPAT_ASHMEM_SET_SIZE = _IOW(0x77, 3, compat_size_t), drivers/staging/android/ashmem.h. */
    static final long COMPAT_SET_SIZE = 0x40047703L;
    /** COMPAT_ASHMEM_SET_PROT_MASK = _IOW(0x77, 5, unsigned int). */
    static final long COMPAT_SET_PROT_MASK = 0x40047705L;
    /** COMPAT_ASHMEM_GET_FILE_ID = _IOR(0x77, 11, compat_ulong_t). */
    static final long COMPAT_GET_FILE_ID = 0x8004770bL;
    /** ASHMEM_MAX_SIZE = usize::MAX >> 1. */
    static final long MAX_SIZE = Long.MAX_VALUE;

    Rust2025Device(AshmemModel m) {
        this(m, new RustDriverState());
    }

    private Rust2025Device(AshmemModel m, RustDriverState state) {
        super(m, state, RustDifferences.R2025);
    }

    @Override
    public Profile profile() {
        return Profile.RUST_2025;
    }

    @Override
    public ProfileDevice copy() {
        return new Rust2025Device(m.copy(), stateCopy());
    }

    @Override
    Result unknown(int fd, Command.Unknown u, AreaSnapshot area, Caller caller) {
        long n = u.number();
        if (n == CommandWord.GET_FILE_ID.number() || n == COMPAT_GET_FILE_ID) {
            return fileId(area, Profile.RUST_2025_GET_FILE_ID);
        }
        if (n == COMPAT_SET_SIZE || n == COMPAT_SET_PROT_MASK) {
            throw new ProfileLimitation("profile rust-2025 cannot evaluate " + u + ": the driver takes it as "
                    + (n == COMPAT_SET_SIZE ? "SET_SIZE" : "SET_PROT_MASK") + " (" + Profile.RUST_2025_COMPAT_NUMBERS.source()
                    + ") and a raw command number carries no argument in a trace");
        }
        return m.ioctl(fd, u, caller); // ENOTTY, as the reference
    }

    /** checked_sub fails: EINVAL, as the reference's wrapped u32 length fails its own checks. */
    @Override
    Result lenZeroPastEnd(int fd, Command cmd, Caller caller) {
        return bothRefuse(fd, cmd, caller);
    }

    @Override
    Result emptyRequest(int fd, Command cmd, Caller caller) {
        return differ(Profile.RUST_2025_EMPTY_PIN, Result.ZERO); // ASHMEM_NOT_PURGED for PIN, 0 for UNPIN
    }

    /** The size test is the driver's first: after the generic layer, before the length and mask checks. */
    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        var area = area(fd);
        if (area.isPresent() && Long.compareUnsigned(area.get().size(), MAX_SIZE) >= 0) {
            var probe = m.copy();
            var r = probe.mmap(fd, length, prot, shared, offset, caller);
            if (!(r.isError() && GENERIC_MMAP.contains(probe.lastRules().getLast()))) {
                return differ(Profile.RUST_2025_MAX_SIZE, Result.err(Errno.EINVAL));
            }
        }
        return super.mmap(fd, length, prot, shared, offset, caller);
    }
}
