package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;

import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import dev.ashmem.model.Unsigned;

/**
 * ASHMEM_PIN, ASHMEM_UNPIN and ASHMEM_GET_PIN_STATUS: the argument checks shared by all three, the wait
 * for in-flight punches, and the walks (in {@link dev.ashmem.impl.range.UnpinnedRanges}); the
 * counterpart of the model's PinRules.
 */
final class PinOps {
    private final DeviceState s;
    private final ShrinkerOps shrinker;

    PinOps(DeviceState s, ShrinkerOps shrinker) {
        this.s = s;
        this.shrinker = shrinker;
    }

    /** Which of the three pin commands is running. */
    enum PinKind { PIN, UNPIN, STATUS }

    /**
     * The whole ioctl for handle {@code fd}: HANDLE-EBADF, then ashmem_pin_unpin(): PINARG-EFAULT,
     * PINARG-WAIT, the checks under the mutex, the walk. It takes no reference on the area (the
     * kernel's fdget of an unshared table does not either): the mutex alone keeps it, because release
     * drops the ranges and the file only after taking the mutex, and the handle is looked up again
     * once the mutex is held. A handle closed (or reopened onto another area) in between answers
     * EBADF, as if the close had come first, which it did, during this call.
     */
    Result pinUnpin(int fd, PinKind kind, Command.PinArg arg) {
        var area = s.handles.peek(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        if (arg.badPointer()) {
            return err(Errno.EFAULT); // PINARG-EFAULT
        }
        PinPages early = null;
        if (!s.decisions.pinChecksUnderMutex()) {
            // The broken order reads the size, then (where the driver's copy_from_user of a later field
            // could fault and sleep) the file: a SET_SIZE plus first mmap in between is what it misses.
            long size = area.size;
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            early = pinPages(area.file != null, size, arg.offset(), arg.len());
            if (early == null) {
                return err(Errno.EINVAL);
            }
        }
        s.mutex.lock();
        try {
            if (s.handles.peek(fd) != area) {
                return err(Errno.EBADF); // HANDLE-EBADF: closed while this call waited
            }
            if (s.decisions.awaitsPunches()) {
                shrinker.awaitPunchesDrained(); // PINARG-WAIT
            }
            var pages = early != null ? early : pinPages(area.file != null, area.size, arg.offset(), arg.len());
            if (pages == null) {
                return err(Errno.EINVAL);
            }
            var ranges = area.unpinned;
            return result(switch (kind) {
                case PIN -> ranges.pin(pages.pgstart(), pages.pgend());
                case UNPIN -> ranges.unpin(pages.pgstart(), pages.pgend());
                case STATUS -> ranges.status(pages.pgstart(), pages.pgend());
            });
        } finally {
            s.mutex.unlock();
        }
    }

    /** The walks answer 0 or 1 (PIN-RET, UNPIN-RET, STATUS-RET): shared values, nothing allocated per call. */
    private static Result result(long value) {
        return value == 0 ? Result.ZERO : value == 1 ? ONE : Result.ok(value);
    }

    private static final Result ONE = Result.ok(1);

    /**
     * PINARG-NOFILE, PINARG-LEN0, PINARG-ALIGN, PINARG-OVERFLOW, PINARG-BOUNDS, PINARG-PAGES, in that
     * order: the page interval, or null for EINVAL. {@code offset} and {@code len} are u32.
     */
    private PinPages pinPages(boolean hasFile, long size, long offset, long len) {
        if (!hasFile) {
            return null; // PINARG-NOFILE
        }
        long alignedSize = s.pageAlign(size);
        if (len == 0) {
            len = s.decisions.lenToEnd(alignedSize, offset); // PINARG-LEN0
        }
        if (!s.decisions.pinArgAligned(offset, len, s.pageSize)) {
            return null; // PINARG-ALIGN
        }
        if (s.decisions.pinArgOverflows(offset, len)) {
            return null; // PINARG-OVERFLOW
        }
        if (Unsigned.lt(alignedSize, offset + len)) {
            return null; // PINARG-BOUNDS
        }
        int shift = Integer.numberOfTrailingZeros(s.pageSize); // P is a power of two: unsigned division
        long pages = len >>> shift;
        if (pages == 0 && !s.decisions.emptyRequestAllowed()) {
            return null;
        }
        long pgstart = offset >>> shift; // PINARG-PAGES
        return new PinPages(pgstart, pgstart + pages - 1); // PINARG-EMPTY: len 0 here gives [pgstart, pgstart-1]
    }
}
