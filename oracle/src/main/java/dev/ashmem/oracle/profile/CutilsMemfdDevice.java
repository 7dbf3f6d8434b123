package dev.ashmem.oracle.profile;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;

/**
 * libcutils over memfd (spec 10.1, profile cutils-memfd): AOSP system/core libcutils/ashmem-dev.cpp at
 * 2a760959c (2025-01-07) with memfd switched on, on a kernel without the memfd ashmem shim. The library's
 * functions answer what they cover (ashmem_create_region, ashmem_set_prot_region, ashmem_pin_region,
 * ashmem_unpin_region, ashmem_get_size_region); every other ioctl is the raw ioctl on the memfd.
 */
final class CutilsMemfdDevice extends MemfdRegionDevice {

    CutilsMemfdDevice(int pageSize, Platform platform) {
        super(pageSize, platform);
    }

    @Override
    public Profile profile() {
        return Profile.CUTILS_MEMFD;
    }

    @Override
    public ProfileDevice copy() {
        var c = new CutilsMemfdDevice(pageSize, platform);
        c.copyFrom(this);
        return c;
    }

    @Override
    protected Result regionIoctl(int fd, Area area, Command cmd, Caller caller) {
        var file = area == null ? null : area.file;
        return switch (cmd) {
            // do_pin: is_memfd_fd(fd) holds for any fd whose fstat fails, so this never looks at fd
            case Command.Pin c -> differ(Profile.CUTILS_PIN_ANY_FD, Result.ZERO);
            case Command.Unpin c -> differ(Profile.CUTILS_PIN_ANY_FD, Result.ZERO);
            case Command.SetName c when area != null && file == null -> nameToBe(area, c);
            case Command.SetSize c when area != null && file == null -> create(area, c.size());
            case Command.GetSize c -> file == null ? badFd(area) : differ(Profile.CUTILS_GET_SIZE_INT, sizeAsInt(file.size));
            case Command.SetProtMask c -> file == null ? badFd(area) : differ(Profile.CUTILS_SET_PROT, setProt(file, (int) c.prot()));
            // no function in the library: ioctl(fd, ...) on a memfd, which has no ioctl of its own
            default -> file == null ? badFd(area) : differ(Profile.CUTILS_RAW_IOCTL, Result.err(Errno.ENOTTY));
        };
    }

    /**
     * ashmem_get_size_region: fstat's st_size returned as an int. An int of -1 is the function's failure
     * value, and errno then holds the ENOTTY that memfd_is_ashmem's __ashmem_is_ashmem left on the way.
     */
    private static Result sizeAsInt(long size) {
        int v = (int) size;
        return v == -1 ? Result.err(Errno.ENOTTY) : Result.ok(v);
    }

    /** memfd_set_prot_region. */
    private static Result setProt(MemfdFile file, int prot) {
        if ((prot & Prot.WRITE) != 0) {
            return file.futureWriteSealed ? Result.err(Errno.EINVAL) : Result.ZERO;
        }
        file.futureWriteSealed = true; // F_ADD_SEALS F_SEAL_FUTURE_WRITE
        return Result.ZERO;
    }

    /** The call on fd -1 (no region yet) or on no handle at all. */
    private Result badFd(Area area) {
        return area == null ? Result.err(Errno.EBADF) : differ(created(), Result.err(Errno.EBADF));
    }

    @Override
    protected Difference created() {
        return Profile.CUTILS_CREATE;
    }

    @Override
    protected Difference fileFromCreation() {
        return Profile.CUTILS_FILE;
    }

    @Override
    protected Difference mmapOfAFile() {
        return Profile.CUTILS_MMAP;
    }

    @Override
    protected Difference privateView() {
        return Profile.CUTILS_PRIVATE;
    }

    @Override
    protected Difference noShrinker() {
        return Profile.CUTILS_NO_SHRINKER;
    }
}
