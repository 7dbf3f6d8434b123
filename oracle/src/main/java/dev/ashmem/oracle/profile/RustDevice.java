package dev.ashmem.oracle.profile;

import dev.ashmem.trace.Profile;
import dev.ashmem.model.Abi;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;

/**
 * The Rust rewrite: the model with the rewrite's documented differences (spec 10.1). Its shrinker's
 * locked punch cannot be seen in a serial trace, so scans are the model's.
 */
final class RustDevice extends DelegatingDevice {
    /** ASHMEM_GET_FILE_ID = _IOR(0x77, 11, unsigned long). */
    static final long GET_FILE_ID = 0x8008770bL;

    RustDevice(AshmemModel m) {
        super(m);
    }

    @Override
    public Profile profile() {
        return Profile.RUST;
    }

    @Override
    public ProfileDevice copy() {
        return new RustDevice(m.copy());
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        var plain = super.ioctl(fd, new Command.GetSize(), Caller.APP); // resets the record; EBADF check only
        if (plain.isError()) {
            return plain;
        }
        return switch (cmd) {
            case Command.Unknown u when u.number() == GET_FILE_ID ->
                    differ(Profile.RUST_GET_FILE_ID, area(fd).orElseThrow().hasFile() ? Result.ZERO : Result.err(Errno.EINVAL));
            case Command.Unknown u -> differ(Profile.RUST_UNKNOWN_IOCTL, Result.err(Errno.EINVAL));
            case Command.SetProtMask c when caller.readImpliesExec() && (c.prot() & Prot.READ) != 0 ->
                    differ(Profile.RUST_RIE_FIRST, m.ioctl(fd, new Command.SetProtMask(c.prot() | Prot.EXEC),
                            new Caller(caller.capSysAdmin(), false)));
            case Command.Pin c -> pinNative(fd, c.arg(), a -> new Command.Pin(a), caller);
            case Command.Unpin c -> pinNative(fd, c.arg(), a -> new Command.Unpin(a), caller);
            case Command.GetPinStatus c -> pinNative(fd, c.arg(), a -> new Command.GetPinStatus(a), caller);
            default -> m.ioctl(fd, cmd, caller);
        };
    }

    /**
     * The rewrite's argument arithmetic in 64 bits with checked operations; the walk itself is the
     * same, so requests that fit the u32 fields go to the model.
     */
    private Result pinNative(int fd, Command.PinArg arg, java.util.function.Function<Command.PinArg, Command> cmd, Caller caller) {
        var area = area(fd).orElseThrow();
        if (arg.badPointer() || !area.hasFile()) {
            return m.ioctl(fd, cmd.apply(arg), caller);
        }
        int p = m.pageSize();
        long aligned = (area.size() + p - 1) & -(long) p;
        long offset = arg.offset();
        long len = arg.len();
        long mainlineLen = len == 0 ? (aligned - offset) & Abi.U32_MAX : len;
        if (len == 0) {
            if (Long.compareUnsigned(offset, aligned) > 0) {
                return differ(Profile.RUST_NATIVE_WIDTH, Result.err(Errno.EINVAL)); // checked_sub fails
            }
            len = aligned - offset;
        }
        boolean differs = len != mainlineLen || Abi.U32_MAX - offset < len;
        if (((offset | len) & (p - 1)) != 0 || Long.compareUnsigned(aligned, offset + len) < 0) {
            var r = Result.err(Errno.EINVAL);
            return differs ? differ(Profile.RUST_NATIVE_WIDTH, r) : r;
        }
        if (len > Abi.U32_MAX || Abi.U32_MAX - offset < len) {
            throw new ProfileLimitation("profile rust cannot evaluate a pin request of " + Long.toUnsignedString(len)
                    + " bytes at offset " + offset + ": the model's walk takes u32 fields");
        }
        var r = m.ioctl(fd, cmd.apply(Command.PinArg.of(offset, len)), caller);
        return differs ? differ(Profile.RUST_NATIVE_WIDTH, r) : r;
    }
}
