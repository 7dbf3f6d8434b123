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
 * The 2024 revision of the Rust driver: module ashmem_rust, drivers/staging/android/ashmem_rust.rs as
 * stored in BayLibre/android_kernel_common at 010bd3a03d81 (spec 10.1). Unknown commands answer EINVAL,
 * a 255-byte name cannot be read back, and two unchecked computations overflow, which the profile reports
 * as limitations rather than guessing what a panicking kernel shows.
 */
final class Rust2024Device extends RustDevice {
    /** The longest name set_name keeps (ASHMEM_NAME_LEN - 1); get_name cannot return it. */
    private static final int NAME_MAX_KEPT = 255;

    Rust2024Device(AshmemModel m) {
        this(m, new RustDriverState());
    }

    private Rust2024Device(AshmemModel m, RustDriverState state) {
        super(m, state, RustDifferences.R2024);
    }

    @Override
    public Profile profile() {
        return Profile.RUST_2024;
    }

    @Override
    public ProfileDevice copy() {
        return new Rust2024Device(m.copy(), stateCopy());
    }

    @Override
    Result unknown(int fd, Command.Unknown u, AreaSnapshot area, Caller caller) {
        if (u.number() == CommandWord.GET_FILE_ID.number()) {
            return fileId(area, Profile.RUST_2024_GET_FILE_ID);
        }
        return differ(Profile.RUST_2024_UNKNOWN_IOCTL, Result.err(Errno.EINVAL)); // compat numbers only reach compat_ioctl
    }

    /** get_name refuses {@code len + 1 >= ASHMEM_NAME_LEN} before copying out, so before any EFAULT. */
    @Override
    Result getName(int fd, Command.GetName c, AreaSnapshot area, Caller caller) {
        if (area.name().length() >= NAME_MAX_KEPT) {
            return differ(Profile.RUST_2024_LONG_NAME, Result.err(Errno.EINVAL));
        }
        return super.getName(fd, c, area, caller);
    }

    /** {@code page_align(asma.size) - offset} unchecked: overflow checks panic, the trace cannot show that. */
    @Override
    Result lenZeroPastEnd(int fd, Command cmd, Caller caller) {
        throw new ProfileLimitation("profile rust-2024 cannot evaluate " + cmd + ": with len 0 and an offset past PAGE_ALIGN(size) "
                + "the driver's subtraction overflows (" + Profile.RUST_2024_LEN0_OVERFLOW.source() + ")");
    }

    /**
     * The empty request [s..s-1]: PIN takes the C driver's walk (PINARG-EMPTY), which stops at once since
     * every range lies below page s; UNPIN inserts the empty range, whose size computation overflows.
     */
    @Override
    Result emptyRequest(int fd, Command cmd, Caller caller) {
        if (cmd instanceof Command.Unpin) {
            throw new ProfileLimitation("profile rust-2024 cannot evaluate " + cmd + ": the empty range it inserts has size "
                    + "pgend - pgstart + 1 with pgend = pgstart - 1, an overflow (" + Profile.RUST_2024_EMPTY_UNPIN_OVERFLOW.source()
                    + "): a panic with CONFIG_RUST_OVERFLOW_CHECKS, the reference's empty range without");
        }
        return m.ioctl(fd, cmd, caller);
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        var area = area(fd);
        int p = m.pageSize();
        if (area.isPresent() && area.get().size() != 0 && Long.compareUnsigned(area.get().size(), -(long) p) > 0) {
            var probe = m.copy();
            var r = probe.mmap(fd, length, prot, shared, offset, caller);
            if (!(r.isError() && GENERIC_MMAP.contains(probe.lastRules().getLast()))) {
                throw new ProfileLimitation("profile rust-2024 cannot evaluate this mmap: page-aligning the size "
                        + Long.toUnsignedString(area.get().size()) + " overflows (" + Profile.RUST_2024_MMAP_ALIGN_OVERFLOW.source() + ")");
            }
        }
        return super.mmap(fd, length, prot, shared, offset, caller);
    }
}
