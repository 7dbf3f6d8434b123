package dev.ashmem.impl.cutils;

import dev.ashmem.model.Abi;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import java.util.Objects;

/**
 * The libcutils API of {@code <cutils/ashmem.h>} over a device, with the C API's shape: functions
 * return ints, a handle or a status on success and a negative errno on failure.
 *
 * <p>One deliberate difference: libcutils casts the size_t offset and length of pin/unpin to the
 * driver's u32 fields without a check (its source leaves that check for later); here values outside [0, 2^32-1] are
 * refused with -EINVAL instead of being silently truncated.
 */
public final class Ashmem {
    public static final int ASHMEM_NOT_PURGED = (int) Abi.NOT_PURGED;
    public static final int ASHMEM_WAS_PURGED = (int) Abi.WAS_PURGED;
    public static final int ASHMEM_IS_UNPINNED = (int) Abi.IS_UNPINNED;
    public static final int ASHMEM_IS_PINNED = (int) Abi.IS_PINNED;


    private final AshmemDevice device;

    public Ashmem(AshmemDevice device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    public AshmemDevice device() {
        return device;
    }

    private static int toInt(Result r) {
        return switch (r) {
            case Result.Value v -> (int) v.value(); // int ioctl(...): the kernel's long, truncated
            case Result.Error e -> -e.errno().number();
            case Result.Bytes b -> b.length();
            case Result.Fault f -> throw new IllegalStateException("unexpected fault " + f);
        };
    }

    /** ashmem_create_region(name, size): open, SET_NAME, SET_SIZE; the handle or -errno. */
    public int createRegion(String name, long size) {
        Objects.requireNonNull(name, "name");
        var opened = device.open();
        if (!(opened instanceof Result.Value v)) {
            return toInt(opened);
        }
        int fd = (int) v.value();
        var r = device.ioctl(fd, Command.SetName.of(name));
        if (r.isError()) {
            device.close(fd);
            return toInt(r);
        }
        r = device.ioctl(fd, new Command.SetSize(size));
        if (r.isError()) {
            device.close(fd);
            return toInt(r);
        }
        return fd;
    }

    /** ashmem_set_prot_region(fd, prot): 0 or -errno. */
    public int setProtRegion(int fd, int prot) {
        return toInt(device.ioctl(fd, new Command.SetProtMask(prot & Abi.U32_MAX)));
    }

    /** ashmem_pin_region(fd, offset, len): ASHMEM_NOT_PURGED, ASHMEM_WAS_PURGED or -errno. */
    public int pinRegion(int fd, long offset, long len) {
        if (!fitsU32(offset) || !fitsU32(len)) {
            return -Errno.EINVAL.number();
        }
        return toInt(device.ioctl(fd, Command.pin(offset, len)));
    }

    /** ashmem_unpin_region(fd, offset, len): 0 or -errno. */
    public int unpinRegion(int fd, long offset, long len) {
        if (!fitsU32(offset) || !fitsU32(len)) {
            return -Errno.EINVAL.number();
        }
        return toInt(device.ioctl(fd, Command.unpin(offset, len)));
    }

    /** ASHMEM_GET_PIN_STATUS: ASHMEM_IS_PINNED, ASHMEM_IS_UNPINNED or -errno. */
    public int getPinStatus(int fd, long offset, long len) {
        if (!fitsU32(offset) || !fitsU32(len)) {
            return -Errno.EINVAL.number();
        }
        return toInt(device.ioctl(fd, Command.pinStatus(offset, len)));
    }

    /**
     * ashmem_get_size_region(fd): the size or -errno, as an int like the C API (so a region of 2 GiB
     * or more reads truncated, exactly as through ioctl(2)).
     */
    public int getSizeRegion(int fd) {
        return toInt(device.ioctl(fd, new Command.GetSize()));
    }

    /** ashmem_valid(fd): 1 when fd is an ashmem handle of this device, else 0. */
    public int valid(int fd) {
        return device.ioctl(fd, new Command.GetSize()).isError() ? 0 : 1;
    }

    /** ASHMEM_PURGE_ALL_CACHES through a temporary handle: lruCount before the purge, or -errno. */
    public int purgeAll(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        var opened = device.open();
        if (!(opened instanceof Result.Value v)) {
            return toInt(opened);
        }
        int fd = (int) v.value();
        try {
            return toInt(device.ioctl(fd, new Command.PurgeAllCaches(), caller));
        } finally {
            device.close(fd);
        }
    }

    /** close(fd). */
    public int close(int fd) {
        return toInt(device.close(fd));
    }

    private static boolean fitsU32(long v) {
        return v >= 0 && v <= Abi.U32_MAX;
    }
}
