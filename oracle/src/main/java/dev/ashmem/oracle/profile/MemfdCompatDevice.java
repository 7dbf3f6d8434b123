package dev.ashmem.oracle.profile;

import dev.ashmem.model.Abi;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;
import java.util.Arrays;

/**
 * The Android common kernel's memfd ashmem shim (spec 10.1, profile memfd-compat):
 * mm/memfd-ashmem-shim.c memfd_ashmem_shim_ioctl, the ioctl of shmem files under
 * CONFIG_MEMFD_ASHMEM_SHIM, on memfds made as libcutils makes them. Every ioctl is the raw one.
 */
final class MemfdCompatDevice extends MemfdRegionDevice {
    /** ASHMEM_GET_FILE_ID = _IOR(0x77, 11, unsigned long) (mm/memfd-ashmem-shim-internal.h). */
    static final int GET_FILE_ID = 0x8008770b;

    MemfdCompatDevice(int pageSize, Platform platform) {
        super(pageSize, platform);
    }

    @Override
    public Profile profile() {
        return Profile.MEMFD_COMPAT;
    }

    @Override
    public ProfileDevice copy() {
        var c = new MemfdCompatDevice(pageSize, platform);
        c.copyFrom(this);
        return c;
    }

    @Override
    protected Result regionIoctl(int fd, Area area, Command cmd, Caller caller) {
        if (area == null) {
            return Result.err(Errno.EBADF); // HANDLE-EBADF
        }
        var file = area.file;
        if (file == null) {
            return switch (cmd) {
                case Command.SetName c -> nameToBe(area, c);
                case Command.SetSize c -> create(area, c.size());
                default -> differ(created(), Result.err(Errno.EBADF)); // ioctl(-1, ...)
            };
        }
        return switch (cmd) {
            case Command.SetName c -> differ(Profile.COMPAT_NAME, Result.err(Errno.EINVAL));
            case Command.SetSize c -> differ(Profile.COMPAT_NAME, Result.err(Errno.EINVAL));
            case Command.GetName c -> differ(Profile.COMPAT_NAME, c.badPointer() ? Result.err(Errno.EFAULT)
                    : new Result.Bytes(Arrays.copyOf(file.name, file.name.length + 1))); // get_name: the name and its NUL
            case Command.GetSize c -> Result.ok(file.size); // i_size_read
            case Command.SetProtMask c -> differ(Profile.COMPAT_PROT, setProt(file, c.prot()));
            case Command.GetProtMask c -> differ(Profile.COMPAT_PROT, Result.ok(maskOf(file)));
            case Command.Pin c -> differ(Profile.COMPAT_PIN, Result.ok(Abi.NOT_PURGED));
            case Command.Unpin c -> differ(Profile.COMPAT_PIN, Result.ZERO);
            case Command.GetPinStatus c -> differ(Profile.COMPAT_PIN, Result.ok(Abi.IS_PINNED));
            case Command.PurgeAllCaches c -> caller.capSysAdmin() ? Result.ZERO : Result.err(Errno.EPERM); // PURGE-EPERM
            case Command.Unknown u when (int) u.number() == GET_FILE_ID -> differ(Profile.COMPAT_FILE_ID, Result.ZERO);
            case Command.Unknown u -> Result.err(Errno.ENOTTY); // IOCTL-UNKNOWN
        };
    }

    /** set_prot_mask: only WRITE can go, by F_SEAL_FUTURE_WRITE; READ and EXEC always stay. */
    private static Result setProt(MemfdFile file, long prot) {
        prot |= Prot.READ | Prot.EXEC;
        if ((maskOf(file) & prot) != prot) {
            return Result.err(Errno.EINVAL);
        }
        if ((prot & Prot.WRITE) == 0) {
            file.futureWriteSealed = true;
        }
        return Result.ZERO;
    }

    @Override
    protected Difference created() {
        return Profile.COMPAT_CREATE;
    }

    @Override
    protected Difference fileFromCreation() {
        return Profile.COMPAT_FILE;
    }

    @Override
    protected Difference mmapOfAFile() {
        return Profile.COMPAT_MMAP;
    }

    @Override
    protected Difference privateView() {
        return Profile.COMPAT_PRIVATE;
    }

    @Override
    protected Difference noShrinker() {
        return Profile.COMPAT_NO_SHRINKER;
    }
}
